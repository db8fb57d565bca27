using System.Globalization;
using System.Security.Cryptography;
using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// An Attachment's stated size and hash must agree with its data (https://hl7.org/fhir/R4/datatypes.html#Attachment:
/// size is the number of bytes of the data, hash its base64-encoded SHA-1).
/// </summary>
internal static class AttachmentRule
{
    public static void Check(ValidationRun run, ElementNode attachment)
    {
        if (attachment.Child("data")?.Value is not { } data)
        {
            return;
        }

        var size = attachment.Child("size")?.Value;
        var hash = attachment.Child("hash")?.Value;
        if (size is null && hash is null)
        {
            return;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            return;
        }

        if (size is not null && long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var stated) && stated != bytes.Length)
        {
            run.Error(ValidationIssueCodes.AttachmentMismatch, "value", $"The attachment states a size of {stated} bytes, but its data is {bytes.Length} bytes.");
        }

        if (hash is not null && !string.Equals(hash, Convert.ToBase64String(SHA1.HashData(bytes)), StringComparison.Ordinal))
        {
            run.Error(ValidationIssueCodes.AttachmentMismatch, "value", "The attachment's hash is not the SHA-1 of its data.");
        }
    }
}
