namespace FhirGateway.Search.Registry;

/// <summary>A SearchParameter that could not be used, or replaced another; where it came from and why.</summary>
/// <param name="Source">The file (or <c>R4 core</c>) it came from.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="IsError">Whether the parameter was left out (false: a notice, such as an override).</param>
public sealed record SearchParameterIssue(string Source, string Message, bool IsError = true)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source}: {Message}";
}
