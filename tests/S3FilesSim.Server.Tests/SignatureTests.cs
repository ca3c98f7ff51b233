using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using GetObjectRequest = Amazon.S3.Model.GetObjectRequest;
using GetPreSignedUrlRequest = Amazon.S3.Model.GetPreSignedUrlRequest;
using ListObjectsV2Request = Amazon.S3.Model.ListObjectsV2Request;
using PutObjectRequest = Amazon.S3.Model.PutObjectRequest;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.S3.Auth;
using S3FilesSim.Server.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Server.Tests;

/// <summary>Signature Version 4 with keys configured: SDK requests (signed aws-chunked bodies with trailers), presigned URLs,
/// and the requests S3 refuses (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html).</summary>
public sealed class SignatureTests : IAsyncLifetime
{
    private const string Bucket = "signed";
    private ServedSimulation _served = null!;

    public async Task InitializeAsync()
    {
        _served = await ServedSimulation.StartAsync(withKeys: true);
        _served.Simulation.CreateBucket(Bucket);
    }

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutObject_SignedStreamingBodyWithTrailer_IsVerifiedAndStored(bool whenSupported)
    {
        var client = _served.CreateClient(whenSupported ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED);
        var body = new string('x', 200_000);

        var put = await client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "k", ContentBody = body });

        put.HttpStatusCode.Should().Be(HttpStatusCode.OK);
        (await _served.Simulation.GetBucket(Bucket).GetObjectBytesAsync("k")).Should().Equal(Encoding.UTF8.GetBytes(body));
    }

    [Fact]
    public async Task GetPreSignedUrl_GetWithAPlainHttpClient_ReturnsTheObject()
    {
        await _served.Simulation.GetBucket(Bucket).PutObjectAsync("k", "presigned");
        var url = await _served.CreateClient().GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = Bucket, Key = "k", Expires = DateTime.UtcNow.AddMinutes(5), Verb = HttpVerb.GET, Protocol = Protocol.HTTP });
        using var http = new HttpClient();

        var body = await http.GetStringAsync(url);

        body.Should().Be("presigned");
    }

    [Fact]
    public async Task GetPreSignedUrl_PutWithAPlainHttpClient_StoresTheBody()
    {
        var url = await _served.CreateClient().GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = Bucket, Key = "uploaded", Expires = DateTime.UtcNow.AddMinutes(5), Verb = HttpVerb.PUT, Protocol = Protocol.HTTP });
        using var http = new HttpClient();

        using var response = await http.PutAsync(url, new StringContent("uploaded with a URL"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _served.Simulation.GetBucket(Bucket).GetObjectBytesAsync("uploaded")).Should().Equal("uploaded with a URL"u8.ToArray());
    }

    [Fact]
    public async Task PresignedUrl_Expired_AnswersAccessDenied()
    {
        var url = await _served.CreateClient().GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = Bucket, Key = "k", Expires = DateTime.UtcNow.AddSeconds(-30), Verb = HttpVerb.GET, Protocol = Protocol.HTTP });
        using var http = new HttpClient();

        var response = await RawHttp.SendAsync(_served.Endpoint, $"GET {new Uri(url).PathAndQuery} HTTP/1.1", []);

        response.Status.Should().Be(403);
        response.ErrorCode.Should().Be("AccessDenied");
        response.Error!.Element("Message")!.Value.Should().Be("Request has expired");
    }

    [Fact]
    public async Task Request_Unsigned_AnswersAccessDenied()
    {
        var response = await RawHttp.SendAsync(_served.Endpoint, $"GET /{Bucket}/k HTTP/1.1", []);

        response.Status.Should().Be(403);
        response.ErrorCode.Should().Be("AccessDenied");
    }

    [Fact]
    public async Task Request_UnknownAccessKey_AnswersInvalidAccessKeyId()
    {
        using var client = new AmazonS3Client(new BasicAWSCredentials("AKIAUNKNOWN000000000", ServedSimulation.SecretKey), new AmazonS3Config { ServiceURL = _served.Endpoint.ToString(), ForcePathStyle = true, MaxErrorRetry = 0 });

        var act = () => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });

        (await act.Should().ThrowAsync<AmazonS3Exception>()).Which.ErrorCode.Should().Be("InvalidAccessKeyId");
    }

    [Fact]
    public async Task AwsChunkedBody_ChunkSignatureTampered_AnswersSignatureDoesNotMatchAndStoresNothing()
    {
        var amzDate = DateTime.UtcNow.ToString(SigV4.AmzDateFormat, System.Globalization.CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var scope = $"{date}/us-east-1/s3/aws4_request";
        var key = SigV4.SigningKey(ServedSimulation.SecretKey, date, "us-east-1", "s3");
        var host = _served.Endpoint.Authority;
        var canonical = $"PUT\n/{Bucket}/chunked\n\nhost:{host}\nx-amz-content-sha256:{SigV4.StreamingSignedPayload}\nx-amz-date:{amzDate}\nx-amz-decoded-content-length:5\n\nhost;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length\n{SigV4.StreamingSignedPayload}";
        var seed = SigV4.Signature(key, SigV4.StringToSign(amzDate, scope, canonical));
        var signing = new SigningContext(key, amzDate, scope, seed);
        var goodChunk = signing.ChunkSignature(seed, System.Security.Cryptography.SHA256.HashData("hello"u8));
        var body = Encoding.ASCII.GetBytes($"5;chunk-signature={new string('0', 64)}\r\nhello\r\n0;chunk-signature={signing.ChunkSignature(goodChunk, System.Security.Cryptography.SHA256.HashData([]))}\r\n\r\n");
        var head = $"PUT /{Bucket}/chunked HTTP/1.1\r\nx-amz-content-sha256: {SigV4.StreamingSignedPayload}\r\nx-amz-date: {amzDate}\r\nx-amz-decoded-content-length: 5\r\nContent-Encoding: aws-chunked\r\nContent-Length: {body.Length}\r\n"
            + $"Authorization: {SigV4.Algorithm} Credential={ServedSimulation.AccessKey}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length, Signature={seed}";

        var response = await RawHttp.SendAsync(_served.Endpoint, head, body);

        response.Status.Should().Be(403, response.Body);
        response.ErrorCode.Should().Be("SignatureDoesNotMatch");
        (await _served.Simulation.GetBucket(Bucket).HeadObjectAsync("chunked")).Should().BeNull();
    }

    [Fact]
    public async Task VirtualHostedStyle_BucketInTheHostName_Works()
    {
        var client = _served.CreateClient(pathStyle: false);

        await client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "virtual", ContentBody = "by host name" });
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });

        listing.S3Objects.Select(o => o.Key).Should().Contain("virtual");
        (await _served.Simulation.GetBucket(Bucket).GetObjectBytesAsync("virtual")).Should().Equal("by host name"u8.ToArray());
    }
}
