using System.Security.Cryptography;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

// The in-memory bucket computes a single-part ETag (the MD5 of the bytes,
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html) when the tag is first needed, not when the object is
// written: a tree loaded as existing content is stored without reading its files. The value is the same either way.
public sealed class DeferredETagTests
{
    private static readonly byte[] Bytes = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();

    private static readonly ETag Expected = ETag.FromMd5(MD5.HashData(Bytes));

    [Fact]
    public async Task PutObject_ImmutableContent_ReadsNoByteUntilTheETagIsRead()
    {
        var content = new CountingContent(Bytes);
        await using var sim = S3FilesSimulation.Create();

        var written = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = content });

        content.Reads.Should().Be(0, "storing the object does not read it");
        written.ETag!.Value.Value.Should().Be(Expected.Value);
        var reads = content.Reads;
        reads.Should().BeGreaterThan(0);
        (await sim.Bucket.HeadObjectAsync("k"))!.ETag.Value.Should().Be(Expected.Value);
        content.Reads.Should().Be(reads, "the digest is computed once and kept");
    }

    [Fact]
    public async Task HeadListAndGet_OfAnObjectStoredWithADeferredETag_AllGiveItsMd5()
    {
        var content = new CountingContent(Bytes);
        await using var sim = S3FilesSimulation.Create();
        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "d/k", Content = content });

        var listed = (await sim.Bucket.ListObjectsV2Async(new ListObjectsV2Request { Prefix = "d/" })).Contents.Single();
        var head = (await sim.Bucket.HeadObjectAsync("d/k"))!;
        var versions = (await sim.Bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest())).Versions.Single();

        listed.ETag.Should().Be(Expected);
        head.ETag.Should().Be(Expected);
        versions.ETag.Should().Be(Expected);
        listed.ETag.GetHashCode().Should().Be(Expected.GetHashCode());
        listed.ETag.IsMultipart.Should().BeFalse();
        listed.ETag.PartCount.Should().Be(0);
        listed.ETag.IsAny.Should().BeFalse();
    }

    [Fact]
    public async Task Equals_TwoReadsOfTheSameStoredObject_AreEqualWithoutComputingTheMd5()
    {
        var content = new CountingContent(Bytes);
        await using var sim = S3FilesSimulation.Create();
        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = content });

        var first = (await sim.Bucket.HeadObjectAsync("k"))!.ETag;
        var second = (await sim.Bucket.ListObjectsV2Async(new ListObjectsV2Request())).Contents.Single().ETag;

        (first == second).Should().BeTrue();
        first.Matches(second).Should().BeTrue();
        first.IsComputed.Should().BeFalse();
        content.Reads.Should().Be(0);
    }

    [Fact]
    public async Task Equals_DeferredAgainstAnotherObjectsTag_ComparesTheValues()
    {
        await using var sim = S3FilesSimulation.Create();
        var same = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "a", Content = new CountingContent(Bytes) });
        var other = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "b", Content = new CountingContent([1, 2, 3]) });

        var tag = same.ETag!.Value;
        (tag == Expected).Should().BeTrue();
        (tag == other.ETag!.Value).Should().BeFalse();
        tag.Matches(ETag.Any).Should().BeTrue();
        ETag.Parse(Expected.Unquoted).Matches(tag).Should().BeTrue();
    }

    [Fact]
    public async Task PutObject_MutableContentChangedAfterThePut_KeepsTheETagOfTheBytesWritten()
    {
        var bytes = Bytes.ToArray();
        var content = new CountingContent(bytes, immutable: false);
        await using var sim = S3FilesSimulation.Create();

        var written = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = content });
        bytes[0] ^= 0xFF;

        written.ETag.Should().Be(Expected);
        (await sim.Bucket.GetObjectBytesAsync("k")).Should().Equal(Bytes);
    }

    [Fact]
    public async Task ConditionalPut_IfMatchOnAnObjectWithADeferredETag_ComparesItsMd5()
    {
        await using var sim = S3FilesSimulation.Create();
        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = new CountingContent(Bytes) });

        var wrong = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = ObjectContent.FromString("x"), IfMatch = ETag.FromMd5(new byte[16]) });
        var right = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = ObjectContent.FromString("y"), IfMatch = ETag.Parse(Expected.Unquoted) });

        wrong.Status.Should().Be(WriteStatus.PreconditionFailed);
        right.Status.Should().Be(WriteStatus.Succeeded);
        right.ETag.Should().Be(ETag.FromMd5(MD5.HashData("y"u8)));
    }

    [Fact]
    public async Task CopyObject_OfAnObjectWithADeferredETag_GivesTheCopyTheSameETag()
    {
        var content = new CountingContent(Bytes);
        await using var sim = S3FilesSimulation.Create();
        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = content });

        var copy = await sim.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = "k", DestinationKey = "copy" });

        copy.ETag.Should().Be(Expected);
    }

    [Fact]
    public async Task Value_ReadByManyThreadsAtOnce_IsTheSameMd5ForAll()
    {
        await using var sim = S3FilesSimulation.Create();
        var written = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = new CountingContent(Bytes) });

        var values = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => written.ETag!.Value.Value)));

        values.Should().AllBe(Expected.Value);
    }

    [Fact]
    public async Task ETag_ContentThatCannotBeRead_FailsWhereTheTagIsFirstNeeded()
    {
        await using var sim = S3FilesSimulation.Create();
        var written = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = new UnreadableContent() });

        var read = () => written.ETag!.Value.Value;

        read.Should().Throw<IOException>().WithMessage("gone");
        (await sim.Bucket.HeadObjectAsync("k"))!.ContentLength.Should().Be(10, "the object is stored; only its bytes are unreadable");
    }

    // The file system keeps a listed entry's ETag as the bucket gave it: listing a directory reads no object bytes.
    [Fact]
    public async Task ReadDirectory_OfObjectsWithDeferredETags_ReadsNoObjectBytes()
    {
        var contents = Enumerable.Range(0, 3).Select(_ => new CountingContent(Bytes)).ToArray();
        await using var sim = S3FilesSimulation.Create();
        for (var i = 0; i < contents.Length; i++)
        {
            await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = $"d/f{i}", Content = contents[i] });
        }

        var fs = sim.CreateFileSystem().Mount(new MountOptions());

        (await fs.ReadDirectoryAsync("/d")).Select(e => e.Name).Should().Equal("f0", "f1", "f2");
        (await fs.StatAsync("/d/f1")).Size.Should().Be(Bytes.Length);
        contents.Sum(c => c.Reads).Should().Be(0);
    }

    private sealed class CountingContent(byte[] bytes, bool immutable = true) : ObjectContent
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override long Length => bytes.Length;

        public override bool IsImmutable => immutable;

        public override int Read(long offset, Span<byte> destination)
        {
            Interlocked.Increment(ref _reads);
            var count = (int)Math.Min(destination.Length, bytes.Length - offset);
            bytes.AsSpan((int)offset, count).CopyTo(destination);
            return count;
        }
    }

    private sealed class UnreadableContent : ObjectContent
    {
        public override long Length => 10;

        public override bool IsImmutable => true;

        public override int Read(long offset, Span<byte> destination) => throw new IOException("gone");
    }
}
