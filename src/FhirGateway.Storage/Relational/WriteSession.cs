using FhirGateway.Storage.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// The write rules, run inside one database transaction. Each write decides before it writes, or undoes its own
/// rows before it reports that it did not succeed, so an unsuccessful write leaves nothing behind even inside a
/// larger unit of work. The decisions that concurrency could break are taken by the database: the resource row lock
/// (PostgreSQL <c>FOR UPDATE</c>; SQLite's single writer) orders writers of one resource, and the unique
/// constraints on <c>resources (resource_type, resource_id)</c> and <c>conditional_claims (claim_hash)</c> decide
/// between concurrent creators.
/// </summary>
internal sealed class WriteSession(DbSession db, TimeProvider clock, ILogger logger)
{
    /// <summary>How often a write re-runs after losing a race to a concurrent writer before giving up.</summary>
    private const int MaxRaceAttempts = 8;

    // https://hl7.org/fhir/R4/http.html#read
    public async Task<ReadResult> ReadAsync(string type, string id, CancellationToken cancellationToken)
    {
        var version = await ResourceRows.ReadCurrentAsync(db, type, id, cancellationToken);
        return version is null ? ReadResult.NotFound : ReadResult.Of(version);
    }

    // https://hl7.org/fhir/R4/http.html#vread
    public async Task<ReadResult> VReadAsync(string type, string id, long versionId, CancellationToken cancellationToken)
    {
        var version = await ResourceRows.ReadVersionAsync(db, type, id, versionId, cancellationToken);
        return version is null ? ReadResult.NotFound : ReadResult.Of(version);
    }

    // https://hl7.org/fhir/R4/http.html#create
    public async Task<WriteResult> CreateAsync(WriteInput input, CancellationToken cancellationToken)
    {
        var id = input.Write.AssignedId ?? Guid.CreateVersion7().ToString("D");
        var now = Now(null);
        var key = await ResourceRows.InsertAsync(db, input.ResourceType, id, 1, now, input.Write.IndexFingerprint, cancellationToken)
            ?? throw new InvalidOperationException($"The id assigned to a new {input.ResourceType} was already taken.");
        await using var batch = new WriteBatch(db);
        await IdentityKeyRows.AddAsync(batch, key, input.Keys, cancellationToken);
        return new WriteResult(WriteStatus.Created, await WriteVersionAsync(batch, key, input, id, 1, ResourceChange.Create, now, null, cancellationToken));
    }

