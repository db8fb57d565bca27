namespace FhirGateway.Fhir.CodeGen;

/// <summary>Makes definition text safe for a one-line XML documentation comment.</summary>
internal static class XmlDoc
{
    public static string Escape(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()))
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}
