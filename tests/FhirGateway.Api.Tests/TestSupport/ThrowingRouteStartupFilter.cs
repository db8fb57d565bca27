using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>
/// Adds, for tests only, a FHIR path that throws. The middleware sits after the application's own pipeline (it runs
/// when no endpoint matched), so the exception travels back through the gateway's error handling like any other.
/// </summary>
internal sealed class ThrowingRouteStartupFilter : IStartupFilter
{
    public const string Path = "/fhir/test-only/throw";

    public const string SecretMessage = "internal detail that must not leave the server";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((context, nextMiddleware) => context.Request.Path == Path
            ? throw new InvalidOperationException(SecretMessage)
            : nextMiddleware(context));
    };
}
