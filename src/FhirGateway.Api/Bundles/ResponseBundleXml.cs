using FhirGateway.Api.Formats;
using FhirGateway.Api.Headers;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Api.Bundles;

/// <summary>Writes a <see cref="ResponseBundle"/> as FHIR XML, reading each stored resource into the model.</summary>
internal static class ResponseBundleXml
{
    public static byte[] Serialize(ResponseBundle source, bool pretty) => FhirXmlWriter.SerializeToUtf8(ToTree(source).Node, pretty);

    public static Bundle ToTree(ResponseBundle source)
    {
        var bundle = new Bundle { Id = source.Id, Type = source.Type };
        foreach (var (relation, url) in source.Links)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = relation, Url = url });
        }

        foreach (var entry in source.Entries)
        {
            var component = new Bundle.EntryComponent { FullUrl = entry.FullUrl };
            var resource = entry.Resource is { IsDeleted: false } stored ? StoredResources.ToTree(stored) : entry.ResourceNode;
            if (resource is not null)
            {
                component.Resource = FhirObject.Wrap<Resource>(resource);
            }

            if (entry.Request is { } request)
            {
                component.Request = new Bundle.RequestComponent { Method = request.Method, Url = request.Url };
            }

            var response = new Bundle.ResponseComponent
            {
                Status = entry.Status,
                Location = entry.Location,
                Etag = entry.Etag,
                LastModified = entry.LastModified is { } lastModified ? FhirInstants.Format(lastModified) : null,
            };
            if (entry.Outcome is { } outcome)
            {
                response.Outcome = FhirObject.Wrap<OperationOutcome>(outcome);
            }

            component.Response = response;
            bundle.Entry.Add(component);
        }

        return bundle;
    }
}
