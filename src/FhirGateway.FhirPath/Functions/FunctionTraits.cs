namespace FhirGateway.FhirPath.Functions;

/// <summary>How a function treats its input and arguments.</summary>
[Flags]
internal enum FunctionTraits
{
    None = 0,

    /// <summary>Arguments are expressions evaluated per input item, with <c>$this</c> and <c>$index</c> (https://hl7.org/fhirpath/N1/#functions).</summary>
    IteratesArguments = 1,

    /// <summary>The result depends on the input order (first, last, tail, skip, take, single): an error on unordered input when ordered checks are on.</summary>
    NeedsOrderedInput = 2,

    /// <summary>The result has no defined order (children, descendants).</summary>
    UnorderedResult = 4,

    /// <summary>The input must be a string (the string manipulation functions).</summary>
    StringInput = 8,
}
