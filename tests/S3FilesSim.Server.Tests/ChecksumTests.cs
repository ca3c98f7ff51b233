using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using FluentAssertions;
using S3FilesSim.Server.S3.Body;
using Algorithm = S3FilesSim.Server.S3.Body.ChecksumAlgorithm;
using SdkAlgorithm = Amazon.S3.ChecksumAlgorithm;
using S3FilesSim.Server.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Server.Tests;

/// <summary>Additional checksums: verified on upload, stored with the version, returned with <c>x-amz-checksum-mode: ENABLED</c>
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).</summary>
public sealed class ChecksumTests : IAsyncLifetime
{
    private const string Bucket = "checksums";
    private ServedSimulation _served = null!;

    public async Task InitializeAsync()
    {
        _served = await ServedSimulation.StartAsync();
        _served.Simulation.CreateBucket(Bucket);
    }

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [Theory]
    [InlineData("CRC32")]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    public async Task PutObject_WithChecksum_GetWithChecksumModeReturnsIt(string algorithm)
    {
        var client = _served.CreateClient();

        var put = await client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "k", ContentBody = "checked", ChecksumAlgorithm = new SdkAlgorithm(algorithm) });
        var head = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = "k", ChecksumMode = ChecksumMode.ENABLED });

        var expected = Checksums.Compute(Checksums.ParseName(algorithm)!.Value, "checked"u8).Base64;
        (put.ChecksumCRC32 ?? put.ChecksumSHA1 ?? put.ChecksumSHA256).Should().Be(expected);
        (head.ChecksumCRC32 ?? head.ChecksumSHA1 ?? head.ChecksumSHA256).Should().Be(expected);
    }

    [Theory]
    [InlineData("crc32c")]
    [InlineData("crc64nvme")]
    public async Task PutObject_ChecksumHeaderOfTheBody_IsAcceptedAndReturned(string algorithm)
    {
        var value = Checksums.Compute(Checksums.ParseHeaderName("x-amz-checksum-" + algorithm)!.Value, "checked"u8).Base64;

        var put = await RawHttp.SendAsync(_served.Endpoint, $"PUT /{Bucket}/raw HTTP/1.1\r\nContent-Length: 7\r\nx-amz-checksum-{algorithm}: {value}", "checked"u8.ToArray());
        var head = await RawHttp.SendAsync(_served.Endpoint, $"HEAD /{Bucket}/raw HTTP/1.1\r\nx-amz-checksum-mode: ENABLED", []);

        put.Status.Should().Be(200, put.Body);
        head.Headers["x-amz-checksum-" + algorithm].Should().Be(value);
    }

    [Fact]
    public async Task PutObject_ChecksumOfOtherBytes_AnswersBadDigestAndStoresNothing()
    {
        var value = Checksums.Compute(Algorithm.Crc32C, "other"u8).Base64;

        var put = await RawHttp.SendAsync(_served.Endpoint, $"PUT /{Bucket}/raw HTTP/1.1\r\nContent-Length: 7\r\nx-amz-checksum-crc32c: {value}", "checked"u8.ToArray());

        put.Status.Should().Be(400);
        put.ErrorCode.Should().Be("BadDigest");
        (await _served.Simulation.GetBucket(Bucket).HeadObjectAsync("raw")).Should().BeNull();
    }

    [Fact]
    public async Task GetObject_Range_ReturnsNoWholeObjectChecksum()
    {
        var client = _served.CreateClient();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "k", ContentBody = "0123456789", ChecksumAlgorithm = SdkAlgorithm.CRC32 });

        using var get = await client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = "k", ByteRange = new ByteRange(2, 4), ChecksumMode = ChecksumMode.ENABLED });
        using var reader = new StreamReader(get.ResponseStream);

        (await reader.ReadToEndAsync()).Should().Be("234");
        get.ChecksumCRC32.Should().BeNull();
    }

    [Theory]
    [InlineData("CRC32")]
    [InlineData("CRC32C")]
    [InlineData("CRC64NVME")]
    public void CombineCrcs_ThreeParts_EqualsTheCrcOfTheWhole(string name)
    {
        var algorithm = Checksums.ParseName(name)!.Value;
        var parts = new[] { Encoding.ASCII.GetBytes(new string('A', 5 << 20)), Encoding.ASCII.GetBytes(new string('B', 1234)), Encoding.ASCII.GetBytes(new string('C', 77)) };

        var combined = Checksums.CombineCrcs(algorithm, [.. parts.Select(p => (Checksums.Compute(algorithm, p), (long)p.Length))]);

        combined.Base64.Should().Be(Checksums.Compute(algorithm, parts.SelectMany(p => p).ToArray()).Base64);
    }

    [Fact]
    public void Compute_Crc32C_IsTheCastagnoliCheckValueBigEndian()
    {
        var value = Checksums.Compute(Algorithm.Crc32C, "123456789"u8);

        BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(value.Base64)).Should().Be(0xE3069283);
    }

    [Fact]
    public async Task MultipartUpload_FullObjectCrc32_CompleteChecksIt()
    {
        var client = _served.CreateClient(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED);
        var parts = new[] { new string('a', 5 << 20), "tail" };
        var create = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, Key = "mp", ChecksumAlgorithm = SdkAlgorithm.CRC32, ChecksumType = ChecksumType.FULL_OBJECT });
        var uploaded = new List<PartETag>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await client.UploadPartAsync(new UploadPartRequest { BucketName = Bucket, Key = "mp", UploadId = create.UploadId, PartNumber = i + 1, InputStream = new MemoryStream(Encoding.ASCII.GetBytes(parts[i])), ChecksumAlgorithm = SdkAlgorithm.CRC32 });
            uploaded.Add(new PartETag { PartNumber = i + 1, ETag = part.ETag, ChecksumCRC32 = part.ChecksumCRC32 });
        }

        var whole = Checksums.Compute(Algorithm.Crc32, Encoding.ASCII.GetBytes(string.Concat(parts))).Base64;
        var complete = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = Bucket, Key = "mp", UploadId = create.UploadId, PartETags = uploaded, ChecksumCRC32 = whole });

        complete.ChecksumCRC32.Should().Be(whole);
        complete.ChecksumType.Should().Be(ChecksumType.FULL_OBJECT);
    }

    [Fact]
    public async Task CompleteMultipartUpload_Repeated_AnswersTheSameETagChecksumAndVersion()
    {
        var client = _served.CreateClient(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED);
        var create = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, Key = "again", ChecksumAlgorithm = SdkAlgorithm.SHA256 });
        var part = await client.UploadPartAsync(new UploadPartRequest { BucketName = Bucket, Key = "again", UploadId = create.UploadId, PartNumber = 1, InputStream = new MemoryStream("only part"u8.ToArray()), ChecksumAlgorithm = SdkAlgorithm.SHA256 });
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = Bucket,
            Key = "again",
            UploadId = create.UploadId,
            PartETags = [new PartETag { PartNumber = 1, ETag = part.ETag, ChecksumSHA256 = part.ChecksumSHA256 }],
        };
        var first = await client.CompleteMultipartUploadAsync(request);

        var second = await client.CompleteMultipartUploadAsync(request);

        second.HttpStatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        second.ETag.Should().Be(first.ETag);
        second.ChecksumSHA256.Should().Be(first.ChecksumSHA256).And.EndWith("-1");
        second.VersionId.Should().Be(first.VersionId);
        (await client.ListVersionsAsync(new ListVersionsRequest { BucketName = Bucket, Prefix = "again" })).Versions.Should().ContainSingle();
    }
}
