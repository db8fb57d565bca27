using System.Security.Cryptography;
using System.Text;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// A checked conditional claim: the criteria, and the key the table is unique on, the SHA-256 of the criteria in hex
/// (criteria may be longer than a PostgreSQL B-tree entry allows; the text is kept beside the key for people).
/// </summary>
internal sealed record ClaimInput(string Criteria, string Hash, string? ReplacingHolder)
{
    public static ClaimInput Of(string criteria, string? replacingHolder) =>
        new(criteria, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(criteria))), replacingHolder);
}
