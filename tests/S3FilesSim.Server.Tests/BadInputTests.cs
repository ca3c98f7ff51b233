using System.Net;
using System.Text;
using Amazon.S3;
using PutObjectRequest = Amazon.S3.Model.PutObjectRequest;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Server.Tests;

/// <summary>Every bad input the endpoint can be sent gets S3's error code and XML error body; the server keeps serving
/// and nothing in the bucket changes (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string Bucket = "bad-input";
    private ServedSimulation _served = null!;
    private InMemoryObjectStore _bucket = null!;

    public async Task InitializeAsync()
    {
        _served = await ServedSimulation.StartAsync();
        _bucket = _served.Simulation.CreateBucket(Bucket);
        await _bucket.PutObjectAsync("existing", "0123456789");
    }

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task DeleteObjects_MalformedXml_AnswersMalformedXml()
    {
        var response = await SendAsync("POST /bad-input?delete HTTP/1.1", "<Delete><Object><Key>existing</Key>");

        await AssertRejectedAsync(response, 400, "MalformedXML", "/bad-input");
    }

    [Fact]
    public async Task PutObject_NoContentLength_AnswersMissingContentLength()
    {
        var response = await RawHttp.SendAsync(_served.Endpoint, "PUT /bad-input/new HTTP/1.1", []);

        await AssertRejectedAsync(response, 411, "MissingContentLength", "/bad-input/new");
    }

    /// <summary>A client that declares 100 bytes, sends 10 and waits: after Kestrel's grace period for the body (5 s at
    /// under 240 bytes/s) S3's RequestTimeout.</summary>
    [Fact]
    public async Task PutObject_ContentLengthLongerThanTheBody_AnswersRequestTimeout()
    {
        var response = await RawHttp.SendAsync(_served.Endpoint, "PUT /bad-input/new HTTP/1.1\r\nContent-Length: 100", "only ten b"u8.ToArray());

        await AssertRejectedAsync(response, 400, "RequestTimeout", "/bad-input/new");
    }

    [Fact]
    public async Task PutObject_ClientStopsSendingBeforeContentLength_ServerKeepsServingAndStoresNothing()
    {
        var response = await RawHttp.SendAsync(_served.Endpoint, "PUT /bad-input/new HTTP/1.1\r\nContent-Length: 100", "only ten b"u8.ToArray(), endOfInput: true);

        response.Status.Should().NotBe(200);
        await AssertBucketUnchangedAndServingAsync();
    }

    [Fact]
    public async Task PutObject_AwsChunkedBodyEndingInsideAChunk_AnswersIncompleteBody()
    {
        var body = "64\r\nonly twenty bytes!!"u8.ToArray();
        var head = $"PUT /bad-input/new HTTP/1.1\r\nContent-Encoding: aws-chunked\r\nx-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\nx-amz-decoded-content-length: 100\r\nContent-Length: {body.Length}";

        var response = await RawHttp.SendAsync(_served.Endpoint, head, body);

        await AssertRejectedAsync(response, 400, "IncompleteBody", "/bad-input/new");
    }

    [Fact]
    public async Task PutObject_AwsChunkedTrailerChecksumWrong_AnswersBadDigest()
    {
        var body = "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"u8.ToArray();
        var head = $"PUT /bad-input/new HTTP/1.1\r\nContent-Encoding: aws-chunked\r\nx-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\nx-amz-trailer: x-amz-checksum-crc32\r\nx-amz-decoded-content-length: 3\r\nContent-Length: {body.Length}";

        var response = await RawHttp.SendAsync(_served.Endpoint, head, body);

        await AssertRejectedAsync(response, 400, "BadDigest", "/bad-input/new");
    }

    [Fact]
    public async Task PutObject_ContentMd5OfOtherBytes_AnswersBadDigest()
    {
        var response = await SendAsync("PUT /bad-input/new HTTP/1.1\r\nContent-MD5: " + Convert.ToBase64String(System.Security.Cryptography.MD5.HashData("other"u8)), "payload");

        await AssertRejectedAsync(response, 400, "BadDigest", "/bad-input/new");
    }

    [Fact]
    public async Task PutObject_ContentMd5NotBase64_AnswersInvalidDigest()
    {
        var response = await SendAsync("PUT /bad-input/new HTTP/1.1\r\nContent-MD5: not-an-md5", "payload");

        await AssertRejectedAsync(response, 400, "InvalidDigest", "/bad-input/new");
    }

    [Fact]
    public async Task PutObject_ContentSha256OfOtherBytes_AnswersXAmzContentSha256Mismatch()
    {
        var response = await SendAsync("PUT /bad-input/new HTTP/1.1\r\nx-amz-content-sha256: " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("other"u8)), "payload");

        await AssertRejectedAsync(response, 400, "XAmzContentSHA256Mismatch", "/bad-input/new");
    }

    [Fact]
    public async Task GetObject_RangePastTheEnd_AnswersInvalidRange()
    {
        var response = await SendAsync("GET /bad-input/existing HTTP/1.1\r\nRange: bytes=100-200", null);

        await AssertRejectedAsync(response, 416, "InvalidRange", "/bad-input/existing");
        response.Error!.Element("ActualObjectSize")!.Value.Should().Be("10");
    }

    [Fact]
    public async Task PutObject_KeyOver1024Bytes_AnswersKeyTooLongError()
    {
        var key = new string('k', 1025);

        var response = await SendAsync($"PUT /bad-input/{key} HTTP/1.1", "payload");

        await AssertRejectedAsync(response, 400, "KeyTooLongError", "/bad-input/" + key);
    }

    [Fact]
    public async Task CreateBucket_InvalidName_AnswersInvalidBucketName()
    {
        var response = await SendAsync("PUT /Invalid_Bucket HTTP/1.1", null);

        await AssertRejectedAsync(response, 400, "InvalidBucketName", "/Invalid_Bucket");
        _served.Simulation.Buckets.Select(b => b.BucketName).Should().NotContain("Invalid_Bucket");
    }

    [Fact]
    public async Task PutObject_MetadataOver2KB_AnswersMetadataTooLarge()
    {
        var response = await SendAsync("PUT /bad-input/new HTTP/1.1\r\nx-amz-meta-big: " + new string('v', 2048), "payload");

        await AssertRejectedAsync(response, 400, "MetadataTooLarge", "/bad-input/new");
    }

    [Fact]
    public async Task GetBucketAcl_UnmodelledOperation_AnswersNotImplementedNamingIt()
    {
        var response = await SendAsync("GET /bad-input?acl HTTP/1.1", null);

        await AssertRejectedAsync(response, 501, "NotImplemented", "/bad-input");
        response.Error!.Element("Operation")!.Value.Should().Be("GetBucketAcl");
        response.Error.Element("Message")!.Value.Should().Contain("GetBucketAcl");
    }

    [Fact]
    public async Task PostObject_NoOperationInTheQuery_AnswersMethodNotAllowed()
    {
        var response = await SendAsync("POST /bad-input/existing?frobnicate HTTP/1.1", "x");

        await AssertRejectedAsync(response, 405, "MethodNotAllowed", "/bad-input/existing");
    }

    [Fact]
    public async Task PutObject_UnmodelledHeader_AnswersNotImplementedNamingIt()
    {
        var response = await SendAsync("PUT /bad-input/new HTTP/1.1\r\nx-amz-tagging: a=b", "payload");

        await AssertRejectedAsync(response, 501, "NotImplemented", "/bad-input/new");
        response.Error!.Element("Header")!.Value.Should().Be("x-amz-tagging");
    }

    [Fact]
    public async Task GetObject_MissingKey_AnswersNoSuchKeyWithTheKey()
    {
        var response = await SendAsync("GET /bad-input/missing HTTP/1.1", null);

        await AssertRejectedAsync(response, 404, "NoSuchKey", "/bad-input/missing");
        response.Error!.Element("Key")!.Value.Should().Be("missing");
        response.Error.Element("BucketName")!.Value.Should().Be(Bucket);
    }

    [Fact]
    public async Task HeadObject_MissingKey_AnswersABareStatus()
    {
        var response = await SendAsync("HEAD /bad-input/missing HTTP/1.1", null);

        response.Status.Should().Be(404);
        response.Body.Should().BeEmpty();
        response.Headers.Should().ContainKey("x-amz-request-id");
    }

    [Fact]
    public async Task GetObject_MissingBucket_AnswersNoSuchBucket()
    {
        var response = await SendAsync("GET /no-such-bucket/k HTTP/1.1", null);

        await AssertRejectedAsync(response, 404, "NoSuchBucket", "/no-such-bucket/k");
    }

    [Fact]
    public async Task PutObject_WrongSignatureWithKeysConfigured_AnswersSignatureDoesNotMatch()
    {
        await using var signed = await ServedSimulation.StartAsync(withKeys: true);
        var bucket = signed.Simulation.CreateBucket(Bucket);
        var client = signed.CreateClient(secretKey: "not-the-secret");

        var act = () => client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "new", ContentBody = "payload" });

        var error = (await act.Should().ThrowAsync<AmazonS3Exception>()).Which;
        error.ErrorCode.Should().Be("SignatureDoesNotMatch");
        error.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await bucket.HeadObjectAsync("new")).Should().BeNull();
        var good = signed.CreateClient();
        await good.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "new", ContentBody = "payload" });
        (await bucket.GetObjectBytesAsync("new")).Should().Equal("payload"u8.ToArray());
    }

    private Task<RawResponse> SendAsync(string head, string? body)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var line = head.Split("\r\n")[0];
        var headers = head.Contains("\r\n", StringComparison.Ordinal) ? head[(head.IndexOf("\r\n", StringComparison.Ordinal) + 2)..] : string.Empty;
        var full = line + "\r\nContent-Length: " + bytes.Length + (headers.Length > 0 ? "\r\n" + headers : string.Empty);
        return RawHttp.SendAsync(_served.Endpoint, full, bytes);
    }

    /// <summary>Checks the status and S3 error body, that the bucket still holds exactly the one object it started with, and
    /// that the server goes on answering.</summary>
    private async Task AssertRejectedAsync(RawResponse response, int status, string code, string resource)
    {
        response.Status.Should().Be(status, response.Body);
        response.ErrorCode.Should().Be(code);
        var error = response.Error!;
        error.Element("Message")!.Value.Should().NotBeNullOrWhiteSpace();
        error.Element("Resource")!.Value.Should().Be(resource);
        error.Element("RequestId")!.Value.Should().Be(response.Headers["x-amz-request-id"]);
        await AssertBucketUnchangedAndServingAsync();
    }

    private async Task AssertBucketUnchangedAndServingAsync()
    {
        var versions = await _bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest());
        versions.Versions.Select(v => v.Key).Should().Equal("existing");
        _bucket.MultipartUploadCount.Should().Be(0);
        var client = _served.CreateClient();
        using var get = await client.GetObjectAsync(Bucket, "existing");
        using var reader = new StreamReader(get.ResponseStream);
        (await reader.ReadToEndAsync()).Should().Be("0123456789");
    }
}
