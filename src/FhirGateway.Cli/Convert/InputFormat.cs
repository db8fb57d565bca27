namespace FhirGateway.Cli.Convert;

/// <summary>The two FHIR text formats.</summary>
internal enum InputFormat
{
    Json,
    Xml,
}

/// <summary>Tells JSON from XML: by the first character that is not white space, else by the file extension.</summary>
internal static class InputFormats
{
    public static InputFormat? Detect(ReadOnlySpan<byte> content, string path)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        var start = content.IndexOfAnyExcept(" \t\r\n"u8);
        if (start >= 0)
        {
            switch (content[start])
            {
                case (byte)'{':
                    return InputFormat.Json;
                case (byte)'<':
                    return InputFormat.Xml;
            }
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => InputFormat.Json,
            ".xml" => InputFormat.Xml,
            _ => null,
        };
    }
}
