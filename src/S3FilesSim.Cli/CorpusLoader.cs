using System.Diagnostics;
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

    /// <summary>How many objects are hashed ahead of the stores at a time.</summary>
    private const int HashBatch = 4096;

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
        var reading = progress.Start($"Reading the tree {root}", 0);
        var (entries, directories) = SourceWalker.Walk(root, skipped, found => reading.Describe($"Reading the tree {root}: {found:N0} entries"));
        reading.Complete();
        var report = new LoadReport { Source = root, Directories = directories, WalkMilliseconds = wall.Elapsed.TotalMilliseconds };
        var storing = progress.Start($"Loading {entries.Count:N0} entries into s3://{bucket.BucketName}", entries.Count);

        // Objects are stored in walk order, one at a time; for the in-memory bucket the MD5 of each (its ETag, which
        // means reading the file) is computed ahead on every core, one batch ahead of the stores (a real bucket's client
        // computes its own checksums as it uploads).
        var ahead = bucket is InMemoryObjectStore;
        var batch = Prepare(root, entries, 0);
        var hashing = ahead ? HashAsync(batch, cancellationToken) : Task.CompletedTask;
        for (var start = 0; start < entries.Count; start += HashBatch)
        {
            var next = start + HashBatch < entries.Count ? Prepare(root, entries, start + HashBatch) : null;
            await hashing.ConfigureAwait(false);
            hashing = next is null || !ahead ? Task.CompletedTask : HashAsync(next, cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await StoreAsync(root, entries[start + i], batch[i], bucket, report, skipped, cancellationToken).ConfigureAwait(false);
            }

            storing.Report(start + batch.Length);
            batch = next ?? [];
        }

        await hashing.ConfigureAwait(false);
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

    /// <summary>The contents of the entries from <paramref name="start"/> on, at most <see cref="HashBatch"/>: what each becomes in the bucket (<see langword="null"/> for a file stored in parts).</summary>
    private static ObjectContent?[] Prepare(string root, List<SourceEntry> entries, int start)
    {
        var batch = new ObjectContent?[Math.Min(HashBatch, entries.Count - start)];
        for (var i = 0; i < batch.Length; i++)
        {
            var entry = entries[start + i];
            batch[i] = entry.Kind switch
            {
                SourceEntryKind.SymbolicLink => ObjectContent.FromBytes(entry.LinkTarget!),
                SourceEntryKind.EmptyDirectory => ObjectContent.Empty,
                SourceEntryKind.File when entry.Size > MaxSinglePutBytes => null,
                _ => entry.Size == 0 ? ObjectContent.Empty : new SourceFileContent(root, entry.Key, entry.Size, entry.ModificationTimeNs),
            };
        }

        return batch;
    }

    /// <summary>Computes the MD5 of every content of <paramref name="batch"/> on every core; a file that cannot be read is left for its store to report.</summary>
    private static Task HashAsync(ObjectContent?[] batch, CancellationToken cancellationToken) => Task.Run(
        () => Parallel.ForEach(batch, new ParallelOptions { CancellationToken = cancellationToken }, content =>
        {
            try
            {
                content?.PrecomputeMd5();
            }
            catch (Exception exception) when (FindSourceFileError(exception) is not null)
            {
                // Stored next: the store reads it again and the entry is skipped with its reason.
            }
        }),
        cancellationToken);

    private static async Task StoreAsync(string root, SourceEntry entry, ObjectContent? content, IObjectStore bucket, LoadReport report, SkipLog skipped, CancellationToken cancellationToken)
    {
        try
        {
            switch (entry.Kind)
            {
                case SourceEntryKind.SymbolicLink:
                    await bucket.PutObjectAsync(new PutObjectRequest { Key = entry.Key, Content = content!, Metadata = LinkMetadata }, cancellationToken).ConfigureAwait(false);
                    report.SymbolicLinks++;
                    report.DanglingSymbolicLinks += entry.LinkState == LinkTargetState.Dangling ? 1 : 0;
                    report.SymbolicLinkLoops += entry.LinkState == LinkTargetState.Loop ? 1 : 0;
                    return;
                case SourceEntryKind.EmptyDirectory:
                    await bucket.PutObjectAsync(new PutObjectRequest { Key = entry.Key, Content = content! }, cancellationToken).ConfigureAwait(false);
                    report.EmptyDirectories++;
                    return;
                case SourceEntryKind.File when entry.Size > MaxSinglePutBytes:
                    await UploadInPartsAsync(root, entry, bucket, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await bucket.PutObjectAsync(new PutObjectRequest { Key = entry.Key, Content = content! }, cancellationToken).ConfigureAwait(false);
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
