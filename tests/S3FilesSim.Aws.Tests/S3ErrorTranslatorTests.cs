using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using FluentAssertions;
using S3FilesSim.Aws.Tests.Fakes;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Aws.Tests;

/// <summary>The translation table from AWSSDK.S3 errors to the port's results and exceptions (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).</summary>
public sealed class S3ErrorTranslatorTests
{
    private static readonly ObjectStoreCapabilities Conditional = new() { Versioning = true, ConditionalWrites = true, Multipart = true };

    [Theory]
    [InlineData("NoSuchKey", HttpStatusCode.NotFound, false, ObjectReadStatus.NoSuchKey)]
    [InlineData("NoSuchVersion", HttpStatusCode.NotFound, true, ObjectReadStatus.NoSuchVersion)]
    [InlineData("NotFound", HttpStatusCode.NotFound, false, ObjectReadStatus.NoSuchKey)]
    [InlineData("NotFound", HttpStatusCode.NotFound, true, ObjectReadStatus.NoSuchVersion)]
    [InlineData("BadRequest", HttpStatusCode.BadRequest, true, ObjectReadStatus.NoSuchVersion)]
    [InlineData("PreconditionFailed", HttpStatusCode.PreconditionFailed, false, ObjectReadStatus.PreconditionFailed)]
    [InlineData("NotModified", HttpStatusCode.NotModified, false, ObjectReadStatus.NotModified)]
    public void ToAbsentRead_AbsenceOrPrecondition_ReturnsReadStatus(string code, HttpStatusCode status, bool versionRequested, ObjectReadStatus expected)
    {
        var error = S3Error(code, status);

        var result = S3ErrorTranslator.ToAbsentRead(error, versionRequested);

        result!.Status.Should().Be(expected);
    }

    [Fact]
    public void ToAbsentRead_MethodNotAllowed_ReturnsNoSuchKeyFlaggedAsDeleteMarker()
    {
        var result = S3ErrorTranslator.ToAbsentRead(S3Error("MethodNotAllowed", HttpStatusCode.MethodNotAllowed), versionRequested: true);

        result!.Status.Should().Be(ObjectReadStatus.NoSuchKey);
        result.IsDeleteMarker.Should().BeTrue();
    }