    // https://hl7.org/fhir/R4/http.html#ccreate: the claim of the criteria, taken in this transaction, decides.
    public async Task<WriteResult> ConditionalCreateAsync(WriteInput input, ClaimInput claim, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A fast path only (it sees committed claims): the insert below is what decides.
            if (await HeldAsync(input.ResourceType, claim, cancellationToken) is { } held)
            {
                return held;
            }

            var id = input.Write.AssignedId ?? Guid.CreateVersion7().ToString("D");
            var now = Now(null);
            var key = await ResourceRows.InsertAsync(db, input.ResourceType, id, 1, now, input.Write.IndexFingerprint, cancellationToken)
                ?? throw new InvalidOperationException($"The id assigned to a new {input.ResourceType} was already taken.");
            if (await ClaimRows.TryClaimAsync(db, claim, input.ResourceType, key, now, cancellationToken) ||
                (claim.ReplacingHolder is { } holder && await ClaimRows.TakeOverAsync(db, claim, input.ResourceType, holder, key, now, cancellationToken)))
            {
                await using var batch = new WriteBatch(db);
                await IdentityKeyRows.AddAsync(batch, key, input.Keys, cancellationToken);
                return new WriteResult(WriteStatus.Created, await WriteVersionAsync(batch, key, input, id, 1, ResourceChange.Create, now, null, cancellationToken));
            }

            await ResourceRows.DeleteUnwrittenAsync(db, key, cancellationToken);
            LostRace(input.ResourceType, attempt);
        }
    }

    /// <summary>
    /// The holder of a claim as a result, or null when the claim is free, or held by the resource the caller may take
    /// it from.
    /// </summary>
    private async Task<WriteResult?> HeldAsync(string type, ClaimInput claim, CancellationToken cancellationToken)
    {
        if (await ClaimRows.HolderAsync(db, claim.Hash, cancellationToken) is not { } holder || holder.ResourceId == claim.ReplacingHolder)
        {
            return null;
        }

        // Deleting a resource releases its claims, so the holder is current.
        var current = await ResourceRows.ReadCurrentAsync(db, type, holder.ResourceId, cancellationToken);
        return current is null || current.IsDeleted ? null : new WriteResult(WriteStatus.Exists, current, [holder.ResourceId]);
    }

    // https://hl7.org/fhir/R4/http.html#update, #concurrency and #upsert
    public async Task<WriteResult> UpdateAsync(string id, WriteInput input, UpdateOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ResourceRows.LockAsync(db, input.ResourceType, id, cancellationToken);
            if (current is null)
            {
                if (options.ExpectedVersion is not null)
                {
                    return new WriteResult(WriteStatus.VersionConflict, null);
                }

                if (!options.AllowCreate)
                {
                    return new WriteResult(WriteStatus.NotFound, null);
                }

                var result = await CreateWithIdAsync(id, input, cancellationToken);
                if (result is not null)
                {
                    return result;
                }
            }
            else
            {
                var c = current.Value;
                if (options.ExpectedVersion is { } expected && expected != c.Version)
                {
                    return new WriteResult(WriteStatus.VersionConflict, await ResourceRows.ReadVersionAsync(db, c.Key, c.Version, cancellationToken));
                }

                return await ReplaceAsync(id, c, input, options, cancellationToken);
            }

            LostRace(input.ResourceType, attempt);
        }
    }

    // https://hl7.org/fhir/R4/http.html#delete
    public async Task<WriteResult> DeleteAsync(string type, string id, DeleteOptions options, CancellationToken cancellationToken)
    {
        var current = await ResourceRows.LockAsync(db, type, id, cancellationToken);
        if (current is not { } c)
        {
            return new WriteResult(options.ExpectedVersion is null ? WriteStatus.NotFound : WriteStatus.VersionConflict, null);
        }

        if (options.ExpectedVersion is { } expected && expected != c.Version)
        {
            return new WriteResult(WriteStatus.VersionConflict, await ResourceRows.ReadVersionAsync(db, c.Key, c.Version, cancellationToken));
        }

        if (c.Deleted)
        {
            // "Performing this interaction on a resource that is already deleted has no effect."
            return new WriteResult(WriteStatus.AlreadyDeleted, await ResourceRows.ReadVersionAsync(db, c.Key, c.Version, cancellationToken));
        }

        var now = Now(c.LastUpdated);
        var tombstone = new ResourceVersion(type, id, c.Version + 1, now, ResourceChange.Delete, ReadOnlyMemory<byte>.Empty);
        await using var batch = new WriteBatch(db);
        await ResourceRows.UpdateAsync(batch, c.Key, tombstone.VersionId, true, now, null, cancellationToken);
        await ResourceRows.InsertVersionAsync(batch, c.Key, tombstone, cancellationToken);
        await IndexRows.RemoveAllAsync(batch, c.Key, cancellationToken);
        await IdentityKeyRows.RemoveAllAsync(batch, c.Key, cancellationToken);

        // A deleted resource matches no criteria: its claims go, so later conditional creates need not take them over.
        await ClaimRows.RemoveAllAsync(batch, c.Key, cancellationToken);
        await OutboxRows.AddAsync(batch, options.OutboxTopics, tombstone, cancellationToken);
        await batch.RunAsync(cancellationToken);
        return new WriteResult(WriteStatus.Deleted, tombstone);
    }

    /// <summary>The current holders of identity keys (every holder of each), ordered by key and id.</summary>
    public async Task<IReadOnlyList<IdentityKeyHolder>> FindIdentityKeyHoldersAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var holders = await IdentityKeyRows.FindHoldersAsync(db, keys, cancellationToken);
        return holders
            .Select(h => new IdentityKeyHolder(h.IdentityKey, h.IdentityKey[..h.IdentityKey.IndexOf('|', StringComparison.Ordinal)], h.ResourceId))
            .OrderBy(h => h.IdentityKey, StringComparer.Ordinal)
            .ThenBy(h => h.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Update as create of an unknown id; null when a concurrent writer created it first.</summary>
    private async Task<WriteResult?> CreateWithIdAsync(string id, WriteInput input, CancellationToken cancellationToken)
    {
        var now = Now(null);
        if (await ResourceRows.InsertAsync(db, input.ResourceType, id, 1, now, input.Write.IndexFingerprint, cancellationToken) is not { } key)
        {
            return null;
        }

        await using var batch = new WriteBatch(db);
        await IdentityKeyRows.AddAsync(batch, key, input.Keys, cancellationToken);
        return new WriteResult(WriteStatus.Created, await WriteVersionAsync(batch, key, input, id, 1, ResourceChange.Update, now, null, cancellationToken));
    }

    /// <summary>A new version of an existing (possibly deleted) resource: its identity keys become the write's.</summary>
    private async Task<WriteResult> ReplaceAsync(string id, CurrentRow current, WriteInput input, UpdateOptions options, CancellationToken cancellationToken)
    {
        // The reads first: the statements after them go in one batch.
        var held = await IdentityKeyRows.OfAsync(db, current.Key, cancellationToken);
        var index = await IndexRows.CompareAsync(db, current.Key, input.Write.IndexRows, cancellationToken);
        await using var batch = new WriteBatch(db);
        await IdentityKeyRows.AddAsync(batch, current.Key, input.Keys.Except(held, StringComparer.Ordinal).ToList(), cancellationToken);
        var released = held.Except(input.Keys, StringComparer.Ordinal).ToList();
        if (released.Count > 0)
        {
            await IdentityKeyRows.RemoveAsync(batch, current.Key, released, cancellationToken);
        }

        var next = current.Version + 1;
        var now = Now(current.LastUpdated);
        await ResourceRows.UpdateAsync(batch, current.Key, next, false, now, input.Write.IndexFingerprint, cancellationToken);
        var change = current.Deleted ? ResourceChange.Recreate : options.IsPatch ? ResourceChange.Patch : ResourceChange.Update;
        var version = await WriteVersionAsync(batch, current.Key, input, id, next, change, now, index, cancellationToken);
        return new WriteResult(current.Deleted ? WriteStatus.Created : WriteStatus.Updated, version);
    }

    /// <summary>
    /// Adds the version row, the index rows (all of them for a new resource, or <paramref name="index"/>, the change
    /// from the previous version's) and the outbox items to the write's batch, then runs it: the write's last step.
    /// </summary>
    private async Task<ResourceVersion> WriteVersionAsync(
        WriteBatch batch, long key, WriteInput input, string id, long versionId, ResourceChange change, DateTimeOffset now, IndexChange? index,
        CancellationToken cancellationToken)
    {
        var json = ResourceStamp.Serialize(input.Write.Resource, id, versionId, now);
        var version = new ResourceVersion(input.ResourceType, id, versionId, now, change, json);
        await ResourceRows.InsertVersionAsync(batch, key, version, cancellationToken);
        if (index is not null)
        {
            await IndexRows.ApplyAsync(batch, key, input.ResourceType, index, cancellationToken);
        }
        else
        {
            await IndexRows.AddAsync(batch, key, input.ResourceType, input.Write.IndexRows, cancellationToken);
        }

        await OutboxRows.AddAsync(batch, input.Write.OutboxTopics, version, cancellationToken);
        await batch.RunAsync(cancellationToken);
        return version;
    }

    /// <summary>Now, in milliseconds, and always after the resource's previous version (clocks of several instances may differ).</summary>
    private DateTimeOffset Now(DateTimeOffset? previous)
    {
        var now = clock.GetUtcNow();
        now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        return previous is { } p && now <= p ? p.AddMilliseconds(1) : now;
    }

    private void LostRace(string resourceType, int attempt)
    {
        if (attempt >= MaxRaceAttempts)
        {
            throw new InvalidOperationException($"A write of a {resourceType} kept losing races to concurrent writers.");
        }

        StorageLog.ClaimRace(logger, resourceType);
    }
}
