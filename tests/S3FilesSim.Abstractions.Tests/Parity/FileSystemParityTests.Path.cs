using FluentAssertions;
using Xunit;

namespace S3FilesSim.Abstractions.Tests.Parity;

/// <content>Path (Unix rules).</content>
public abstract partial class FileSystemParityTests<TTarget>
{
    [Fact]
    public void Path_Separators_AreUnix()
    {
        (Fs.Path.DirectorySeparatorChar, Fs.Path.AltDirectorySeparatorChar, Fs.Path.PathSeparator, Fs.Path.VolumeSeparatorChar)
            .Should().Be(('/', '/', ':', '/'));
        Fs.Path.GetInvalidFileNameChars().Should().BeEquivalentTo(['\0', '/']);
        Fs.Path.GetInvalidPathChars().Should().BeEquivalentTo(['\0']);
    }

    [Theory]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("/a/./b//c/", "/a/b/c/")]
    [InlineData("/a/b/..", "/a")]
    [InlineData("/a/b/../", "/a/")]
    [InlineData("/../..", "/")]
    [InlineData("/a\\b", "/a\\b")]
    public void Path_GetFullPath_NormalizesLikeLinux(string path, string expected)
    {
        Fs.Path.GetFullPath(path).Should().Be(expected);
    }

    [Fact]
    public void Path_GetFullPathWithBase_ResolvesRelativeToTheBase()
    {
        Fs.Path.GetFullPath("../x/./y", "/base/dir").Should().Be("/base/x/y");
    }

    [Fact]
    public void Path_GetFullPath_EmptyOrNul_ThrowsArgumentException()
    {
        var empty = () => Fs.Path.GetFullPath(string.Empty);
        var nul = () => Fs.Path.GetFullPath("/a\0b");

        empty.Should().Throw<ArgumentException>();
        nul.Should().Throw<ArgumentException>().WithMessage("Null character in path.*");
    }

    [Theory]
    [InlineData("/a/b", "c", "/a/b/c")]
    [InlineData("/a/b/", "c", "/a/b/c")]
    [InlineData("/a/b", "/c", "/c")]
    [InlineData("a", "", "a")]
    public void Path_Combine_JoinsAndRestartsAtRootedParts(string first, string second, string expected)
    {
        Fs.Path.Combine(first, second).Should().Be(expected);
    }

    [Fact]
    public void Path_Join_ConcatenatesWithoutRestartingAtRootedParts()
    {
        Fs.Path.Join("/a", "/b", "c").Should().Be("/a/b/c");
        Fs.Path.Join("/a/", "/b").Should().Be("/a//b");
    }

    [Theory]
    [InlineData("/a/b/c.txt", "/a/b")]
    [InlineData("/a//b/c.txt", "/a/b")]
    [InlineData("/c.txt", "/")]
    [InlineData("/", null)]
    [InlineData("c.txt", "")]
    public void Path_GetDirectoryName_FollowsUnixRules(string path, string? expected)
    {
        Fs.Path.GetDirectoryName(path).Should().Be(expected);
    }

    [Theory]
    [InlineData("/a/b.tar.gz", "b.tar.gz", "b.tar", ".gz")]
    [InlineData("/a/.bashrc", ".bashrc", "", ".bashrc")]
    [InlineData("/a/b.", "b.", "b", "")]
    [InlineData("/a\\b.c", "a\\b.c", "a\\b", ".c")]
    public void Path_NameParts_FollowUnixRules(string path, string name, string withoutExtension, string extension)
    {
        Fs.Path.GetFileName(path).Should().Be(name);
        Fs.Path.GetFileNameWithoutExtension(path).Should().Be(withoutExtension);
        Fs.Path.GetExtension(path).Should().Be(extension);
    }

    [Fact]
    public void Path_ChangeExtension_ReplacesOrRemoves()
    {
        Fs.Path.ChangeExtension("/a/b.txt", "md").Should().Be("/a/b.md");
        Fs.Path.ChangeExtension("/a/b.txt", null).Should().Be("/a/b");
        Fs.Path.ChangeExtension("/a.d/b", ".x").Should().Be("/a.d/b.x");
    }

    [Theory]
    [InlineData("/a/b", "/a/b/c/d", "c/d")]
    [InlineData("/a/b/c", "/a/x", "../../x")]
    [InlineData("/a/b", "/a/b", ".")]
    [InlineData("/a/b", "/a/b/c/", "c/")]
    [InlineData("/a", "/b", "../b")]
    public void Path_GetRelativePath_WalksUpAndDown(string from, string to, string expected)
    {
        Fs.Path.GetRelativePath(from, to).Should().Be(expected);
    }

    [Fact]
    public void Path_Rootedness_OnlyALeadingSlashRoots()
    {
        Fs.Path.IsPathRooted("/x").Should().BeTrue();
        Fs.Path.IsPathRooted("C:\\x").Should().BeFalse();
        Fs.Path.IsPathFullyQualified("x/y").Should().BeFalse();
        Fs.Path.GetPathRoot("/a/b").Should().Be("/");
        Fs.Path.GetPathRoot("a/b").Should().Be(string.Empty);
    }

    [Fact]
    public void Path_TrimEndingDirectorySeparator_KeepsTheRoot()
    {
        Fs.Path.TrimEndingDirectorySeparator("/a/b/").Should().Be("/a/b");
        Fs.Path.TrimEndingDirectorySeparator("/").Should().Be("/");
        Fs.Path.EndsInDirectorySeparator("/a/").Should().BeTrue();
    }

    [Fact]
    public void Path_GetRandomFileName_IsEightDotThree()
    {
        var name = Fs.Path.GetRandomFileName();

        name.Should().MatchRegex("^[a-z0-5]{8}\\.[a-z0-5]{3}$");
    }

    [Fact]
    public void Path_GetTempFileName_CreatesAnEmptyPrivateFile()
    {
#pragma warning disable CS0618 // Obsolete for security reasons; applications still call it, so it is under test.
        var path = Fs.Path.GetTempFileName();
#pragma warning restore CS0618
        try
        {
            Fs.Path.GetFileName(path).Should().MatchRegex("^tmp.{6}\\.tmp$");
            Fs.Path.GetDirectoryName(path).Should().Be(Fs.Path.TrimEndingDirectorySeparator(Fs.Path.GetTempPath()));
            Fs.File.ReadAllBytes(path).Should().BeEmpty();
            Fs.File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        finally
        {
            Fs.File.Delete(path);
        }
    }

    [Fact]
    public void Path_Exists_FileDirectoryAndTrailingSeparator()
    {
        var file = Given("a.txt");

        Fs.Path.Exists(file).Should().BeTrue();
        Fs.Path.Exists(file + "/").Should().BeFalse();
        Fs.Path.Exists(Root + "/").Should().BeTrue();
        Fs.Path.Exists(P("missing")).Should().BeFalse();
    }
}
