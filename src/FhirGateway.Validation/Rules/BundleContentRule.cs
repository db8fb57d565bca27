using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// What a document or a message must carry with it. A document Bundle holds what its Composition refers to: subject,
/// authors, encounter, custodian, attesters, event details and section entries
/// (https://hl7.org/fhir/R4/documents.html#content). A message Bundle holds the focus of its MessageHeader
/// (https://hl7.org/fhir/R4/messageheader-definitions.html#MessageHeader.focus: "the actual data of the message").
/// </summary>
internal static class BundleContentRule
{
    public static void Check(ValidationRun run, ElementNode bundle, BundleIndex index)
    {
        ElementNode? firstEntry = null;
        foreach (var child in bundle.Children)
        {
            if (child.Name == "entry")
            {
                firstEntry = child;
                break;
            }
        }

        if (firstEntry?.Child("resource") is not { } first)
        {
            return;
        }

        var what = (index.Type, first.Type.Name) switch
        {
            ("document", "Composition") => "document",
            ("message", "MessageHeader") => "message",
            _ => null,
        };
        if (what is null)
        {
            return;
        }

        run.Path.Push("entry", 0);
        run.Path.Push("resource", -1);
        if (what == "document")
        {
            foreach (var name in (ReadOnlySpan<string>)["subject", "author", "encounter", "custodian"])
            {
                References(run, first, name, index, firstEntry, what);
            }

            Nested(run, first, "attester", "party", index, firstEntry);
            Nested(run, first, "event", "detail", index, firstEntry);
            Sections(run, first, index, firstEntry);
        }
        else
        {
            References(run, first, "focus", index, firstEntry, what);
        }

        run.Path.Pop();
        run.Path.Pop();
    }

    private static void Nested(ValidationRun run, ElementNode holder, string outer, string inner, BundleIndex index, ElementNode entry)
    {
        var i = 0;
        foreach (var part in holder.ChildrenNamed(outer).ToList())
        {
            run.Path.Push(outer, i++);
            References(run, part, inner, index, entry, "document");
            run.Path.Pop();
        }
    }

    private static void Sections(ValidationRun run, ElementNode holder, BundleIndex index, ElementNode entry)
    {
        var i = 0;
        foreach (var section in holder.ChildrenNamed("section").ToList())
        {
            run.Path.Push("section", i++);
            References(run, section, "entry", index, entry, "document");
            Sections(run, section, index, entry);
            run.Path.Pop();
        }
    }

    private static void References(ValidationRun run, ElementNode holder, string name, BundleIndex index, ElementNode entry, string what)
    {
        var references = holder.ChildrenNamed(name).ToList();
        for (var i = 0; i < references.Count; i++)
        {
            var value = references[i].Child("reference")?.Value;
            if (string.IsNullOrEmpty(value) || value[0] == '#' || index.Resolve(value, entry) is not null)
            {
                continue;
            }

            run.Path.Push(name, references[i].Definition!.IsRepeating ? i : -1);
            run.Error(ValidationIssueCodes.ReferenceUnresolved, "not-found",
                $"The reference '{value}' does not resolve to an entry of the Bundle, and a {what} must carry what its {(what == "document" ? "Composition" : "MessageHeader")} refers to in {name}.");
            run.Path.Pop();
        }
    }
}
