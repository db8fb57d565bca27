using System.Collections.Concurrent;
using System.Security.Cryptography;
using FhirGateway.Api.Formats;

namespace FhirGateway.Api.Metadata;

/// <summary>
/// The serialized CapabilityStatement, built once per base URL, format and style. Its content depends only on the
/// configuration and the registries, which do not change while the host runs, and it is large (every R4 type with
/// its search parameters), so building it per request would cost tens of milliseconds each time.
/// </summary>
internal sealed class CapabilityStatementCache(CapabilityStatementFactory factory)
{
    // Without a configured public base URL the base comes from the request's Host header, which clients choose:
    // past this many distinct bases statements are still served, just not kept.
    internal const int MaxEntries = 16;

    private readonly ConcurrentDictionary<(string BaseUrl, ResponseFormat Format), CachedStatement> _entries = new();

    /// <summary>The statement for <paramref name="baseUrl"/> in <paramref name="format"/>.</summary>
    public CachedStatement Get(string baseUrl, ResponseFormat format)
    {
        var key = (baseUrl, format);
        if (_entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var built = Build(baseUrl, format);
        return _entries.Count < MaxEntries ? _entries.GetOrAdd(key, built) : built;
    }

    private CachedStatement Build(string baseUrl, ResponseFormat format)
    {
        var body = FhirSerializers.Serialize(factory.Create(baseUrl), format.Format, format.Pretty);

        // A weak ETag (RFC 9110 section 8.8.3): the compression middleware may re-encode the bytes it stands for.
        var hash = Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16));
        return new CachedStatement(body, "W/\"" + hash + "\"", factory.Date);
    }
}

/// <summary>A serialized CapabilityStatement with its validators.</summary>
/// <param name="Body">The statement in one format and style.</param>
/// <param name="ETag">A weak ETag of <paramref name="Body"/>.</param>
/// <param name="LastModified">When the statement last changed: when the host started.</param>
internal sealed record CachedStatement(byte[] Body, string ETag, DateTimeOffset LastModified);
