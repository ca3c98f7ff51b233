using System.Text.Json;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Cli.Scenarios;

/// <summary>
/// The "after" pattern of Lambda document processing on S3 Files: take every regular file under <c>inbox/</c> (or, when
/// the tree has no <c>inbox/</c>, every regular file of the tree), read it, write
/// <c>processed/&lt;relative path&gt;.meta.json</c> with its word and line counts, and rename the document to
/// <c>processed/&lt;relative path&gt;</c>; then watch the bucket catch up
/// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-filesystem-s3files.html). A document that fails (an output
/// name over 255 bytes, a path too long) is reported with its error and the others go on.
/// </summary>
internal sealed class DocumentPipelineScenario : IScenario
{
    private const string Inbox = "/inbox";
    private const string Processed = "/processed";

    public string Name => ScenarioCatalog.DefaultName;

    public string Description => "every regular file under inbox/ (the whole tree when there is no inbox/): count words and lines, write processed/<path>.meta.json, rename the document into processed/";

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var hasInbox = await context.Mount.ExistsAsync(Inbox, cancellationToken).ConfigureAwait(false);
        var input = hasInbox ? Inbox : "/";
        var paths = new List<string>();
        await foreach (var (path, entry) in context.Mount.EnumerateEntriesAsync(input, recursive: true, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Type == FileType.RegularFile)
            {
                paths.Add(path);
            }
        }

        paths.Sort(StringComparer.Ordinal);
        context.Report.ScenarioInput = hasInbox
            ? $"inbox/: {Format.Count(paths.Count, "regular file")} under it, recursively"
            : $"the whole tree (it has no inbox/): {Format.Count(paths.Count, "regular file")}, recursively";
        await context.Mount.CreateDirectoriesAsync(Processed, cancellationToken: cancellationToken).ConfigureAwait(false);
        var documents = new List<DocumentResult>(paths.Count);
        var step = context.Progress.Start($"document-pipeline: {Format.Count(paths.Count, "document")}", paths.Count);
        foreach (var path in paths)
        {
            documents.Add(await ProcessAsync(context, path, path[input.TrimEnd('/').Length..], cancellationToken).ConfigureAwait(false));
            step.Report(documents.Count);
        }

        step.Complete();
        context.Report.Documents = documents;
        if (documents.Count == 0)
        {
            context.Report.Notes.Add($"document-pipeline found no regular file in {(hasInbox ? "inbox/" : "the tree")}; the walk and read-all scenarios suit other trees.");
        }

        IReadOnlyList<string> prefixes = hasInbox ? ["inbox/", "processed/"] : [];
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

    /// <summary>Processes one document; a file-system error (the errno of the failed call) is the document's result, not the run's end.</summary>
    private static async Task<DocumentResult> ProcessAsync(ScenarioContext context, string path, string relative, CancellationToken cancellationToken)
    {
        var name = relative.TrimStart('/');
        var metadataPath = Processed + relative + ".meta.json";
        var movedTo = Processed + relative;
        var counter = new TextCounter();
        long bytes = 0;
        try
        {
            bytes = await context.ReadFileAsync(path, counter.Add, cancellationToken).ConfigureAwait(false);
            var parent = movedTo[..movedTo.LastIndexOf('/')];
            if (parent != Processed)
            {
                await context.Mount.CreateDirectoriesAsync(parent, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var metadata = JsonSerializer.SerializeToUtf8Bytes(new { name, bytes, lines = counter.Lines, words = counter.Words, source = path, processedAt = context.Simulation.Now });
            await context.WriteFileAsync(metadataPath, metadata, cancellationToken).ConfigureAwait(false);
            await context.RenameAsync(path, movedTo, cancellationToken).ConfigureAwait(false);
            return new DocumentResult(name, bytes, counter.Lines, counter.Words, metadataPath, movedTo);
        }
        catch (FileSystemException exception)
        {
            return new DocumentResult(name, bytes, counter.Lines, counter.Words, metadataPath, movedTo, exception.Message);
        }
    }

    /// <summary>Counts lines (<c>\n</c>, plus a last line without one) and words (runs of non-whitespace bytes) over chunks.</summary>
    private sealed class TextCounter
    {
        private bool _inWord;
        private byte _last = (byte)'\n';

        internal long Lines { get; private set; }

        internal long Words { get; private set; }

        private long NewLines { get; set; }

        internal void Add(ReadOnlyMemory<byte> chunk)
        {
            foreach (var b in chunk.Span)
            {
                var space = b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';
                Words += !space && !_inWord ? 1 : 0;
                _inWord = !space;
                NewLines += b == (byte)'\n' ? 1 : 0;
            }

            if (!chunk.IsEmpty)
            {
                _last = chunk.Span[^1];
            }

            Lines = NewLines + (_last != (byte)'\n' ? 1 : 0);
        }
    }
}
