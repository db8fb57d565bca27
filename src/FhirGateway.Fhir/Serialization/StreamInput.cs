using System.Buffers;

namespace FhirGateway.Fhir.Serialization;

/// <summary>Reads a request body or file into memory without ever holding more than the size limit.</summary>
internal static class StreamInput
{
    /// <summary>The whole stream, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > limit)
        {
            return null;
        }

        var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length - stream.Position, limit) : 16 * 1024);
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
