using FhirGateway.Api.Bundles;
using FhirGateway.Api.Compression;
using FhirGateway.Api.FhirEndpoint;
using FhirGateway.Api.Health;
using FhirGateway.Api.History;
using FhirGateway.Api.Interactions;
using FhirGateway.Api.LoadBaseline;
using FhirGateway.Api.Metadata;
using FhirGateway.Api.Outcomes;
using FhirGateway.Api.RateLimiting;
using FhirGateway.Api.Reindexing;
using FhirGateway.Api.Search;
using FhirGateway.Api.Telemetry;
using FhirGateway.Api.Validation;
using FhirGateway.Search.Configuration;
using FhirGateway.Storage.Postgres;
using FhirGateway.Storage.Sqlite;
using FhirGateway.Validation;

// The gateway's table of contents: one registration and one mapping per component (each in its own folder).
var builder = WebApplication.CreateBuilder(args);

builder.AddGatewayTelemetry();               // Telemetry: OpenTelemetry, OTLP export when configured
builder.Services.AddFhirOutcomes();          // Outcomes: every FHIR error is an OperationOutcome
builder.Services.AddFhirEndpoint();          // FhirEndpoint: /fhir base, settings, content negotiation
builder.Services.AddFhirCompression();       // Compression: gzip and Brotli for FHIR media types
builder.Services.AddSqliteResourceStore();   // Storage: SQLite (the default, data/fhirgateway.db)
builder.Services.AddPostgresResourceStore(); //          or PostgreSQL (Storage:Provider = Postgres)
builder.Services.AddFhirValidation();        // Validation: every write and $validate (R4 definitions, profiles)
builder.Services.AddFhirInteractions();      // Interactions: read, vread, create, update, patch, delete; history
builder.Services.AddFhirSearch();            // Search: index rows on writes, search, conditional criteria (docs/search.md)
builder.Services.AddFhirReindexing();        // Reindexing: index rows of resources stored under older search parameters
builder.Services.AddFhirBundles();           // Bundles: batch and transaction
builder.Services.AddFhirMetadata();          // Metadata: the CapabilityStatement
builder.Services.AddGatewayHealth();         // Health: liveness check
builder.Services.AddFhirRateLimiting();      // RateLimiting: 429 per client, when RateLimiting:Enabled
builder.Services.AddLoadBaseline();          // LoadBaseline: the load script's in-memory baseline (LoadBaseline:Enabled)

var app = builder.Build();

app.UseGatewayTelemetry();                   // names server spans after their routes
app.UseFhirCompression();                    // compresses responses the client accepts compressed
app.UseFhirOutcomes();                       // exceptions and empty error responses under /fhir
app.UseFhirRateLimiting();                   // 429 with Retry-After before any work, when enabled

var fhir = app.MapFhirEndpoint();            // /fhir
fhir.MapFhirMetadata();                      // GET /fhir/metadata
fhir.MapResourceInteractions();              // /fhir/{type}, /fhir/{type}/{id}, /fhir/{type}/{id}/_history/{vid}
fhir.MapFhirHistory();                       // /fhir/_history, /fhir/{type}/_history, /fhir/{type}/{id}/_history
fhir.MapFhirBundles();                       // POST /fhir: batch and transaction Bundles
fhir.MapFhirValidate();                      // POST /fhir/{type}/$validate, /fhir/{type}/{id}/$validate
fhir.MapFhirReindex();                       // POST /fhir/$reindex, /fhir/{type}/$reindex (administrative)
fhir.MapFhirSearch();                        // GET /fhir/{type}, POST /fhir/{type}/_search, GET /fhir, POST /fhir/_search, /fhir/Patient/{id}/{type}
app.MapGatewayHealth();                      // GET /healthz
app.MapLoadBaseline();                       // GET, PUT /_load/baseline, only when enabled

app.Run();
