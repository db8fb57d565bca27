using FhirGateway.Storage.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// The write rules, run inside one database transaction. Each write decides before it writes, or undoes its own
/// rows before it reports that it did not succeed, so an unsuccessful write leaves nothing behind even inside a
/// larger unit of work. The decisions that concurrency could break are taken by the database: the resource row lock
/// (PostgreSQL <c>FOR UPDATE</c>; SQLite's single writer) orders writers of one resource, and the unique
/// constraints on <c>resources (resource_type, resource_id)</c> and <c>identity_keys (identity_key)</c> decide
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

    // https://hl7.org/fhir/R4/http.html#create and #ccreate
    public async Task<WriteResult> CreateAsync(WriteInput input, bool conditional, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A fast path only: the claim below is what decides.
            var holders = input.Keys.Count == 0 ? [] : await IdentityKeyRows.FindHoldersAsync(db, input.Keys, cancellationToken);
            if (holders.Count > 0 && await MatchedAsync(input.ResourceType, holders, conditional, cancellationToken) is { } matched)
            {
                return matched;
            }

            var id = input.Write.AssignedId ?? Guid.CreateVersion7().ToString("D");
            var now = Now(null);
            var key = await ResourceRows.InsertAsync(db, input.ResourceType, id, 1, now, cancellationToken)
                ?? throw new InvalidOperationException($"The id assigned to a new {input.ResourceType} was already taken.");
            if (await IdentityKeyRows.TryClaimAsync(db, key, input.Keys, cancellationToken))
            {
                return new WriteResult(WriteStatus.Created, await WriteVersionAsync(key, input, id, 1, ResourceChange.Create, now, false, cancellationToken));
            }

            await ResourceRows.DeleteUnwrittenAsync(db, key, cancellationToken);
            LostRace(input.ResourceType, attempt);
        }
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

                var result = await ReplaceAsync(id, c, input, cancellationToken);
                if (result is not null)
                {
                    return result;
                }
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
        await ResourceRows.UpdateAsync(db, c.Key, tombstone.VersionId, true, now, cancellationToken);
        await ResourceRows.InsertVersionAsync(db, c.Key, tombstone, cancellationToken);
        await IndexRows.RemoveAllAsync(db, c.Key, cancellationToken);
        await IdentityKeyRows.RemoveAllAsync(db, c.Key, cancellationToken);
        await OutboxRows.AddAsync(db, options.OutboxTopics, tombstone, cancellationToken);
        return new WriteResult(WriteStatus.Deleted, tombstone);
    }

    /// <summary>The current holders of identity keys, ordered by key.</summary>
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
            .ToList();
    }

    /// <summary>Update as create of an unknown id; null when a concurrent writer created it first or took a key meanwhile.</summary>
    private async Task<WriteResult?> CreateWithIdAsync(string id, WriteInput input, CancellationToken cancellationToken)
    {
        var holders = input.Keys.Count == 0 ? [] : await IdentityKeyRows.FindHoldersAsync(db, input.Keys, cancellationToken);
        if (holders.Count > 0)
        {
            return await MatchedAsync(input.ResourceType, holders, false, cancellationToken);
        }

        var now = Now(null);
        if (await ResourceRows.InsertAsync(db, input.ResourceType, id, 1, now, cancellationToken) is not { } key)
        {
            return null;
        }

        if (!await IdentityKeyRows.TryClaimAsync(db, key, input.Keys, cancellationToken))
        {
            await ResourceRows.DeleteUnwrittenAsync(db, key, cancellationToken);
            return null;
        }

        return new WriteResult(WriteStatus.Created, await WriteVersionAsync(key, input, id, 1, ResourceChange.Update, now, false, cancellationToken));
    }

    /// <summary>A new version of an existing (possibly deleted) resource; null when a key was released while we looked.</summary>
    private async Task<WriteResult?> ReplaceAsync(string id, CurrentRow current, WriteInput input, CancellationToken cancellationToken)
    {
        var held = await IdentityKeyRows.OfAsync(db, current.Key, cancellationToken);
        var added = input.Keys.Except(held, StringComparer.Ordinal).ToList();
        if (!await IdentityKeyRows.TryClaimAsync(db, current.Key, added, cancellationToken))
        {
            var holders = await IdentityKeyRows.FindHoldersAsync(db, added, cancellationToken);
            return holders.Count == 0 ? null : await MatchedAsync(input.ResourceType, holders, false, cancellationToken);
        }

        var released = held.Except(input.Keys, StringComparer.Ordinal).ToList();
        if (released.Count > 0)
        {
            await IdentityKeyRows.RemoveAsync(db, current.Key, released, cancellationToken);
        }

        var next = current.Version + 1;
        var now = Now(current.LastUpdated);
        await ResourceRows.UpdateAsync(db, current.Key, next, false, now, cancellationToken);
        var version = await WriteVersionAsync(current.Key, input, id, next, ResourceChange.Update, now, true, cancellationToken);
        return new WriteResult(current.Deleted ? WriteStatus.Created : WriteStatus.Updated, version);
    }

    /// <summary>Writes the version row, the index rows (replacing the previous version's) and the outbox items.</summary>
    private async Task<ResourceVersion> WriteVersionAsync(
        long key, WriteInput input, string id, long versionId, ResourceChange change, DateTimeOffset now, bool replaceIndex, CancellationToken cancellationToken)
    {
        var json = ResourceStamp.Serialize(input.Write.Resource, id, versionId, now);
        var version = new ResourceVersion(input.ResourceType, id, versionId, now, change, json);
        await ResourceRows.InsertVersionAsync(db, key, version, cancellationToken);
        if (replaceIndex)
        {
            await IndexRows.RemoveAllAsync(db, key, cancellationToken);
        }

        await IndexRows.AddAsync(db, key, input.ResourceType, input.Write.IndexRows, cancellationToken);
        await OutboxRows.AddAsync(db, input.Write.OutboxTopics, version, cancellationToken);
        return version;
    }

    /// <summary>
    /// The outcome when other resources hold the keys: a match for conditional create, a conflict otherwise. Keys
    /// start with the resource type, so every holder is of the write's type. Null when the one match was deleted
    /// after it was found (the caller tries again).
    /// </summary>
    private async Task<WriteResult?> MatchedAsync(
        string type, List<(string IdentityKey, long ResourceKey, string ResourceId)> holders, bool conditional, CancellationToken cancellationToken)
    {
        var ids = holders.Select(h => h.ResourceId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!conditional)
        {
            return new WriteResult(WriteStatus.IdentityConflict, null, ids);
        }

        if (ids.Count > 1)
        {
            // https://hl7.org/fhir/R4/http.html#ccreate: "Multiple matches: The server returns a 412 Precondition Failed error"
            return new WriteResult(WriteStatus.MultipleMatches, null, ids);
        }

        // "One Match: The server ignores the post and returns 200 OK"
        var current = await ResourceRows.ReadCurrentAsync(db, type, ids[0], cancellationToken);
        return current is null || current.IsDeleted ? null : new WriteResult(WriteStatus.Exists, current, ids);
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

        StorageLog.IdentityKeyRace(logger, resourceType);
    }
}
