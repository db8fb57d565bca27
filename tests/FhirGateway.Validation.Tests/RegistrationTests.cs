using Microsoft.Extensions.DependencyInjection;

namespace FhirGateway.Validation.Tests;

/// <summary>AddFhirValidation registers one shared validator.</summary>
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
}
