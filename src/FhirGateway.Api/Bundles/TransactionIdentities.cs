using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Storage;

namespace FhirGateway.Api.Bundles;

/// <summary>
/// Decides, inside a transaction's unit of work and before anything is written, which resource every entry acts on:
/// a new id for each create (https://hl7.org/fhir/R4/http.html#trules: "the server SHALL assign a new id"), the match
/// of each conditional entry, the URL's id otherwise. Then it rewrites every Reference.reference that names an entry's
/// fullUrl, or a conditional reference <c>Type?criteria</c> (https://hl7.org/fhir/R4/bundle.html#references), to
/// <c>Type/id</c>, and so every uri, url, oid and uuid element and narrative link or image naming an entry's fullUrl.
/// </summary>
internal sealed class TransactionIdentities(ResourceInteractions interactions)
{
    /// <summary>
    /// Whether deciding the identities needs the store: a conditional entry or a conditional reference is resolved by
    /// a search inside the unit of work. Without either, <see cref="ResolveAsync"/> runs with no unit, before the
    /// write lock is taken.
    /// </summary>
    public static bool NeedsStore(List<EntryRequest> entries) =>
        entries.Any(e => e.Kind is EntryKind.ConditionalUpdate or EntryKind.ConditionalPatch or EntryKind.ConditionalDelete
            || (e.Kind == EntryKind.Create && e.Preconditions.IfNoneExist is not null)
            || (e.Resource is not null && ReferenceRewriter.References(e.Resource).Any(IsConditional)));

    /// <summary>Decides every entry's identity and rewrites references; <paramref name="unit"/> may be null only when <see cref="NeedsStore"/> is false.</summary>
    public async Task<TransactionPlan> ResolveAsync(IResourceTransaction? unit, List<EntryRequest> entries, string baseUrl, CancellationToken cancellationToken)
    {
        var count = entries.Count;
        var plan = new TransactionPlan(new string?[count], new InteractionResult?[count], new string?[count]);
        var fullUrls = new Dictionary<string, string>(StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var id = await EntryFailure.GuardAsync(entry.Index, () => TargetAsync(unit, entry, plan, cancellationToken));
            if (id is null)
            {
                continue;
            }

            var target = $"{entry.Type}/{id}";
            if (entry.FullUrl is { } fullUrl && !fullUrls.TryAdd(fullUrl, target))
            {
                throw Invalid(entry.Index, $"its fullUrl {fullUrl} is also another entry's.");
            }

            // https://hl7.org/fhir/R4/http.html#trules: resource identities of the writes must not overlap.
            if (entry.IsWrite && entry.Kind != EntryKind.Create && !written.Add(target))
            {
                throw Invalid(entry.Index, $"another entry also writes {target}.");
            }

            fullUrls.TryAdd($"{baseUrl}/{target}", target);
        }

        foreach (var entry in entries.Where(e => e.Resource is not null))
        {
            var conditional = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var reference in ReferenceRewriter.References(entry.Resource!).Where(r => !fullUrls.ContainsKey(r) && IsConditional(r)).Distinct())
            {
                conditional[reference] = await EntryFailure.GuardAsync(entry.Index, () => ResolveConditionalAsync(unit!, reference, cancellationToken));
            }

            ReferenceRewriter.Rewrite(entry.Resource!, value =>
                fullUrls.TryGetValue(value, out var target) || conditional.TryGetValue(value, out target) ? target
                : value.StartsWith("urn:uuid:", StringComparison.Ordinal) || value.StartsWith("urn:oid:", StringComparison.Ordinal)
                    ? throw Invalid(entry.Index, $"its resource refers to {value}, which is no entry's fullUrl.")
                    : null);
            ReferenceRewriter.RewriteLinks(entry.Resource!, fullUrls);
        }

        return plan;
    }

    /// <summary>The id the entry acts on (choosing new ids and finding matches), or null when it names none.</summary>
    private async Task<string?> TargetAsync(IResourceTransaction? unit, EntryRequest entry, TransactionPlan plan, CancellationToken cancellationToken)
    {
        var i = entry.Index;
        switch (entry.Kind)
        {
            case EntryKind.Create when entry.Preconditions.IfNoneExist is { } criteria:
                var match = await interactions.MatchAsync(unit!, entry.Type!, CriteriaQuery.Parse(criteria), cancellationToken);
                if (match.Ids.Count > 1)
                {
                    throw WriteFailures.MultipleMatches(entry.Type!, match.Ids.Count);
                }

                if (match.Ids.Count == 1)
                {
                    var existing = await unit!.ReadAsync(entry.Type!, match.Ids[0], cancellationToken);
                    plan.Existing[i] = new InteractionResult(StatusCodes.Status200OK)
                    {
                        Version = existing.Version,
                        IsWrite = true,
                        Location = InteractionResult.LocationOf(existing.Version!),
                        Message = $"{entry.Type}/{match.Ids[0]} already matches the criteria; nothing was created.",
                    };
                    return match.Ids[0];
                }

                return plan.PlannedIds[i] = plan.AssignedIds[i] = NewId();
            case EntryKind.Create:
                return plan.PlannedIds[i] = plan.AssignedIds[i] = NewId();
            case EntryKind.ConditionalUpdate or EntryKind.ConditionalPatch or EntryKind.ConditionalDelete:
                var found = await interactions.MatchAsync(unit!, entry.Type!, entry.Criteria, cancellationToken);
                if (found.Ids.Count > 1)
                {
                    throw WriteFailures.MultipleMatches(entry.Type!, found.Ids.Count);
                }

                if (found.Ids.Count == 1)
                {
                    return plan.PlannedIds[i] = found.Ids[0];
                }

                if (entry.Kind != EntryKind.ConditionalUpdate)
                {
                    return null;
                }

                return plan.PlannedIds[i] = ResourceRules.IdOf(entry.Resource!) ?? (plan.AssignedIds[i] = NewId());
            case EntryKind.Update or EntryKind.Patch or EntryKind.Delete:
                return entry.Id;
            default:
                return null;
        }
    }

    /// <summary>A conditional reference resolves to its one match (https://hl7.org/fhir/R4/bundle.html#references); none or several fail with 412.</summary>
    private async Task<string> ResolveConditionalAsync(IResourceTransaction unit, string reference, CancellationToken cancellationToken)
    {
        var type = reference[..reference.IndexOf('?', StringComparison.Ordinal)];
        var match = await interactions.MatchAsync(unit, type, CriteriaQuery.Parse(reference), cancellationToken);
        return match.Ids.Count == 1
            ? $"{type}/{match.Ids[0]}"
            : throw FhirException.Status(StatusCodes.Status412PreconditionFailed, $"The conditional reference {reference} matches {match.Ids.Count} resources; it must match exactly one.");
    }

    private static bool IsConditional(string reference)
    {
        var mark = reference.IndexOf('?', StringComparison.Ordinal);
        return mark > 0 && reference.IndexOf('/', 0, mark) < 0 && FhirGateway.Fhir.Definitions.FhirModel.R4.TryGetResourceType(reference.AsSpan(0, mark), out _);
    }

    private static string NewId() => Guid.CreateVersion7().ToString("D");

    private static FhirException Invalid(int index, string message) => FhirException.Status(StatusCodes.Status400BadRequest, $"Bundle.entry[{index}]: {message}");
}
