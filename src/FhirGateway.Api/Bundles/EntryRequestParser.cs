using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Api.RequestBodies;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Search;
using FhirGateway.Search.Registry;
using Microsoft.AspNetCore.WebUtilities;

namespace FhirGateway.Api.Bundles;

/// <summary>
/// Reads a Bundle entry's request (https://hl7.org/fhir/R4/bundle.html#transaction): request.method and request.url
/// relative to the base (or absolute within it), the resource, and the conditional headers it carries.
/// </summary>
internal static class EntryRequestParser
{
    /// <summary>Reads entry <paramref name="index"/>; refusals are 400 (or 415) <see cref="FhirException"/>s.</summary>
    public static EntryRequest Parse(ElementNode entry, int index, string baseUrl)
    {
        var request = entry.Child("request") ?? throw Invalid("has no request (batch and transaction entries need request.method and request.url).");
        var method = request.Child("method")?.Value ?? throw Invalid("has no request.method.");
        var url = request.Child("url")?.Value ?? throw Invalid("has no request.url.");
        var relative = Relative(url, baseUrl);
        var mark = relative.IndexOf('?', StringComparison.Ordinal);
        var path = (mark < 0 ? relative : relative[..mark]).Trim('/');
        var query = mark < 0 ? [] : QueryHelpers.ParseQuery(relative[mark..])
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty)))
            .ToList();
        var segments = path.Length == 0 ? [] : path.Split('/');
        var resource = entry.Child("resource") is { } node ? ResourceRules.AsRoot(node) : null;
        var preconditions = Preconditions.Parse(
            request.Child("ifMatch")?.Value, request.Child("ifNoneMatch")?.Value, request.Child("ifModifiedSince")?.Value, request.Child("ifNoneExist")?.Value);

        var parsed = new EntryRequest
        {
            Index = index,
            Kind = EntryKind.Read,
            Method = method,
            Url = url,
            FullUrl = entry.Child("fullUrl")?.Value,
            Resource = resource,
            Preconditions = preconditions,
        };

        if (segments is ["_history"] && method == "GET")
        {
            return parsed with { Kind = EntryKind.History, Query = query };
        }

        // https://hl7.org/fhir/R4/http.html#brules: a GET entry may be any read interaction, search included;
        // "?..." alone is a system search (GET [base]?...).
        if (segments.Length == 0 && mark >= 0 && method == "GET")
        {
            return parsed with { Kind = EntryKind.Search, Query = query };
        }

        if (segments.Length == 0 || !FhirModel.R4.TryGetResourceType(segments[0], out _))
        {
            throw Invalid($"request.url '{url}' names no FHIR R4 resource type.");
        }

        parsed = parsed with { Type = segments[0] };
        var conditional = mark >= 0 && segments.Length == 1;
        return (method, segments.Length) switch
        {
            ("GET", 1) => parsed with { Kind = EntryKind.Search, Query = query },
            ("GET", 2) when segments[1] == "_history" => parsed with { Kind = EntryKind.History, Query = query },
            ("GET", 2) => parsed with { Kind = EntryKind.Read, Id = segments[1], Query = query },
            ("GET", 3) when segments[2] == "_history" => parsed with { Kind = EntryKind.History, Id = segments[1], Query = query },
            ("GET", 3) when CompartmentSearch(segments) is { } compartment =>
                parsed with { Kind = EntryKind.Search, Type = segments[2] == "*" ? null : segments[2], Compartment = compartment, Query = query },
            ("GET", 4) when segments[2] == "_history" => parsed with { Kind = EntryKind.VRead, Id = segments[1], VersionId = segments[3], Query = query },
            ("POST", 1) when !conditional => WithResource(parsed with { Kind = EntryKind.Create }),
            ("PUT", 1) when conditional => WithResource(parsed with { Kind = EntryKind.ConditionalUpdate, Criteria = CriteriaQuery.Parse(relative) }),
            ("PUT", 2) => WithResource(parsed with { Kind = EntryKind.Update, Id = segments[1] }),
            ("PATCH", 1) when conditional => WithPatch(parsed with { Kind = EntryKind.ConditionalPatch, Criteria = CriteriaQuery.Parse(relative) }),
            ("PATCH", 2) => WithPatch(parsed with { Kind = EntryKind.Patch, Id = segments[1] }),
            ("DELETE", 1) when conditional => parsed with { Kind = EntryKind.ConditionalDelete, Criteria = CriteriaQuery.Parse(relative) },
            ("DELETE", 2) => parsed with { Kind = EntryKind.Delete, Id = segments[1] },
            _ => throw Invalid($"{method} {url} is not an interaction this server serves in a Bundle."),
        };

        FhirException Invalid(string message) => FhirException.Status(StatusCodes.Status400BadRequest, $"Bundle.entry[{index}] {message}");
    }

    /// <summary>
    /// <c>Patient/[id]/[type]</c> for a type in the Patient compartment, or <c>Patient/[id]/*</c> (https://hl7.org/fhir/R4/compartmentdefinition.html#search),
    /// as the compartment routes take it; null for any other three segments.
    /// </summary>
    private static CompartmentReference? CompartmentSearch(string[] segments)
    {
        var compartment = CompartmentDefinition.Patient;
        return segments[0] == compartment.Code && FhirRouteConstraints.IsIdSegment(segments[1]) &&
            (segments[2] == "*" || (FhirModel.R4.TryGetResourceType(segments[2], out _) && (compartment.ParametersFor(segments[2]).Count > 0 || segments[2] == compartment.Code)))
            ? new CompartmentReference(compartment.Code, segments[1])
            : null;
    }

    private static EntryRequest WithResource(EntryRequest entry) => entry.Resource is not null
        ? entry
        : throw FhirException.Status(StatusCodes.Status400BadRequest, $"Bundle.entry[{entry.Index}] ({entry.Method} {entry.Url}) has no resource.");

    /// <summary>A JSON Patch travels as a Binary resource (https://hl7.org/fhir/R4/http.html#patch: "Patch in a Bundle").</summary>
    private static EntryRequest WithPatch(EntryRequest entry)
    {
        if (entry.Resource is not { } binary || binary.Type.Name != "Binary" ||
            !string.Equals(binary.Child("contentType")?.Value, RequestBodyReader.JsonPatchMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw FhirException.Status(
                StatusCodes.Status415UnsupportedMediaType,
                $"Bundle.entry[{entry.Index}]: a patch in a Bundle must be a Binary with contentType {RequestBodyReader.JsonPatchMediaType} (FHIRPath Patch is not supported).");
        }

        try
        {
            return entry with { Patch = Convert.FromBase64String(binary.Child("data")?.Value ?? string.Empty), Resource = null };
        }
        catch (FormatException)
        {
            throw FhirException.Status(StatusCodes.Status400BadRequest, $"Bundle.entry[{entry.Index}]: the Binary's data is not base64.");
        }
    }

    /// <summary>request.url relative to the base: absolute URLs must lie under it.</summary>
    private static string Relative(string url, string baseUrl)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("http" or "https"))
        {
            return url;
        }

        var prefix = baseUrl.TrimEnd('/') + "/";
        return url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? url[prefix.Length..]
            : throw FhirException.Status(StatusCodes.Status400BadRequest, $"request.url {url} is not on this server ({baseUrl}).");
    }
}
