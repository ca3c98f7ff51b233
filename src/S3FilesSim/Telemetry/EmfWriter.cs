using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace S3FilesSim.Telemetry;

/// <summary>How <see cref="EmfWriter"/> encodes the per-operation byte metrics (<c>DataReadBytes</c> and the like).</summary>
public enum EmfStatisticEncoding
{
    /// <summary>
    /// An array of numbers, as the EMF specification defines metric values: one value per operation up to 100 operations
    /// (the minimum, the maximum, and the rest at their mean), so CloudWatch derives Sum, SampleCount, Minimum and
    /// Maximum exactly. Over 100 operations the array holds 100 values (minimum, maximum, 98 at the mean of the rest):
    /// Minimum and Maximum stay exact, SampleCount reads 100 and Sum is scaled accordingly.
    /// </summary>
    ValueArray,

    /// <summary>
    /// An object <c>{"Max","Min","Count","Sum"}</c>, the statistic-set form the CloudWatch agent and the OpenTelemetry
    /// <c>awsemfexporter</c> write and CloudWatch Logs accepts; exact at any count, but not in the published EMF specification text.
    /// </summary>
    StatisticSet,
}

/// <summary>
/// Publishes <see cref="FileSystemMetrics"/> snapshots as CloudWatch Embedded Metric Format (EMF) JSON lines, the
/// structured log format CloudWatch Logs turns into metrics: one record for namespace <c>AWS/S3/Files</c> and one for
/// <c>efs-utils/S3Files</c>, each with dimension set <c>[["FileSystemId"]]</c>.
/// </summary>
/// <remarks>
/// <para>Format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html.
/// Each record is one JSON object on one line: <c>_aws.Timestamp</c> is the snapshot's period start in milliseconds since
/// the Unix epoch (virtual time), <c>_aws.CloudWatchMetrics</c> holds one metric directive (namespace, dimensions,
/// metrics with CloudWatch units), and the dimension and metric values are top-level members.</para>
/// <para>Metrics without a datapoint in the period are left out of the directive and the record: storage metrics
/// between their 15-minute publications, and byte metrics of a period without operations.</para>
/// <para>Thread-safe: records are written whole, one line each.</para>
/// </remarks>
public sealed class EmfWriter
{
    private static readonly EventId EmfEventId = new(7001, "EmbeddedMetricFormat");
    private readonly Action<string> _writeRecord;
    private readonly Action _flush;
    private readonly object _gate = new();

    /// <summary>Creates a writer that writes each record as one line to <paramref name="output"/>.</summary>
    /// <param name="output">The destination, for example a log file that the CloudWatch agent tails.</param>
    /// <param name="encoding">How byte metrics are encoded.</param>
    public EmfWriter(TextWriter output, EmfStatisticEncoding encoding = EmfStatisticEncoding.ValueArray)
    {
        ArgumentNullException.ThrowIfNull(output);
        _writeRecord = output.WriteLine;
        _flush = output.Flush;
        StatisticEncoding = encoding;
    }

