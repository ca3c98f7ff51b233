using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>
/// The world every bad-input row runs against: one simulation with a populated, partly exported file system seen
/// through five mounts (root, an unprivileged user, read-only, an access point, a second file system), open handles
/// of every access mode (one with unflushed writes, one holding a lock), and a bucket with versions, a delete marker,
/// an archived object and an unfinished multipart upload.
/// </summary>
internal sealed class BadInputWorld : IAsyncDisposable
{
    public const string AccessPointRoot = "/ap";
    public const string UploadKey = "mpu/object";
    public const string VersionedKey = "bucket-only.txt";
    public const string ArchivedKey = "archived.bin";
    public const string DeletedKey = "deleted.txt";
    public const int MaxSymlinkHops = 40;

    private BadInputWorld(S3FilesSimulation sim)
    {
        Sim = sim;
    }

    public S3FilesSimulation Sim { get; }

    public InMemoryObjectStore Bucket => Sim.Bucket;

    /// <summary>Gets the root mount.</summary>
    public IFileSystem Root { get; private set; } = null!;

    /// <summary>Gets a mount acting as uid/gid 1000 (Alice).</summary>
    public IFileSystem Alice { get; private set; } = null!;

    /// <summary>Gets a read-only (<c>ro</c>) root mount.</summary>
    public IFileSystem ReadOnly { get; private set; } = null!;

    /// <summary>Gets a mount through an access point rooted at <see cref="AccessPointRoot"/>.</summary>
    public IFileSystem AccessPoint { get; private set; } = null!;

    /// <summary>Gets a mount of a second file system over a second bucket.</summary>
    public IFileSystem OtherFileSystem { get; private set; } = null!;

    /// <summary>Gets a mount that was unmounted after opening <see cref="UnmountedHandle"/>.</summary>
    public IFileSystem Unmounted { get; private set; } = null!;

    public FileHandle ReadHandle { get; private set; }

    public FileHandle WriteHandle { get; private set; }

    public FileHandle ReadWriteHandle { get; private set; }

    public FileHandle AppendHandle { get; private set; }

    public FileHandle DirectoryHandle { get; private set; }

    public FileHandle ClosedHandle { get; private set; }

    public FileHandle AliceHandle { get; private set; }

    public FileHandle OtherFileSystemHandle { get; private set; }

    public FileHandle UnmountedHandle { get; private set; }

    public string UploadId { get; private set; } = string.Empty;

    public ETag FirstPartETag { get; private set; }

    public ETag SecondPartETag { get; private set; }

    public VersionId FirstVersion { get; private set; }

    public VersionId DeleteMarker { get; private set; }

    public InMemoryObjectStore DeletedBucket { get; private set; } = null!;

    public InMemoryObjectStore UnversionedBucket { get; private set; } = null!;

    /// <summary>Gets access points whose root directory cannot be mounted, by root directory.</summary>
    public Dictionary<string, string> BrokenAccessPoints { get; } = new(StringComparer.Ordinal);

    public string OtherFileSystemAccessPointId { get; private set; } = string.Empty;

    /// <summary>The handles the snapshot reports positions of, by name.</summary>
    public IEnumerable<(string Name, IFileSystem Mount, FileHandle Handle)> Handles =>
    [
        ("read", Root, ReadHandle),
        ("write", Root, WriteHandle),
        ("read-write", Root, ReadWriteHandle),
        ("append", Root, AppendHandle),
        ("directory", Root, DirectoryHandle),
        ("alice", Alice, AliceHandle),
        ("other-fs", OtherFileSystem, OtherFileSystemHandle),
    ];

    /// <summary>The mounts the snapshot walks.</summary>
    public IEnumerable<(string Name, IFileSystem Mount)> Mounts =>
        [("root", Root), ("alice", Alice), ("ro", ReadOnly), ("ap", AccessPoint), ("other-fs", OtherFileSystem)];

    public static async Task<BadInputWorld> CreateAsync()
    {
        var world = new BadInputWorld(FileSystemTestKit.NewSimulation());
        await world.PopulateAsync();
        return world;
    }

    public static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public ValueTask DisposeAsync() => Sim.DisposeAsync();

