using System.Globalization;
using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>
/// Everything a caller can observe of a <see cref="BadInputWorld"/>, as lines: the clock and scheduler, every file
/// system's counters, published metrics, access points and synchronization configuration, the tree seen through every mount (type, mode,
/// owner, size, times, contents, link targets, S3 Files status), open handle positions and sizes, the locks another
/// mount sees, and every bucket's versions with their metadata and the multipart upload's parts.
/// </summary>
/// <remarks>Capturing is idempotent on a frozen clock, so capture once to warm caches, then compare two captures.</remarks>
internal static class StateSnapshot
{
    private static readonly FileLock[] LockProbes =
    [
        new(LockType.Write, 0, 0),
        new(LockType.Read, 0, 1),
        new(LockType.Write, 10, 5),
        new(LockType.Write, long.MaxValue - 1, 1),
    ];

    public static async Task<IReadOnlyList<string>> CaptureAsync(BadInputWorld world)
    {
        var lines = new List<string>
        {
            Line($"clock {world.Sim.Now:O} pending-work {world.Sim.Scheduler.PendingCount}"),
            Line($"buckets {string.Join(',', world.Sim.Buckets.Select(b => b.BucketName).Order(StringComparer.Ordinal))}"),
        };
        foreach (var fileSystem in world.Sim.FileSystems)
        {
            var configuration = fileSystem.GetSynchronizationConfiguration();
            lines.Add(Line($"fs {fileSystem.FileSystemId} inodes {fileSystem.Inodes} storage {fileSystem.StorageBytes} pending-exports {fileSystem.PendingExports} export-failures {fileSystem.ExportFailures} import-failures {fileSystem.ImportFailures} lost+found {fileSystem.LostAndFoundFiles} connections {fileSystem.ClientConnections} access-points {fileSystem.AccessPoints.Count}"));
            lines.Add($"metrics published {fileSystem.MetricsHistory.Count}, latest {fileSystem.Metrics}");
            lines.Add(Line($"sync v{configuration.LatestVersionNumber} import [{string.Join("; ", configuration.ImportDataRules.Select(r => $"{r.Prefix}|{r.Trigger}|{r.SizeLessThan}"))}] expire {configuration.ExpirationDataRules[0].DaysAfterLastAccess}"));
        }

        foreach (var (name, mount) in world.Mounts)
        {
            await WalkAsync(name, mount, "/", lines);
        }

        foreach (var (name, mount, handle) in world.Handles)
        {
            lines.Add($"handle {name} position {await Try(async () => (await mount.SeekAsync(handle, 0, SeekOrigin.Current)).ToString(CultureInfo.InvariantCulture))} size {await Try(async () => (await mount.FstatAsync(handle)).Size.ToString(CultureInfo.InvariantCulture))}");
        }

        foreach (var probe in LockProbes)
        {
            lines.Add($"lock probe {probe} -> {await Try(async () => (await world.Alice.GetLockAsync(world.AliceHandle, probe))?.ToString() ?? "free")}");
        }

        foreach (var bucket in world.Sim.Buckets.OrderBy(b => b.BucketName, StringComparer.Ordinal))
        {
            await CaptureBucketAsync(bucket, lines);
        }

        lines.Add($"upload parts {await Try(async () => string.Join(',', (await world.Bucket.ListPartsAsync(new ListPartsRequest { Key = BadInputWorld.UploadKey, UploadId = world.UploadId })).Parts.Select(p => $"{p.PartNumber}:{p.ETag}:{p.Size}")))}");
        return lines;
    }

    private static async Task WalkAsync(string mountName, IFileSystem mount, string directory, List<string> lines)
    {
        IReadOnlyList<DirectoryEntry> entries;
        try
        {
            entries = await mount.ReadDirectoryAsync(directory);
        }
        catch (FileSystemException e)
        {
            lines.Add($"{mountName} {directory} readdir {e.Errno}");
            return;
        }

        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = directory == "/" ? "/" + entry.Name : directory + "/" + entry.Name;
            var status = await mount.LstatAsync(path);
            var detail = status.Type switch
            {
                FileType.SymbolicLink => "-> " + await mount.ReadLinkAsync(path),
                FileType.RegularFile => "= " + await Try(() => ReadAllAsync(mount, path)),
                _ => string.Empty,
            };
            var xattr = await Try(async () => Encoding.UTF8.GetString(await mount.GetExtendedAttributeAsync(path, "user.s3files.status")).ReplaceLineEndings("|"));
            lines.Add(Line($"{mountName} {path} #{status.InodeNumber} {status.Type} {Convert.ToString((int)status.Mode, 8)} {status.Uid}:{status.Gid} size {status.Size} blocks {status.Blocks} links {status.LinkCount} a{status.AccessTime} m{status.ModificationTime} c{status.ChangeTime} b{status.BirthTime} {detail} xattr {xattr}"));
            if (status.Type == FileType.Directory)
            {
                await WalkAsync(mountName, mount, path, lines);
            }
        }
    }

    private static async Task<string> ReadAllAsync(IFileSystem mount, string path)
    {
        var handle = await mount.OpenAsync(path, OpenFlags.ReadOnly);
        try
        {
            var buffer = new byte[(await mount.FstatAsync(handle)).Size];
            var read = await mount.ReadAsync(handle, buffer, 0);
            return Convert.ToHexString(buffer, 0, read);
        }
        finally
        {
            await mount.CloseAsync(handle);
        }
    }

    private static async Task CaptureBucketAsync(InMemoryObjectStore bucket, List<string> lines)
    {
        string? keyMarker = null;
        VersionId? versionMarker = null;
        while (true)
        {
            var page = await bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest { KeyMarker = keyMarker, VersionIdMarker = versionMarker });
            foreach (var version in page.Versions)
            {
                var head = version.IsDeleteMarker ? null : (await bucket.HeadObjectAsync(new HeadObjectRequest { Key = version.Key, VersionId = version.VersionId })).Object;
                var metadata = head is null ? string.Empty : string.Join(',', head.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}"));
                lines.Add(Line($"s3 {bucket.BucketName}/{version.Key} {version.VersionId} latest={version.IsLatest} marker={version.IsDeleteMarker} {version.ETag} {version.Size} {version.LastModified:O} {version.StorageClass} {head?.ContentType} restore={head?.RestoreInProgress}/{head?.RestoreExpiresAt:O} [{metadata}]"));
            }

            if (!page.IsTruncated)
            {
                return;
            }

            keyMarker = page.NextKeyMarker;
            versionMarker = page.NextVersionIdMarker;
        }
    }

    private static async Task<string> Try(Func<Task<string>> read)
    {
        try
        {
            return await read();
        }
        catch (FileSystemException e)
        {
            return e.Errno.ToString();
        }
        catch (ObjectStoreException e)
        {
            return e.ErrorCode;
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