    /// <summary>Creates a writer that logs each record as the whole message of an Information entry (event id 7001).</summary>
    /// <param name="logger">The logger; its provider should write messages verbatim for CloudWatch to parse them.</param>
    /// <param name="encoding">How byte metrics are encoded.</param>
    public EmfWriter(ILogger logger, EmfStatisticEncoding encoding = EmfStatisticEncoding.ValueArray)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _writeRecord = record => logger.Log(LogLevel.Information, EmfEventId, record, null, static (state, _) => state);
        _flush = static () => { };
        StatisticEncoding = encoding;
    }

    /// <summary>Gets how byte metrics are encoded.</summary>
    public EmfStatisticEncoding StatisticEncoding { get; }

    /// <summary>Formats a snapshot as EMF records, one per namespace, service namespace first.</summary>
    /// <param name="metrics">The snapshot.</param>
    /// <param name="encoding">How byte metrics are encoded.</param>
    /// <returns>Two single-line JSON documents.</returns>
    public static IReadOnlyList<string> Format(FileSystemMetrics metrics, EmfStatisticEncoding encoding = EmfStatisticEncoding.ValueArray)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return
        [
            FormatNamespace(metrics, MetricDefinitions.ServiceNamespace, encoding),
            FormatNamespace(metrics, MetricDefinitions.ClientNamespace, encoding),
        ];
    }

    /// <summary>Writes a snapshot as two EMF records.</summary>
    /// <param name="metrics">The snapshot.</param>
    public void Write(FileSystemMetrics metrics)
    {
        var records = Format(metrics, StatisticEncoding);
        lock (_gate)
        {
            foreach (var record in records)
            {
                _writeRecord(record);
            }

            _flush();
        }
    }

    private static string FormatNamespace(FileSystemMetrics metrics, string metricNamespace, EmfStatisticEncoding encoding)
    {
        var present = MetricDefinitions.All
            .Where(d => d.Namespace == metricNamespace && metrics.GetValue(d.Name) is not null)
            .ToList();
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", metrics.Timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", metricNamespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue(MetricDefinitions.DimensionName);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var definition in present)
            {
                json.WriteStartObject();
                json.WriteString("Name", definition.Name);
                json.WriteString("Unit", definition.CloudWatchUnit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString(MetricDefinitions.DimensionName, metrics.FileSystemId);
            foreach (var definition in present)
            {
                json.WritePropertyName(definition.Name);
                if (definition.Shape == MetricShape.StatisticSet)
                {
                    var set = StatisticSetOf(metrics, definition.Name);
                    WriteStatisticSet(json, set.Sum, set.SampleCount, set.Minimum, set.Maximum, encoding);
                }
                else if (metrics.GaugeStatistics.TryGetValue(definition.Name, out var samples) && samples.Minimum != samples.Maximum)
                {
                    // A value that changed inside the period: its samples, so CloudWatch's Maximum shows what came and went.
                    WriteStatisticSet(json, samples.Sum, samples.SampleCount, samples.Minimum, samples.Maximum, encoding);
                }
                else
                {
                    json.WriteNumberValue(GaugeValueOf(metrics, definition.Name));
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static MetricStatisticSet StatisticSetOf(FileSystemMetrics metrics, string name) => name switch
    {
        MetricDefinitions.DataReadBytes => metrics.DataReadBytes,
        MetricDefinitions.DataWriteBytes => metrics.DataWriteBytes,
        MetricDefinitions.MetadataReadBytes => metrics.MetadataReadBytes,
        _ => metrics.MetadataWriteBytes,
    };

    /// <summary>The value of a point-in-time metric written alone: the one value of the period (the storage and client metrics, or a sampled value that did not change).</summary>
    private static double GaugeValueOf(FileSystemMetrics metrics, string name) =>
        metrics.GaugeStatistics.TryGetValue(name, out var samples) ? samples.Maximum : metrics.GetValue(name)!.Value;

    private static void WriteStatisticSet(Utf8JsonWriter json, double sum, long sampleCount, double minimum, double maximum, EmfStatisticEncoding encoding)
    {
        if (encoding == EmfStatisticEncoding.StatisticSet)
        {
            json.WriteStartObject();
            json.WriteNumber("Max", maximum);
            json.WriteNumber("Min", minimum);
            json.WriteNumber("Count", sampleCount);
            json.WriteNumber("Sum", sum);
            json.WriteEndObject();
            return;
        }

        json.WriteStartArray();
        if (sampleCount == 1)
        {
            json.WriteNumberValue(sum);
        }
        else
        {
            json.WriteNumberValue(minimum);
            json.WriteNumberValue(maximum);
            var rest = sampleCount - 2;
            if (rest > 0)
            {
                var mean = (sum - minimum - maximum) / rest;
                for (var i = 0; i < Math.Min(rest, 98); i++)
                {
                    json.WriteNumberValue(mean);
                }
            }
        }

        json.WriteEndArray();
    }
}
