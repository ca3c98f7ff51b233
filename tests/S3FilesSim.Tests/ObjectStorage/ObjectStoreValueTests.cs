using System.Text;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>The object-store value types: ETag, VersionId, ByteRange, ObjectContent, ObjectStoreException.</summary>
public sealed class ObjectStoreValueTests
{
    [Theory]
    [InlineData("abc", "\"abc\"")]
    [InlineData("\"abc\"", "\"abc\"")]
    [InlineData("*", "*")]
    public void ETagParse_WithOrWithoutQuotes_NormalisesToQuoted(string text, string expected)
    {
        var etag = ETag.Parse(text);

        etag.Value.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\"b")]
    [InlineData("\"\"")]
    public void ETagParse_Invalid_ThrowsArgumentException(string text)
    {
        var act = () => ETag.Parse(text);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ETagPartCount_MultipartTag_ReadsSuffix()
    {
        var etag = ETag.Parse("\"d41d8cd98f00b204e9800998ecf8427e-12\"");

        etag.PartCount.Should().Be(12);
        etag.IsMultipart.Should().BeTrue();
        etag.Unquoted.Should().Be("d41d8cd98f00b204e9800998ecf8427e-12");
    }

    [Fact]
    public void ETagMatches_Any_MatchesEveryTag()
    {
        var etag = ETag.Parse("abc");

        ETag.Any.Matches(etag).Should().BeTrue();
        etag.Matches(ETag.Parse("abd")).Should().BeFalse();
    }

    [Fact]
    public void VersionIdNull_IsTheStringNull()
    {
        var id = VersionId.Null;

        id.Value.Should().Be("null");
        id.IsNull.Should().BeTrue();
        new VersionId("x").IsNull.Should().BeFalse();
    }

    [Theory]
    [InlineData("bytes=0-99", 0L, 99L)]
    [InlineData("bytes=5-", 5L, null)]
    [InlineData("bytes=-20", null, 20L)]
    public void ByteRangeParse_ValidForms_RoundTrip(string text, long? first, long? last)
    {
        var range = ByteRange.Parse(text);

        range.First.Should().Be(first);
        range.Last.Should().Be(last);
        range.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("0-99")]
    [InlineData("bytes=9-1")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=0-1,5-6")]
    public void ByteRangeParse_InvalidForms_ThrowFormatException(string text)
    {
        var act = () => ByteRange.Parse(text);

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void GeneratedContent_SameSeed_SameBytesAtAnyOffsetAndOtherSeedDiffers()
    {
        var content = ObjectContent.Generated(1000, seed: 4);
        var whole = content.ToArray();
        var slice = new byte[37];

        content.Read(501, slice);

        slice.Should().Equal(whole[501..538]);
        ObjectContent.Generated(1000, seed: 4).ToArray().Should().Equal(whole);
        ObjectContent.Generated(1000, seed: 5).ToArray().Should().NotEqual(whole);
        whole.Distinct().Count().Should().BeGreaterThan(200);
    }

    [Fact]
    public void FromBytes_CallerChangesBuffer_ContentUnchanged()
    {
        var buffer = "abc"u8.ToArray();
        var content = ObjectContent.FromBytes(buffer);

        buffer[0] = (byte)'z';

        content.ToArray().Should().Equal("abc"u8.ToArray());
        content.IsImmutable.Should().BeTrue();
    }

    [Fact]
    public void OpenRead_SeekAndRead_ReadsFromPosition()
    {
        using var stream = ObjectContent.FromString("0123456789").OpenRead();

        stream.Seek(-3, SeekOrigin.End);
        var buffer = new byte[10];
        var read = stream.Read(buffer);

        Encoding.ASCII.GetString(buffer, 0, read).Should().Be("789");
        stream.CanWrite.Should().BeFalse();
    }

    [Theory]
    [InlineData(S3ErrorCode.SlowDown, 503, true)]
    [InlineData(S3ErrorCode.InternalError, 500, true)]
    [InlineData(S3ErrorCode.ServiceUnavailable, 503, true)]
    [InlineData(S3ErrorCode.RequestTimeout, 400, true)]
    [InlineData(S3ErrorCode.AccessDenied, 403, false)]
    [InlineData(S3ErrorCode.NoSuchBucket, 404, false)]
    [InlineData(S3ErrorCode.InvalidArgument, 400, false)]
    public void IsRetryable_ByErrorCodeAndStatus_MatchesS3RetryGuidance(string code, int status, bool retryable)
    {
        var exception = new ObjectStoreException(code, status, "message");

        exception.IsRetryable.Should().Be(retryable);
        exception.ErrorCode.Should().Be(code);
        exception.StatusCode.Should().Be(status);
    }
}