    private async Task PopulateAsync()
    {
        var fileSystem = Sim.FileSystem;
        Root = Sim.Mount();
        await Root.MkdirAsync("/dir", FileSystemTestKit.Octal("755"));
        await Root.WriteFileAsync("/dir/file.txt", "hello");
        await Root.MkdirAsync("/dir/sub", FileSystemTestKit.Octal("755"));
        await Root.WriteFileAsync("/file", "data", FileSystemTestKit.Octal("644"));
        await Root.WriteFileAsync("/ro.txt", "read only", FileSystemTestKit.Octal("444"));
        await Root.SymlinkAsync("/loop2", "/loop1");
        await Root.SymlinkAsync("/loop1", "/loop2");
        await Root.SymlinkAsync("self", "/self");
        await Root.SymlinkAsync("/file", "/link");
        await Root.SymlinkAsync("/nowhere", "/dangling");
        await Root.MkdirAsync(AccessPointRoot, FileSystemTestKit.Octal("777"));
        await Root.WriteFileAsync(AccessPointRoot + "/inside.txt", "inside");
        await Root.SymlinkAsync("../../file", AccessPointRoot + "/up");
        await Root.SymlinkAsync("/file", AccessPointRoot + "/absolute");
        await Root.MkdirAsync("/secret", FileSystemTestKit.Octal("700"));
        await Root.WriteFileAsync("/secret/x", "secret");
        await Root.MkdirAsync("/shared", FileSystemTestKit.Octal("777"));
        await Root.ChownAsync("/shared", 1000, 1000);
        await Root.WriteFileAsync("/shared/alice.txt", "alice's");
        await Root.ChownAsync("/shared/alice.txt", 1000, 1000);
        await Root.MkdirAsync("/chain");
        for (var i = 0; i <= MaxSymlinkHops; i++)
        {
            await Root.SymlinkAsync(i < MaxSymlinkHops ? $"/chain/c{i + 1}" : "/file", $"/chain/c{i}");
        }

        await Sim.AdvanceAsync(TimeSpan.FromMinutes(2));

        await Bucket.PutObjectAsync(new PutObjectRequest { Key = VersionedKey, Content = ObjectContent.FromString("v1"), Metadata = new Dictionary<string, string> { ["origin"] = "test" } });
        FirstVersion = (await Bucket.HeadObjectAsync(VersionedKey))!.VersionId;
        await Bucket.PutObjectAsync(new PutObjectRequest { Key = VersionedKey, Content = ObjectContent.FromString("v2"), ContentType = "text/plain" });
        await Bucket.PutObjectAsync(new PutObjectRequest { Key = DeletedKey, Content = ObjectContent.FromString("gone") });
        DeleteMarker = (await Bucket.DeleteObjectAsync(new DeleteObjectRequest { Key = DeletedKey })).VersionId!.Value;
        await Bucket.PutObjectAsync(new PutObjectRequest { Key = ArchivedKey, Content = ObjectContent.FromString("cold"), StorageClass = StorageClass.Glacier });
        UploadId = await Bucket.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = UploadKey });
        FirstPartETag = await Bucket.UploadPartAsync(new UploadPartRequest { Key = UploadKey, UploadId = UploadId, PartNumber = 1, Content = ObjectContent.FromString("small part") });
        SecondPartETag = await Bucket.UploadPartAsync(new UploadPartRequest { Key = UploadKey, UploadId = UploadId, PartNumber = 2, Content = ObjectContent.FromString("last part") });
        DeletedBucket = Sim.CreateBucket("deleted-bucket");
        Sim.DeleteBucket("deleted-bucket");

        await Root.WriteFileAsync("/pending.txt", "not exported yet");
        ReadHandle = await Root.OpenAsync("/file", OpenFlags.ReadOnly);
        await Root.ReadAsync(ReadHandle, new byte[2]);
        WriteHandle = await Root.OpenAsync("/dir/file.txt", OpenFlags.WriteOnly);
        await Root.WriteAsync(WriteHandle, Bytes("HE"));
        ReadWriteHandle = await Root.OpenAsync("/file", OpenFlags.ReadWrite, processId: 1);
        await Root.SetLockAsync(ReadWriteHandle, new FileLock(LockType.Write, 0, 10));
        AppendHandle = await Root.OpenAsync("/ro.txt", OpenFlags.ReadOnly | OpenFlags.Append);
        DirectoryHandle = await Root.OpenAsync("/dir", OpenFlags.ReadOnly | OpenFlags.Directory);
        ClosedHandle = await Root.OpenAsync("/file", OpenFlags.ReadOnly);
        await Root.CloseAsync(ClosedHandle);

        Alice = fileSystem.Mount(new MountOptions { User = FileSystemTestKit.Alice });
        AliceHandle = await Alice.OpenAsync("/file", OpenFlags.ReadOnly, processId: 7);
        ReadOnly = fileSystem.Mount(new MountOptions { ReadOnly = true });
        var accessPoint = fileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = AccessPointRoot });
        AccessPoint = fileSystem.Mount(new MountOptions { AccessPointId = accessPoint.AccessPointId });
        Unmounted = fileSystem.Mount(new MountOptions());
        UnmountedHandle = await Unmounted.OpenAsync("/file", OpenFlags.ReadOnly);
        await Unmounted.DisposeAsync();

        var creation = CreationPermissions.FromOctal(1, 1, "755");
        foreach (var (root, permissions) in new (string, CreationPermissions?)[] { ("/absent", null), ("/file", null), ("/file/x", creation), ("/loop1", creation), ("/" + new string('€', 86), creation) })
        {
            BrokenAccessPoints[root] = fileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = root, CreationPermissions = permissions }).AccessPointId;
        }

        UnversionedBucket = Sim.CreateBucket("unversioned", new InMemoryObjectStoreOptions { Versioning = false });
        var otherBucket = Sim.CreateBucket("other-bucket");
        var otherFileSystem = Sim.CreateFileSystem(null, otherBucket);
        OtherFileSystemAccessPointId = otherFileSystem.CreateAccessPoint(new AccessPointOptions()).AccessPointId;
        OtherFileSystem = otherFileSystem.Mount(new MountOptions());
        await OtherFileSystem.WriteFileAsync("/file", "other file system");
        do
        {
            OtherFileSystemHandle = await OtherFileSystem.OpenAsync("/file", OpenFlags.ReadOnly);
        }
        while (OtherFileSystemHandle.Value < ReadWriteHandle.Value);

    }
}
