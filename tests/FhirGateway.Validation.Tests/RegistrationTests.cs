using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Validation;
using FhirGateway.Validation.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace FhirGateway.Validation.Tests;

/// <summary>AddFhirValidation registers one shared validator, and makes it the gateway's resource validator.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void One_validator_is_shared()
    {
        var services = new ServiceCollection().AddFhirValidation(new ValidationOptions { MaxIssues = 10 });
        using var provider = services.BuildServiceProvider();

        var validator = provider.GetRequiredService<FhirValidator>();

        Assert.Same(validator, provider.GetRequiredService<FhirValidator>());
        Assert.Equal(10, validator.Options.MaxIssues);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void It_replaces_the_structural_resource_validator_in_either_order(bool structuralFirst)
    {
        var services = new ServiceCollection();
        if (structuralFirst)
        {
            services.AddSingleton<IResourceValidator>(StructuralValidator.Instance);
        }

        services.AddFhirValidation();
        if (!structuralFirst)
        {
            services.TryAddStructural();
        }

        using var provider = services.BuildServiceProvider();

        Assert.IsType<ProfileResourceValidator>(provider.GetRequiredService<IResourceValidator>());
    }

    [Fact]
    public async Task Issues_keep_their_type_and_code_system_through_the_resource_validator()
    {
        var validator = new ProfileResourceValidator(FhirValidator.Default);

        var issues = await validator.ValidateAsync(Resources.Json("""{"resourceType":"Patient","gender":"F"}"""), ValidationRequest.Default);

        var issue = Assert.Single(issues, i => i.IsError);
        Assert.Equal("code-invalid", issue.IssueType);
        Assert.Equal(ValidationIssueCodes.CodeSystem, issue.CodeSystem);
        var outcome = FhirJsonWriter.SerializeToString(OperationOutcomeFactory.FromIssues(issues));
        Assert.Contains(ValidationIssueCodes.CodeSystem, outcome, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"code-invalid\"", outcome, StringComparison.Ordinal);
    }
}

internal static class StructuralRegistration
{
    /// <summary>What the web host's interactions registration does: the structural validator unless one is registered.</summary>
    public static void TryAddStructural(this IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<IResourceValidator>(services, StructuralValidator.Instance);
}
