using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Health;
using FhirGateway.Api.Metadata;
using FhirGateway.Api.Outcomes;
using FhirGateway.Api.Telemetry;

// The gateway's table of contents: one registration and one mapping per component (each in its own folder).
var builder = WebApplication.CreateBuilder(args);

builder.AddGatewayTelemetry();               // Telemetry: OpenTelemetry, OTLP export when configured
builder.Services.AddFhirOutcomes();          // Outcomes: every FHIR error is an OperationOutcome
builder.Services.AddFhirEndpoint();          // FhirEndpoint: /fhir base, settings, content negotiation
builder.Services.AddFhirMetadata();          // Metadata: the CapabilityStatement
builder.Services.AddGatewayHealth();         // Health: liveness check

var app = builder.Build();

app.UseGatewayTelemetry();                   // names server spans after their routes
app.UseFhirOutcomes();                       // exceptions and empty error responses under /fhir

var fhir = app.MapFhirEndpoint();            // /fhir
fhir.MapFhirMetadata();                      // GET /fhir/metadata
app.MapGatewayHealth();                      // GET /healthz

app.Run();
