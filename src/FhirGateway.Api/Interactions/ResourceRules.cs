using System.Text.RegularExpressions;
using FhirGateway.Api.Outcomes;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Api.Interactions;

/// <summary>The rules every interaction checks on resource types, ids and bodies (https://hl7.org/fhir/R4/http.html).</summary>
internal static partial class ResourceRules
{
    /// <summary>The resource type named in a URL; 404 when it is not an R4 resource type.</summary>
    public static string RequireType(string type)
    {
        if (!FhirModel.R4.TryGetResourceType(type, out var definition))
        {
            throw FhirException.Status(StatusCodes.Status404NotFound, $"'{type}' is not a FHIR R4 resource type.");
        }

        return definition.Name;
    }

    /// <summary>Whether an id is a FHIR id (https://hl7.org/fhir/R4/datatypes.html#id).</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>An id from a URL that names a resource to write; 400 when it is not a FHIR id.</summary>
    public static string RequireId(string id) => IsValidId(id)
        ? id
        : throw FhirException.Status(StatusCodes.Status400BadRequest, "A resource id is 1 to 64 letters, digits, '-' and '.' (https://hl7.org/fhir/R4/datatypes.html#id).");

    /// <summary>The body must be a resource of the URL's type (400 otherwise).</summary>
    public static void RequireBodyType(ElementNode resource, string type)
    {
        if (resource.Type.Name != type)
        {
            throw FhirException.Status(StatusCodes.Status400BadRequest, $"The body's resourceType is {resource.Type.Name}, but the URL names {type}.");
        }
    }

    /// <summary>The id element of a resource, if any.</summary>
    public static string? IdOf(ElementNode resource) => resource.Child("id")?.Value;

    /// <summary>
    /// A copy of a resource held inside another (a Bundle entry, a Parameters part) as a resource of its own, the
    /// form the store writes.
    /// </summary>
    public static ElementNode AsRoot(ElementNode resource)
    {
        if (resource.Definition is null)
        {
            return resource;
        }

        var root = new ElementNode(resource.Type);
        foreach (var child in resource.Children)
        {
            root.Add(child.DeepCopy());
        }

        return root;
    }

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
