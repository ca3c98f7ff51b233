using System.Diagnostics;
using System.Threading.Channels;
using S3FilesSim.Cli.Loading;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli;

/// <summary>
/// Loads a local directory tree into a bucket as the bucket's existing content (keys = relative paths with <c>/</c>):
/// regular files as objects whose bytes are read from the file on demand, symbolic links as S3 Files exports them (body
/// = target, <c>file-permissions</c> <c>0120777</c>), empty directories as <c>dir/</c> markers. An entry that cannot
/// become an object is skipped and counted with its reason; it never stops the load
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-metadata.html).
/// </summary>
internal static class CorpusLoader
{
    /// <summary>The <c>file-permissions</c> S3 Files writes on a symbolic link's object: type bits <c>0120</c>, mode 0777.</summary>
    internal const string SymbolicLinkPermissions = "0120777";

    /// <summary>Files larger than this are uploaded in parts, as S3 requires (a single PUT holds at most 5 GiB).</summary>
    private const long MaxSinglePutBytes = 5L << 30;

    /// <summary>The smallest part of a multipart upload of a large file: 8 MiB, as the AWS CLI uses.</summary>
    private const long MinPartBytes = 8L << 20;

    private const int MaxParts = 10_000;

    private static readonly Dictionary<string, string> LinkMetadata = new(StringComparer.Ordinal) { ["file-permissions"] = SymbolicLinkPermissions };

    /// <summary>Gets the bundled corpus shipped next to the executable.</summary>
    internal static string BundledCorpus => Path.Combine(AppContext.BaseDirectory, "corpus");

    /// <summary>Loads <paramref name="directory"/> into <paramref name="bucket"/>.</summary>
    /// <param name="directory">The source directory.</param>
    /// <param name="bucket">The bucket (in memory, or a real one).</param>
    /// <param name="progress">Where the two steps (reading the tree, storing it) show their progress.</param>
    /// <param name="cancellationToken">Stops the load between two objects.</param>
    /// <returns>What was loaded and what was skipped.</returns>
    /// <exception cref="CliException">The directory is missing or not a directory, or the bucket refuses an object.</exception>
    internal static async Task<LoadReport> LoadAsync(string directory, IObjectStore bucket, RunProgress progress, CancellationToken cancellationToken)
    {
        var root = CheckDirectory(directory);
        var wall = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        var skipped = new SkipLog();
        var report = new LoadReport { Source = root };
        var reading = progress.Start($"Reading the tree {root}", 0);
        var storing = progress.Start($"Loading the tree into s3://{bucket.BucketName}", 0);

        // The tree is walked on another thread while the entries found so far are stored, in walk order, one at a time.
        // The in-memory bucket computes an object's MD5 (its ETag) when the tag is first needed, so files are not read
        // here; a real bucket's client reads each file as it uploads it.
        var found = Channel.CreateUnbounded<List<SourceEntry>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walk = Task.Run(
            () =>
            {
                try
                {
                    var entries = 0;
                    report.Directories = SourceWalker.Walk(
                        root,
                        skipped,
                        batch =>
                        {
                            entries += batch.Count;
                            found.Writer.TryWrite(batch);
                        },
                        count => reading.Describe($"Reading the tree {root}: {count:N0} entries"),
                        stop.Token);
                    report.WalkMilliseconds = wall.Elapsed.TotalMilliseconds;
                    reading.Complete();
                    storing.Describe($"Loading {entries:N0} entries into s3://{bucket.BucketName}");
                    storing.SetTotal(entries);
                    found.Writer.Complete();
                }
                catch (Exception exception)
                {
                    found.Writer.Complete(exception);
                }
            },
            CancellationToken.None);
        var stored = 0;
        try
        {
            await foreach (var batch in found.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var entry in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await StoreAsync(root, entry, bucket, report, skipped, cancellationToken).ConfigureAwait(false);
                }

                stored += batch.Count;
                storing.Report(stored);
            }
        }
        finally
        {
            // A failed store stops the walk; the walk's own failure (an unreadable root) came through the channel.
            await stop.CancelAsync().ConfigureAwait(false);
            await walk.ConfigureAwait(false);
        }

