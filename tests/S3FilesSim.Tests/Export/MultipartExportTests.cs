using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.ObjectStorage;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Export;

// "When you append to a large object, S3 Files uses UploadPartCopy so unchanged bytes are copied server-side":
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html (metering of exports).
public sealed class MultipartExportTests
{
    private const int MiB = 1 << 20;
    [Fact]
    public async Task LargeFile_IsExportedInParts()
    {
        var (sim, store, fs) = NewFileSystem();
        await using var _ = sim;
        var data = Pattern(20 * MiB);

        await WriteAsync(fs, "/big.bin", data, 0);
        await sim.AdvanceAsync(Quiet);

        var head = (await sim.Bucket.HeadObjectAsync("big.bin"))!;
        head.ETag.PartCount.Should().Be(3);
        (await sim.Bucket.GetObjectBytesAsync("big.bin")).Should().Equal(data);
        (store.PartUploads, store.PartCopies).Should().Be((3, 0));
    }

    [Fact]
    public async Task AppendToNonResidentFile_CopiesUnchangedPartsFromTheBaseVersion()
    {
        var (sim, store, fs) = NewFileSystem();
        await using var _ = sim;
        var original = Pattern(16 * MiB);
        await WriteAsync(fs, "/big.bin", original, 0);
        await sim.AdvanceAsync(Quiet);
        var fileSystem = sim.FileSystems[^1];
        lock (fileSystem.Namespace.Gate)
        {
            var inode = fileSystem.Namespace.Root.Directory.Find("big.bin")!;
            ChunkStore.Release(ref inode.Content, fileSystem.Storage);
            inode.Resident = false;
        }

        await WriteAsync(fs, "/big.bin", "appended"u8.ToArray(), 16 * MiB);
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.GetObjectBytesAsync("big.bin")).Should().Equal([.. original, .. "appended"u8.ToArray()]);
        (store.PartUploads, store.PartCopies).Should().Be((2 + 1, 2));
        (await sim.Bucket.VersionsAsync("big.bin")).Should().HaveCount(2);
    }

    [Fact]
    public async Task SmallFile_IsOnePut()
    {
        var (sim, store, fs) = NewFileSystem();
        await using var _ = sim;

        await WriteAsync(fs, "/small.bin", Pattern(MiB), 0);
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.HeadObjectAsync("small.bin"))!.ETag.IsMultipart.Should().BeFalse();
        store.PartUploads.Should().Be(0);
    }

    private static (S3FilesSimulation Sim, RecordingObjectStore Store, IFileSystem Fs) NewFileSystem()
    {
        var sim = S3FilesSimulation.Create();
        var store = new RecordingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, store);
        return (sim, store, fileSystem.Mount(new MountOptions { User = PosixUser.Root }));
    }

    private static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 % 251))];

    private static async Task WriteAsync(IFileSystem fs, string path, byte[] data, long offset)
    {
        var handle = await fs.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Create);
        await fs.WriteAsync(handle, data, offset);
        await fs.CloseAsync(handle);
    }
}
