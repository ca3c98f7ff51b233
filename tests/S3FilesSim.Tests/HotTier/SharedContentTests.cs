using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.ObjectStorage;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.HotTier;

// Memory grows with metadata, not bytes: an imported file shares the immutable bytes of its bucket version instead of
// copying them; it is accounted (StorageBytes, billing) exactly as a copy, and the first change copies it.
public sealed class SharedContentTests
{
    private const int Chunk = ChunkStore.ChunkSize;

    [Fact]
    public void Share_ImmutableContent_ReadsItsBytesAndAccountsThemAsCopied()
    {
        var storage = new HotTierStorage(0);
        object? data = null;
        var bytes = Enumerable.Range(0, (2 * Chunk) + 10).Select(i => (byte)i).ToArray();

        ChunkStore.Share(ref data, ObjectContent.FromBytes(bytes), storage);
        var read = new byte[20];
        ChunkStore.Read(data, bytes.Length, Chunk - 10, read);

        read.Should().Equal(bytes[(Chunk - 10)..(Chunk + 10)]);
        ChunkStore.AllocatedBytes(data).Should().Be(bytes.Length);
        storage.DataBytes.Should().Be(bytes.Length);
        ChunkStore.SharedContentOf(data).Should().NotBeNull();
    }

    [Fact]
    public void Write_SharedContent_CopiesItFirstAndLeavesTheSharedBytesAlone()
    {
        var storage = new HotTierStorage(0);
        object? data = null;
        var bytes = new byte[(2 * Chunk) + 10];
        var content = ObjectContent.FromBytes(bytes);
        ChunkStore.Share(ref data, content, storage);

        ChunkStore.Write(ref data, Chunk, [7, 7], storage);

        ChunkStore.SharedContentOf(data).Should().BeNull();
        var read = new byte[3];
        ChunkStore.Read(data, bytes.Length, Chunk - 1, read);
        read.Should().Equal(0, 7, 7);
        content.ToArray().Should().OnlyContain(b => b == 0);
        storage.DataBytes.Should().Be(bytes.Length);
    }

    [Fact]
    public void Truncate_SharedContent_CopiesThenCuts()
    {
        var storage = new HotTierStorage(0);
        object? data = null;
        ChunkStore.Share(ref data, ObjectContent.FromBytes(Enumerable.Repeat((byte)1, 100).ToArray()), storage);

        ChunkStore.Truncate(ref data, 40, storage);

        var read = new byte[100];
        ChunkStore.Read(data, 100, 0, read);
        read[..40].Should().OnlyContain(b => b == 1);
        read[40..].Should().OnlyContain(b => b == 0);
    }

    [Fact]
    public async Task ReadFile_SmallObjectImported_SharesTheBucketVersionsContent()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "a.txt", Content = ObjectContent.FromString("alpha") });
        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));

        var inode = sim.FileSystem.Namespace.Root.DirectoryAsIs.Find("a.txt")!;
        var stored = (await sim.Bucket.GetObjectAsync(new GetObjectRequest { Key = "a.txt" })).Body;

        inode.Resident.Should().BeTrue();
        ChunkStore.SharedContentOf(inode.Content).Should().BeSameAs(((ObjectContentStream)stored).WholeContent);
        (await fs.ReadFileAsync("/a.txt")).Should().Be("alpha");
        sim.FileSystem.StorageBytes.Should().Be(5 + (sim.FileSystem.Inodes * sim.FileSystem.Options.MetadataBytesPerInode));
    }

    [Fact]
    public async Task Append_ToAnImportedFile_ChangesTheFileNotTheBucketVersion()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("a.txt", "alpha");
        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));

        var handle = await fs.OpenAsync("/a.txt", OpenFlags.WriteOnly | OpenFlags.Append);
        await fs.WriteAsync(handle, "!"u8.ToArray());
        await fs.CloseAsync(handle);

        (await fs.ReadFileAsync("/a.txt")).Should().Be("alpha!");
        (await sim.Bucket.GetObjectBytesAsync("a.txt")).Should().Equal("alpha"u8.ToArray());
    }
}