    [Theory]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound)]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden)]
    [InlineData("InvalidObjectState", HttpStatusCode.Forbidden)]
    [InlineData("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError)]
    public void ToAbsentRead_Fault_ReturnsNull(string code, HttpStatusCode status)
    {
        var result = S3ErrorTranslator.ToAbsentRead(S3Error(code, status), versionRequested: false);

        result.Should().BeNull();
    }

    [Theory]
    [InlineData("PreconditionFailed", HttpStatusCode.PreconditionFailed, false, WriteStatus.PreconditionFailed)]
    [InlineData("ConditionalRequestConflict", HttpStatusCode.Conflict, false, WriteStatus.PreconditionFailed)]
    [InlineData("NoSuchKey", HttpStatusCode.NotFound, true, WriteStatus.NoSuchKey)]
    public void ToFailedWrite_PreconditionError_ReturnsWriteStatus(string code, HttpStatusCode status, bool ifMatchGiven, WriteStatus expected)
    {
        var result = S3ErrorTranslator.ToFailedWrite(S3Error(code, status), ifMatchGiven);

        result.Should().Be(expected);
    }

    [Fact]
    public void ToFailedWrite_NoSuchKeyWithoutIfMatch_ReturnsNull()
    {
        var result = S3ErrorTranslator.ToFailedWrite(S3Error("NoSuchKey", HttpStatusCode.NotFound), ifMatchGiven: false);

        result.Should().BeNull();
    }

    [Theory]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, "NoSuchBucket", 404, false)]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, "AccessDenied", 403, false)]
    [InlineData("Forbidden", HttpStatusCode.Forbidden, "AccessDenied", 403, false)]
    [InlineData("InvalidObjectState", HttpStatusCode.Forbidden, "InvalidObjectState", 403, false)]
    [InlineData("ObjectNotInActiveTierError", HttpStatusCode.Forbidden, "InvalidObjectState", 403, false)]
    [InlineData("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidRange", 416, false)]
    [InlineData("NoSuchUpload", HttpStatusCode.NotFound, "NoSuchUpload", 404, false)]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, "SlowDown", 503, true)]
    [InlineData("ServiceUnavailable", HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", 503, true)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, "InternalError", 500, true)]
    [InlineData("InternalServerError", HttpStatusCode.InternalServerError, "InternalError", 500, true)]
    [InlineData("BadGateway", HttpStatusCode.BadGateway, "InternalError", 502, true)]
    [InlineData("RequestTimeout", HttpStatusCode.BadRequest, "RequestTimeout", 400, true)]
    public void ToObjectStoreException_ServiceError_CarriesCodeStatusAndRetryability(string code, HttpStatusCode status, string expectedCode, int expectedStatus, bool retryable)
    {
        var error = S3Error(code, status);

        var translated = S3ErrorTranslator.ToObjectStoreException(error, "k");

        translated.ErrorCode.Should().Be(expectedCode);
        translated.StatusCode.Should().Be(expectedStatus);
        translated.IsRetryable.Should().Be(retryable);
        translated.Key.Should().Be("k");
        translated.InnerException.Should().BeSameAs(error);
    }

    [Fact]
    public void ToObjectStoreException_HttpRequestException_IsRetryableServiceUnavailable()
    {
        var translated = S3ErrorTranslator.ToObjectStoreException(new HttpRequestException("Connection refused"), key: null);

        translated.ErrorCode.Should().Be(S3ErrorCode.ServiceUnavailable);
        translated.IsRetryable.Should().BeTrue();
    }

    [Fact]
    public void ToObjectStoreException_Timeout_IsRetryableRequestTimeout()
    {
        var translated = S3ErrorTranslator.ToObjectStoreException(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."), key: null);

        translated.ErrorCode.Should().Be(S3ErrorCode.RequestTimeout);
        translated.IsRetryable.Should().BeTrue();
    }

    [Fact]
    public void IsTranslatable_CancellationByCaller_ReturnsFalse()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var translatable = S3ErrorTranslator.IsTranslatable(new OperationCanceledException(cancelled.Token), cancelled.Token);

        translatable.Should().BeFalse();
    }

    [Fact]
    public void IsTranslatable_ArgumentException_ReturnsFalse()
    {
        var translatable = S3ErrorTranslator.IsTranslatable(new ArgumentException("bug"), CancellationToken.None);

        translatable.Should().BeFalse();
    }

    [Fact]
    public async Task HeadObjectAsync_ServerAnswers404_ReturnsNoSuchKeyWithoutThrowing()
    {
        using var store = new AmazonS3ObjectStore(FailingAmazonS3.Create(S3Error("NotFound", HttpStatusCode.NotFound)), "bucket", Conditional);

        var head = await store.HeadObjectAsync(new HeadObjectRequest { Key = "k" });

        head.Status.Should().Be(ObjectReadStatus.NoSuchKey);
    }

    [Fact]
    public async Task PutObjectAsync_ServerAnswers412_ReturnsPreconditionFailed()
    {
        using var store = new AmazonS3ObjectStore(FailingAmazonS3.Create(S3Error("PreconditionFailed", HttpStatusCode.PreconditionFailed)), "bucket", Conditional);

        var put = await store.PutObjectAsync(new PutObjectRequest { Key = "k", Content = ObjectContent.FromString("x"), IfNoneMatch = ETag.Any });

        put.Status.Should().Be(WriteStatus.PreconditionFailed);
    }

    [Fact]
    public async Task ListObjectsV2Async_ServerSlowsDown_ThrowsRetryableSlowDown()
    {
        using var store = new AmazonS3ObjectStore(FailingAmazonS3.Create(S3Error("SlowDown", HttpStatusCode.ServiceUnavailable)), "bucket", Conditional);

        var act = () => store.ListObjectsV2Async(new ListObjectsV2Request()).AsTask();

        var thrown = await act.Should().ThrowAsync<ObjectStoreException>();
        thrown.Which.ErrorCode.Should().Be(S3ErrorCode.SlowDown);
        thrown.Which.IsRetryable.Should().BeTrue();
    }

    [Fact]
    public async Task GetObjectAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var store = new AmazonS3ObjectStore(FailingAmazonS3.Create(new OperationCanceledException(cancelled.Token)), "bucket", Conditional);

        var act = () => store.GetObjectAsync(new GetObjectRequest { Key = "k" }, cancelled.Token).AsTask();

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task CreateAsync_NothingListeningOnTheEndpoint_ThrowsRetryableServiceUnavailable()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new AmazonS3ObjectStoreOptions
        {
            BucketName = "bucket",
            ServiceUrl = new Uri($"http://127.0.0.1:{port}/"),
            Credentials = new BasicAWSCredentials("testing", "testing"),
        };

        var act = () => AmazonS3ObjectStore.CreateAsync(options);

        var thrown = await act.Should().ThrowAsync<ObjectStoreException>();
        thrown.Which.ErrorCode.Should().Be(S3ErrorCode.ServiceUnavailable);
        thrown.Which.IsRetryable.Should().BeTrue();
    }

    private static AmazonS3Exception S3Error(string code, HttpStatusCode status) =>
        new($"{code} from the fake server", ErrorType.Sender, code, "request-id", status);
}
