namespace FhirGateway.Api.Patch;

/// <summary>A JSON Pointer (RFC 6901): the reference tokens, with <c>~1</c> and <c>~0</c> unescaped.</summary>
internal sealed record JsonPointer(string Text, IReadOnlyList<string> Tokens)
{
    public static JsonPointer Parse(string text, int index)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw new JsonPatchException($"Operation {index}: '{text}' is not a JSON Pointer (RFC 6901): it must be empty or start with '/'.", true);
        }

        var tokens = text[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        return new JsonPointer(text, tokens);
    }

    /// <summary>Whether this pointer is <paramref name="other"/> or lies inside it.</summary>
    public bool IsWithin(JsonPointer other) => Tokens.Count >= other.Tokens.Count && Tokens.Take(other.Tokens.Count).SequenceEqual(other.Tokens, StringComparer.Ordinal);

    public override string ToString() => Text;
}
