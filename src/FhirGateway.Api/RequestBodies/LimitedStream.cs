using System.Buffers;

namespace FhirGateway.Api.RequestBodies;

/// <summary>Reads a stream into memory without ever holding more than a limit.</summary>
internal static class LimitedStream
{
    /// <summary>The whole stream, or null as soon as it turns out longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await stream.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            if (buffer.WrittenCount + (long)read > limit)
            {
                return null;
            }

            buffer.Advance(read);
        }
    }
}
