using System.Globalization;
using S3FilesSim.Aws;
using Spectre.Console;

namespace S3FilesSim.Cli.Reporting;

/// <summary>The requests the simulator made to a real bucket (file system and change source; not the loader or the scenario's other S3 client), by operation.</summary>
internal sealed class RequestsReport
{
    /// <summary>Gets the change source: <c>poll</c>, <c>sqs</c> or <c>push</c>.</summary>
    public required string ChangeSource { get; init; }

    /// <summary>Gets the S3 requests by operation (<c>PutObject</c>, <c>HeadObject</c>, <c>ListObjectsV2</c>, ...).</summary>
    public required SortedDictionary<string, long> S3 { get; init; }

    /// <summary>Gets the SQS requests by operation (ReceiveMessage, DeleteMessageBatch); empty for other change sources.</summary>
    public required SortedDictionary<string, long> Sqs { get; init; }

    /// <summary>Gets what the notification source received and delivered; <see langword="null"/> for polling.</summary>
    public NotificationStatistics? Notifications { get; init; }

    /// <summary>Gets the ListObjectsV2 requests of the polling source (included in <see cref="S3"/>); <see langword="null"/> for notifications.</summary>
    public long? PollingRequests { get; init; }

    /// <summary>Gets the files exported during the run.</summary>
    public long ExportedFiles { get; init; }

    /// <summary>Gets the S3 requests in all.</summary>
    public long S3Total => S3.Values.Sum();

    /// <summary>Gets the S3 requests per exported file (all S3 requests, the change source's included); 0 when nothing was exported.</summary>
    public double S3PerExportedFile => ExportedFiles > 0 ? (double)S3Total / ExportedFiles : 0;
}

/// <summary>Renders <see cref="RequestsReport"/>: one table, after the synchronization section.</summary>
internal static class RequestsRenderer
{
    /// <summary>Writes the table when the run used a real bucket.</summary>
    /// <param name="console">The console.</param>
    /// <param name="requests">The report section, or <see langword="null"/> for the in-memory bucket.</param>
    internal static void Render(IAnsiConsole console, RequestsReport? requests)
    {
        if (requests is null)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"Requests the simulator made (change source: {Describe(requests.ChangeSource)})"));
        table.AddColumn("Service");
        table.AddColumn("Operation");
        table.AddColumn(new TableColumn("Requests").RightAligned());
        foreach (var (operation, count) in requests.S3)
        {
            table.AddRow("S3", Markup.Escape(operation), count.ToString("N0", CultureInfo.InvariantCulture));
        }

        foreach (var (operation, count) in requests.Sqs)
        {
            table.AddRow("SQS", Markup.Escape(operation), count.ToString("N0", CultureInfo.InvariantCulture));
        }

        table.AddRow("S3", "Total", requests.S3Total.ToString("N0", CultureInfo.InvariantCulture));
        var caption = string.Create(CultureInfo.InvariantCulture, $"{requests.S3PerExportedFile:0.##} S3 requests per exported file ({requests.ExportedFiles:N0} exported).");
        if (requests.Notifications is { } n)
        {
            caption += string.Create(CultureInfo.InvariantCulture, $" Notifications: {n.MessagesReceived:N0} received, {n.EventsDelivered:N0} events delivered, {n.EventsDropped:N0} dropped as duplicates or stale.");
        }

        table.Caption(Markup.Escape(caption));
        console.Write(table);
    }

    private static string Describe(string changeSource) => changeSource switch
    {
        "sqs" => "S3 event notifications through SQS",
        "push" => "HTTP push from an RGW topic",
        _ => "bounded polling of listed directories",
    };
}
