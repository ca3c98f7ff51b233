using System.Diagnostics;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.ObjectStorage;
using Spectre.Console;

namespace S3FilesSim.Cli;

/// <summary>Copies every file of a local directory tree into a bucket as objects written by another S3 client (keys = relative paths with <c>/</c>).</summary>
internal static class CorpusLoader
{
    /// <summary>Trees with more files than this show a progress bar while loading.</summary>
    internal const int ProgressThreshold = 2_000;

    /// <summary>Files are read in parallel in batches of this size, then put in key order so the run stays deterministic.</summary>
    private const int BatchSize = 256;

    /// <summary>Gets the bundled corpus shipped next to the executable.</summary>
    internal static string BundledCorpus => Path.Combine(AppContext.BaseDirectory, "corpus");

    /// <summary>Loads <paramref name="directory"/> into <paramref name="bucket"/>.</summary>
    /// <exception cref="CliException">The directory is missing, or a file cannot be read or has no valid key.</exception>
    internal static async Task<LoadReport> LoadAsync(string directory, IObjectStore bucket, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new CliException($"source directory '{directory}' does not exist.");
        }

        var wall = Stopwatch.StartNew();
        List<string> files;
        try
        {
            files = [.. Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 })];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot list '{directory}': {exception.Message}");
        }

        files.Sort(StringComparer.Ordinal);
        var loaded = new LoadReport { Source = root };
        if (files.Count > ProgressThreshold)
        {
            await console.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var task = progress.AddTask($"Loading {files.Count:N0} files into s3://{bucket.BucketName}", maxValue: files.Count);
                await PutAllAsync(root, files, bucket, loaded, done => task.Value = done, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            await PutAllAsync(root, files, bucket, loaded, static _ => { }, cancellationToken).ConfigureAwait(false);
        }

        loaded.WallMilliseconds = wall.Elapsed.TotalMilliseconds;
        return loaded;
    }

    /// <summary>Stores the files in batches: while one batch is stored (in order), the next is read from disk in parallel.</summary>
    private static async Task PutAllAsync(string root, List<string> files, IObjectStore bucket, LoadReport loaded, Action<int> onProgress, CancellationToken cancellationToken)
    {
        var reading = ReadBatchAsync(files, 0, cancellationToken);
        for (var start = 0; start < files.Count; start += BatchSize)
        {
            var (kinds, batch) = await reading.ConfigureAwait(false);
            var next = start + BatchSize;
            reading = next < files.Count ? ReadBatchAsync(files, next, cancellationToken) : Task.FromResult<(FileTypeProbe.Kind[], byte[]?[])>(([], []));
            for (var i = 0; i < batch.Length; i++)
            {
                if (batch[i] is not { } bytes)
                {
                    if (kinds[i] == FileTypeProbe.Kind.Special)
                    {
                        loaded.SkippedSpecialFiles++;
                    }
                    else
                    {
                        loaded.SkippedDanglingLinks++;
                    }

                    continue;
                }

                var key = Path.GetRelativePath(root, files[start + i]).Replace(Path.DirectorySeparatorChar, '/');
                try
                {
                    await bucket.PutObjectAsync(new PutObjectRequest { Key = key, Content = ObjectContent.FromBytes(bytes) }, cancellationToken).ConfigureAwait(false);
                }
                catch (ObjectStoreException exception)
                {
                    throw new CliException($"cannot store '{files[start + i]}' as key '{key}': {exception.Message}");
                }

                loaded.Files++;
                loaded.Bytes += bytes.LongLength;
            }

            onProgress(start + batch.Length);
        }
    }

    /// <summary>Reads up to <see cref="BatchSize"/> files from <paramref name="start"/> on the thread pool, in parallel
    /// (synchronous reads: for small files they cost less than asynchronous ones).</summary>
    private static Task<(FileTypeProbe.Kind[] Kinds, byte[]?[] Bytes)> ReadBatchAsync(List<string> files, int start, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var count = Math.Min(BatchSize, files.Count - start);
                var kinds = new FileTypeProbe.Kind[count];
                var bytes = new byte[]?[count];
                try
                {
                    Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i => (kinds[i], bytes[i]) = Read(files[start + i]));
                }
                catch (AggregateException exception) when (exception.InnerExceptions.OfType<CliException>().FirstOrDefault() is { } unreadable)
                {
                    throw unreadable;
                }

                return (kinds, bytes);
            },
            cancellationToken);

    /// <summary>Reads one regular file; no bytes for a special file (FIFO, socket, device: never opened) or a symbolic
    /// link whose target does not exist.</summary>
    private static (FileTypeProbe.Kind Kind, byte[]? Bytes) Read(string file)
    {
        try
        {
            var kind = FileTypeProbe.Probe(file);
            return kind == FileTypeProbe.Kind.Regular ? (kind, File.ReadAllBytes(file)) : (kind, null);
        }
        catch (FileNotFoundException) when (new FileInfo(file).LinkTarget is not null)
        {
            return (FileTypeProbe.Kind.Missing, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read '{file}': {exception.Message}");
        }
    }
}
