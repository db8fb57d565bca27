using Microsoft.Extensions.Options;

namespace FhirGateway.Api.LoadBaseline;

/// <summary>
/// The baseline of the load script (docs/benchmarks.md, "Load against the running gateway"): <c>PUT /_load/baseline</c>
/// keeps the body and content type it is given (the script sends what <c>GET /fhir/Patient/{id}</c> returned), and
/// <c>GET /_load/baseline</c> answers them from memory, through the same middleware as every other request. Read by id
/// is measured as a ratio of this endpoint in the same run. Mapped only when <c>LoadBaseline:Enabled</c> is true.
/// </summary>
internal static class LoadBaselineExtensions
{
    public const string Path = "/_load/baseline";

    // A Patient is a few kB; the limit only keeps the endpoint from holding anything large.
    private const int MaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddLoadBaseline(this IServiceCollection services)
    {
        services.AddOptions<LoadBaselineOptions>().BindConfiguration(LoadBaselineOptions.Section);
        services.AddSingleton<LoadBaselineBody>();
        return services;
    }

    public static IEndpointRouteBuilder MapLoadBaseline(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<LoadBaselineOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        endpoints.MapGet(Path, Get);
        endpoints.MapPut(Path, Put);
        return endpoints;
    }

    private static Task Get(HttpContext context)
    {
        var response = context.Response;
        if (context.RequestServices.GetRequiredService<LoadBaselineBody>().Current is not { } body)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = body.ContentType;
        response.ContentLength = body.Bytes.Length;
        return response.Body.WriteAsync(body.Bytes, context.RequestAborted).AsTask();
    }

    private static async Task Put(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is not { } length || length is <= 0 or > MaxBodyBytes || string.IsNullOrEmpty(request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var bytes = new byte[length];
        await request.Body.ReadExactlyAsync(bytes, context.RequestAborted);
        context.RequestServices.GetRequiredService<LoadBaselineBody>().Set(bytes, request.ContentType);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
