namespace FhirGateway.Api.Outcomes;

/// <summary>Error handling: every FHIR error is an OperationOutcome with the trace id; other routes get problem details.</summary>
internal static class OutcomesExtensions
{
    public static IServiceCollection AddFhirOutcomes(this IServiceCollection services)
    {
        services.AddExceptionHandler<FhirExceptionHandler>();

        // Routes outside the FHIR base path (/healthz) answer errors with RFC 9457 problem details.
        services.AddProblemDetails();
        return services;
    }

    public static IApplicationBuilder UseFhirOutcomes(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(FhirStatusCodePages.HandleAsync);
        return app;
    }
}
