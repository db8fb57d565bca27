using FhirGateway.Fhir.CodeGen;

// Usage:
//   dotnet run --project src/FhirGateway.Fhir.CodeGen -- <outputDir>           writes the classes
//   dotnet run --project src/FhirGateway.Fhir.CodeGen -- --check <outputDir>   exits 1 if the folder is not current
if (args is not ([_] or ["--check", _]))
{
    Console.Error.WriteLine("usage: FhirGateway.Fhir.CodeGen [--check] <outputDir>");
    return 2;
}

var files = ModelGenerator.Generate();
if (args is ["--check", var checkFolder])
{
    var differences = GeneratedFiles.Compare(files, checkFolder);
    foreach (var d in differences)
    {
        Console.Error.WriteLine(d);
    }

    return differences.Count == 0 ? 0 : 1;
}

GeneratedFiles.Write(files, args[0]);
Console.WriteLine($"Wrote {files.Count} files to {Path.GetFullPath(args[0])}.");
return 0;
