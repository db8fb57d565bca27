using System.Reflection;

namespace FhirGateway.Api.Metadata;

/// <summary>The gateway's name and version, read from the assembly (Directory.Build.props sets them).</summary>
internal sealed record SoftwareInfo(string Name, string Version)
{
    public static SoftwareInfo FromAssembly(Assembly assembly)
    {
        var name = assembly.GetCustomAttribute<AssemblyProductAttribute>()?.Product ?? assembly.GetName().Name ?? "FhirGateway";
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        return new SoftwareInfo(name, version);
    }
}
