using System.Text;
using System.Text.Json;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Cli.Scenarios;

/// <summary>
/// The "after" pattern of Lambda document processing on S3 Files: list <c>inbox/</c>, read each document, write
/// <c>processed/&lt;name&gt;.meta.json</c> with its word and line counts, and rename the document into <c>processed/</c>;
/// then watch the bucket catch up (https://docs.aws.amazon.com/lambda/latest/dg/configuration-filesystem-s3files.html).
/// </summary>
internal sealed class DocumentPipelineScenario : IScenario
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\f', '\v'];

    public string Name => ScenarioCatalog.DefaultName;

    public string Description => "list inbox/, count words and lines of each document, write processed/<name>.meta.json, rename the document into processed/";

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var input = await context.Mount.ExistsAsync("/inbox", cancellationToken).ConfigureAwait(false) ? "/inbox" : "/";
        await context.Mount.CreateDirectoriesAsync("/processed", cancellationToken: cancellationToken).ConfigureAwait(false);
        var documents = new List<DocumentResult>();
        var entries = await context.ReadDirectoryAsync(input, cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries.Where(entry => entry.Type == FileType.RegularFile).OrderBy(entry => entry.Name, StringComparer.Ordinal))
        {
            var path = ScenarioCatalog.Combine(input, entry.Name);
            var bytes = await context.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(bytes);
            var lines = text.Count(c => c == '\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);
            var words = text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries).Length;
            var metadataPath = $"/processed/{entry.Name}.meta.json";
            var metadata = JsonSerializer.SerializeToUtf8Bytes(new { name = entry.Name, bytes = bytes.LongLength, lines, words, source = path, processedAt = context.Simulation.Now });
            await context.WriteFileAsync(metadataPath, metadata, cancellationToken).ConfigureAwait(false);
            var movedTo = $"/processed/{entry.Name}";
            await context.RenameAsync(path, movedTo, cancellationToken).ConfigureAwait(false);
            documents.Add(new DocumentResult(entry.Name, bytes.LongLength, lines, words, metadataPath, movedTo));
        }

        context.Report.Documents = documents;
        if (documents.Count == 0)
        {
            context.Report.Notes.Add("document-pipeline found no files in inbox/ (nor at the root, when there is no inbox/); the walk and read-all scenarios suit other trees.");
        }

        IReadOnlyList<string> prefixes = input == "/" ? [] : ["inbox/", "processed/"];
        var delay = context.Settings.CommitDelay;
        var points = new[] { TimeSpan.Zero, delay / 2, delay + TimeSpan.FromSeconds(1), context.Settings.Duration }
            .Where(point => point <= context.Settings.Duration)
            .Distinct()
            .Order();
        foreach (var point in points)
        {
            await context.AdvanceToAsync(point, cancellationToken).ConfigureAwait(false);
            await context.SnapshotAsync(point == TimeSpan.Zero ? "after the job" : $"{point.TotalSeconds:0.#} s after the job", prefixes, cancellationToken).ConfigureAwait(false);
        }
    }
}
