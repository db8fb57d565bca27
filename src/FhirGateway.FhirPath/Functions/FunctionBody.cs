namespace FhirGateway.FhirPath.Functions;

/// <summary>The implementation of a function: reads the call, appends its result.</summary>
internal delegate void FunctionBody(in FunctionCall call, List<object> output);
