using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sora.GraphQL.Composition;

namespace Sora.GraphQL.Operations;

public static class TelemetrySetup
{
    /// <summary>
    /// Structured JSON logs always; OpenTelemetry traces and metrics (ASP.NET Core, Wolverine, Marten) exported
    /// over OTLP only when an endpoint is configured, so a plain "./sora up" needs no collector.
    /// </summary>
    public static void AddSoraTelemetry(this WebApplicationBuilder builder, TelemetryOptions options)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });

        var endpoint = options.OtlpEndpoint ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddSource("Wolverine", "Marten")
                .AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter("Wolverine", "Marten")
                .AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)));
    }
}
