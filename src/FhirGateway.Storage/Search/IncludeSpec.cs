namespace FhirGateway.Storage.Search;

/// <summary>
/// One <c>_include</c> or <c>_revinclude</c> (https://hl7.org/fhir/R4/search.html#include). <c>_include</c> adds the
/// resources that resources of <paramref name="SourceType"/> refer to through <paramref name="Parameter"/>;
/// <c>_revinclude</c> (<paramref name="Reverse"/>) adds the resources of <paramref name="SourceType"/> that refer to
/// them. A null source type or parameter is the wildcard <c>*</c>. Without <paramref name="Iterate"/> the include
/// applies to the matches only; with it, also to what includes added, until nothing new comes.
/// </summary>
/// <param name="Reverse">Whether this is a <c>_revinclude</c>.</param>
/// <param name="SourceType">The referring resource type, or null for any.</param>
/// <param name="Parameter">The reference parameter, or null for any.</param>
/// <param name="TargetType">The referenced type, or null for any.</param>
/// <param name="Iterate">Whether it also applies to included resources (<c>:iterate</c>).</param>
/// <param name="Sources">
/// For a <c>_revinclude</c> with a wildcard: the reference parameters it stands for, each with the types it may refer
/// to. The store finds referring rows by parameter and target (there is no index on the target alone), so a reverse
/// wildcard without them includes nothing.
/// </param>
public sealed record IncludeSpec(bool Reverse, string? SourceType, string? Parameter, string? TargetType, bool Iterate = false, IReadOnlyList<IncludeSource>? Sources = null);

/// <summary>A reference parameter a reverse wildcard stands for.</summary>
/// <param name="SourceType">The resource type that has it.</param>
/// <param name="Parameter">Its code.</param>
/// <param name="Targets">The resource types it may refer to; empty for any.</param>
public sealed record IncludeSource(string SourceType, string Parameter, IReadOnlyList<string> Targets);
