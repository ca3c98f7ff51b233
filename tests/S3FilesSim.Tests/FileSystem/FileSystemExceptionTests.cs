using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.FileSystem;

// Every errno the library throws reads as glibc's strerror(3) words it, never "Unknown error".
public sealed class FileSystemExceptionTests
{
    public static TheoryData<Errno> EveryErrno() => [.. Enum.GetValues<Errno>()];

    [Theory]
    [MemberData(nameof(EveryErrno))]
    public void Describe_EveryDefinedErrno_HasItsOwnText(Errno errno)
    {
        var text = FileSystemException.Describe(errno);

        text.Should().NotStartWith("Unknown error");
    }

    [Theory]
    [InlineData(Errno.E2BIG, "Argument list too long (E2BIG): setxattr '/f'.")]
    [InlineData(Errno.ERANGE, "Numerical result out of range (ERANGE): getxattr '/f'.")]
    public void Create_AttributeErrors_ReadAsLinuxWordsThem(Errno errno, string expected)
    {
        var exception = FileSystemException.Create(errno, errno == Errno.E2BIG ? "setxattr" : "getxattr", "/f");

        exception.Message.Should().Be(expected);
    }
}
