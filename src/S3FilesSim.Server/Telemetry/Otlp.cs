using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using S3FilesSim.Server.Hosting;

namespace S3FilesSim.Server.Telemetry;

/// <summary>Exports the simulation's meters (<c>AWS/S3/Files</c> and <c>efs-utils/S3Files</c>, instruments named like the
/// CloudWatch metrics, tagged <c>FileSystemId</c>) over OTLP, so a served simulation's metrics land in the dashboards a
/// team already uses (https://opentelemetry.io/docs/specs/otlp/).</summary>
internal static class Otlp
{
    /// <summary>The meter of the service metrics, named for their CloudWatch namespace.</summary>
    public const string ServiceMeter = "AWS/S3/Files";

    /// <summary>The meter of the client (mount) metrics.</summary>
    public const string ClientMeter = "efs-utils/S3Files";

    public static MeterProvider Start(Uri endpoint, TimeSpan interval, ILoggerFactory loggerFactory)
    {
        var protocol = endpoint.AbsolutePath.Length > 1 ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        ServerLog.OtlpExport(loggerFactory.CreateLogger("S3FilesSim.Server"), protocol == OtlpExportProtocol.Grpc ? "gRPC" : "HTTP/protobuf", endpoint);
        return Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService("s3files-sim"))
            .AddMeter(ServiceMeter, ClientMeter)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = protocol;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Clamp(interval.TotalMilliseconds, 100, int.MaxValue);
            })
            .Build();
    }
}