        storing.Complete();
        report.Skipped = skipped.ToList();
        report.WallMilliseconds = wall.Elapsed.TotalMilliseconds;
        report.CpuMilliseconds = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        return report;
    }

    /// <summary>Returns the full path of <paramref name="directory"/> after checking that it is a directory.</summary>
    /// <exception cref="CliException">It does not exist, or is not a directory.</exception>
    internal static string CheckDirectory(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (Directory.Exists(root))
        {
            return root;
        }

        throw new CliException(File.Exists(root) || new FileInfo(root).LinkTarget is not null
            ? $"source '{directory}' is not a directory; --source takes the directory whose files are loaded into the bucket."
            : $"source directory '{directory}' does not exist.");
    }

    /// <summary>What <paramref name="entry"/> becomes in the bucket (not called for a file stored in parts).</summary>
    private static ObjectContent ContentOf(string root, SourceEntry entry) => entry.Kind switch
    {
        SourceEntryKind.SymbolicLink => ObjectContent.FromBytes(entry.LinkTarget!),
        SourceEntryKind.EmptyDirectory => ObjectContent.Empty,
        _ => entry.Size == 0 ? ObjectContent.Empty : new SourceFileContent(root, entry.Key, entry.Size, entry.ModificationTimeNs),
    };

    private static async Task StoreAsync(string root, SourceEntry entry, IObjectStore bucket, LoadReport report, SkipLog skipped, CancellationToken cancellationToken)
    {
        try
        {
            switch (entry.Kind)
            {
                case SourceEntryKind.SymbolicLink:
                    await bucket.PutObjectAsync(new PutObjectRequest { Key = entry.Key, Content = ContentOf(root, entry), Metadata = LinkMetadata }, cancellationToken).ConfigureAwait(false);
                    report.SymbolicLinks++;
                    report.DanglingSymbolicLinks += entry.LinkState == LinkTargetState.Dangling ? 1 : 0;
                    report.SymbolicLinkLoops += entry.LinkState == LinkTargetState.Loop ? 1 : 0;
                    return;
                case SourceEntryKind.EmptyDirectory:
                    await bucket.PutObjectAsync(new PutObjectRequest { Key = entry.Key, Content = ContentOf(root, entry) }, cancellationToken).ConfigureAwait(false);
                    report.EmptyDirectories++;
                    return;
                case SourceEntryKind.File when entry.Size > MaxSinglePutBytes:
                    await UploadInPartsAsync(root, entry, bucket, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await bucket.PutObjectAsync(new PutObjectRequest { Key = entry.Key, Content = ContentOf(root, entry) }, cancellationToken).ConfigureAwait(false);
                    break;
            }

            report.Files++;
            report.Bytes += entry.Size;
            NoteFileKey(report.FirstFileKeys, entry.Key);
        }
        catch (Exception exception) when (FindSourceFileError(exception) is { } error)
        {
            skipped.Add(
                error.Errno switch
                {
                    LinuxFiles.EACCES or LinuxFiles.EPERM => SkipReason.PermissionDenied,
                    0 or LinuxFiles.ENOENT or LinuxFiles.ELOOP => SkipReason.Vanished,
                    _ => SkipReason.ReadError,
                },
                error.SourcePath,
                error.Errno is 0 or LinuxFiles.EACCES or LinuxFiles.EPERM or LinuxFiles.ENOENT ? null : LinuxFiles.Describe(error.Errno));
        }
        catch (ObjectStoreException exception)
        {
            throw new CliException($"cannot store '{Path.Combine(root, entry.Key)}' as key '{entry.Key}' in s3://{bucket.BucketName}: {exception.ErrorCode}: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static void NoteFileKey(SortedSet<string> first, string key)
    {
        if (first.Count < LoadReport.FirstFileKeyCount)
        {
            first.Add(key);
        }
        else if (StringComparer.Ordinal.Compare(key, first.Max) < 0)
        {
            first.Remove(first.Max!);
            first.Add(key);
        }
    }

    /// <summary>Uploads a file of more than 5 GiB in parts of at least 8 MiB (at most 10,000 parts), each read from the file on demand.</summary>
    private static async Task UploadInPartsAsync(string root, SourceEntry entry, IObjectStore bucket, CancellationToken cancellationToken)
    {
        var partBytes = Math.Max(MinPartBytes, ((entry.Size + MaxParts - 1) / MaxParts + (1 << 20) - 1) & ~((1L << 20) - 1));
        var uploadId = await bucket.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = entry.Key }, cancellationToken).ConfigureAwait(false);
        try
        {
            var parts = new List<CompletedPart>();
            for (long start = 0; start < entry.Size; start += partBytes)
            {
                var content = SourceFileContent.Window(root, entry.Key, entry.Size, entry.ModificationTimeNs, start, Math.Min(partBytes, entry.Size - start));
                var number = parts.Count + 1;
                var etag = await bucket.UploadPartAsync(new UploadPartRequest { Key = entry.Key, UploadId = uploadId, PartNumber = number, Content = content }, cancellationToken).ConfigureAwait(false);
                parts.Add(new CompletedPart(number, etag));
            }

            await bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = entry.Key, UploadId = uploadId, Parts = parts }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await bucket.AbortMultipartUploadAsync(entry.Key, uploadId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Finds the source-file error in <paramref name="exception"/> or what it wraps (an S3 client may wrap a failed body read).</summary>
    internal static SourceFileException? FindSourceFileError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SourceFileException error)
            {
                return error;
            }

            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Select(FindSourceFileError).FirstOrDefault(e => e is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
