using FluentAssertions;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Export;

// Key names and formats: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-metadata.html
public sealed class PosixObjectMetadataTests
{
    [Theory]
    [InlineData(FileType.RegularFile, 0x1A4, "0100644")]
    [InlineData(FileType.Directory, 0x1ED, "0040755")]
    [InlineData(FileType.SymbolicLink, 0x1FF, "0120777")]
    [InlineData(FileType.RegularFile, 0xDED, "0106755")]
    public void FormatPermissions_WritesSevenOctalDigitsWithTypeBits(FileType type, int mode, string expected)
    {
        var text = PosixObjectMetadata.FormatPermissions(type, (UnixFileMode)mode);

        text.Should().Be(expected);
    }

    [Theory]
    [InlineData(1_775_520_000_123_456_789L, "1775520000123456789ns")]
    [InlineData(-5L, "-5ns")]
    public void FormatTime_WritesNanosecondsWithSuffix(long nanoseconds, string expected)
    {
        var text = PosixObjectMetadata.FormatTime(nanoseconds);

        text.Should().Be(expected);
    }

    [Theory]
    [InlineData("0120777", FileType.SymbolicLink, 0x1FF)]
    [InlineData("0100600", FileType.RegularFile, 0x180)]
    [InlineData("not octal", FileType.RegularFile, 0x1A4)]
    public void ParsePermissions_ReadsTypeAndMode(string text, FileType type, int mode)
    {
        var parsed = PosixObjectMetadata.ParsePermissions(new Dictionary<string, string> { ["file-permissions"] = text });

        parsed.Should().Be((type, (UnixFileMode)mode));
    }

    [Fact]
    public void Parse_MissingKeys_UseDocumentedDefaults()
    {
        var empty = new Dictionary<string, string>();

        var result = (PosixObjectMetadata.ParsePermissions(empty), PosixObjectMetadata.ParseId(empty, "file-owner"), PosixObjectMetadata.ParseTime(empty, "file-mtime", 42));

        result.Should().Be(((FileType.RegularFile, (UnixFileMode)0x1A4), 0u, 42L));
    }
}
