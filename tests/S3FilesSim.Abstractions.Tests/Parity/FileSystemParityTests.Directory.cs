using FluentAssertions;
using Xunit;

namespace S3FilesSim.Abstractions.Tests.Parity;

/// <content>Directory.</content>
public abstract partial class FileSystemParityTests<TTarget>
{
    [Fact]
    public void CreateDirectory_NestedPath_CreatesEveryLevel()
    {
        var path = P("a", "b", "c");

        var info = Fs.Directory.CreateDirectory(path);

        info.FullName.Should().Be(path);
        Fs.Directory.Exists(P("a", "b")).Should().BeTrue();
        Fs.Directory.Exists(path).Should().BeTrue();
    }

    [Fact]
    public void CreateDirectory_Existing_Succeeds()
    {
        var path = P("dir");
        Fs.Directory.CreateDirectory(path);

        var act = () => Fs.Directory.CreateDirectory(path);

        act.Should().NotThrow();
    }

    [Fact]
    public void CreateDirectory_OverAFile_ThrowsFileExists()
    {
        var path = Given("taken");

        var act = () => Fs.Directory.CreateDirectory(path);

        act.Should().Throw<IOException>().WithMessage($"The file '{path}' already exists.");
    }

    [Fact]
    public void CreateDirectory_WithUnixCreateMode_AppliesTheModeLessTheUmask()
    {
        var path = P("private");

        Fs.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        Fs.File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }

    [Fact]
    public void Delete_NonEmptyDirectory_ThrowsDirectoryNotEmptyWithErrno()
    {
        var path = P("dir");
        Given("dir/a.txt");

        var act = () => Fs.Directory.Delete(path);

        act.Should().Throw<IOException>().WithMessage($"Directory not empty : '{path}'").Which.HResult.Should().Be(39);
    }

    [Fact]
    public void Delete_Recursive_RemovesTheWholeTree()
    {
        Given("dir/a.txt");
        Given("dir/sub/b.txt");

        Fs.Directory.Delete(P("dir"), recursive: true);

        Fs.Directory.Exists(P("dir")).Should().BeFalse();
    }

    [Fact]
    public void Delete_Recursive_RemovesASymbolicLinkButNotItsTarget()
    {
        var kept = Given("kept/a.txt");
        Fs.Directory.CreateDirectory(P("dir"));
        Fs.Directory.CreateSymbolicLink(P("dir", "link"), "../kept");

        Fs.Directory.Delete(P("dir"), recursive: true);

        Fs.File.Exists(kept).Should().BeTrue();
    }

    [Fact]
    public void Delete_MissingDirectory_ThrowsDirectoryNotFound()
    {
        var path = P("missing");

        var act = () => Fs.Directory.Delete(path);

        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"Could not find a part of the path '{path}'.");
    }

    [Fact]
    public void Move_Directory_MovesTheTree()
    {
        Given("from/sub/a.txt", "a");

        Fs.Directory.Move(P("from"), P("to"));

        Fs.Directory.Exists(P("from")).Should().BeFalse();
        Fs.File.ReadAllText(P("to", "sub", "a.txt")).Should().Be("a");
    }

    [Fact]
    public void Move_OntoExistingDirectory_ThrowsAlreadyExists()
    {
        Fs.Directory.CreateDirectory(P("from"));
        Fs.Directory.CreateDirectory(P("to"));

        var act = () => Fs.Directory.Move(P("from"), P("to"));

        act.Should().Throw<IOException>().WithMessage($"Cannot create '{P("to")}' because a file or directory with the same name already exists.");
    }

    [Fact]
    public void Move_ToItself_ThrowsSourceAndDestinationMustDiffer()
    {
        Fs.Directory.CreateDirectory(P("dir"));

        var act = () => Fs.Directory.Move(P("dir"), P("dir") + "/");

        act.Should().Throw<IOException>().WithMessage("Source and destination path must be different.");
    }

    [Fact]
    public void Move_MissingSource_ThrowsDirectoryNotFound()
    {
        var act = () => Fs.Directory.Move(P("missing"), P("to"));

        act.Should().Throw<DirectoryNotFoundException>();
    }

    [Fact]
    public void GetFiles_Pattern_MatchesLikeWin32WildcardsCaseSensitively()
    {
        Given("a.txt");
        Given("b.TXT");
        Given("c.txt.bak");
        Given("d.csv");

        var files = Fs.Directory.GetFiles(Root, "*.txt");

        files.Should().BeEquivalentTo([P("a.txt")]);
    }

    [Fact]
    public void GetFiles_QuestionMark_MatchesOneCharacter()
    {
        Given("a1.txt");
        Given("a12.txt");

        Fs.Directory.GetFiles(Root, "a?.txt").Should().BeEquivalentTo([P("a1.txt")]);
    }

    [Fact]
    public void GetFiles_AllDirectories_ReturnsNestedFiles()
    {
        Given("a.txt");
        Given("sub/b.txt");
        Given("sub/deeper/c.txt");

        var files = Fs.Directory.GetFiles(Root, "*", SearchOption.AllDirectories);

        files.Should().BeEquivalentTo([P("a.txt"), P("sub", "b.txt"), P("sub", "deeper", "c.txt")]);
    }

    [Fact]
    public void GetFiles_PatternWithDirectoryPart_SearchesThatDirectory()
    {
        Given("sub/b.txt");

        Fs.Directory.GetFiles(Root, "sub/*.txt").Should().BeEquivalentTo([P("sub", "b.txt")]);
    }

    [Fact]
    public void GetDirectories_ReturnsOnlyDirectories()
    {
        Given("file.txt");
        Fs.Directory.CreateDirectory(P("d1"));
        Fs.Directory.CreateDirectory(P("d2"));

        Fs.Directory.GetDirectories(Root).Should().BeEquivalentTo([P("d1"), P("d2")]);
    }

    [Fact]
    public void GetFileSystemEntries_ReturnsFilesAndDirectories()
    {
        Given("file.txt");
        Fs.Directory.CreateDirectory(P("dir"));

        Fs.Directory.GetFileSystemEntries(Root).Should().BeEquivalentTo([P("file.txt"), P("dir")]);
    }

    [Fact]
    public void EnumerateFiles_DefaultEnumerationOptions_SkipHiddenEntries()
    {
        Given(".hidden");
        Given("visible");

        Fs.Directory.EnumerateFiles(Root, "*", new EnumerationOptions()).Should().BeEquivalentTo([P("visible")]);
        Fs.Directory.EnumerateFiles(Root).Should().BeEquivalentTo([P("visible"), P(".hidden")]);
    }

    [Fact]
    public void EnumerateFiles_MatchCasingInsensitive_MatchesAnyCase()
    {
        Given("A.TXT");

        var files = Fs.Directory.EnumerateFiles(Root, "*.txt", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive });

        files.Should().BeEquivalentTo([P("A.TXT")]);
    }

    [Fact]
    public void EnumerateFiles_MaxRecursionDepth_StopsDescending()
    {
        Given("l1/a.txt");
        Given("l1/l2/b.txt");

        var files = Fs.Directory.EnumerateFiles(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 });

        files.Should().BeEquivalentTo([P("l1", "a.txt")]);
    }

    [Fact]
    public void EnumerateFiles_MissingDirectory_ThrowsAtTheCall()
    {
        var path = P("missing");

        var act = () => Fs.Directory.EnumerateFiles(path);

        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"Could not find a part of the path '{path}'.");
    }

    [Fact]
    public void EnumerateFiles_OnAFile_ThrowsDirectoryNotFound()
    {
        var path = Given("file.txt");

        var act = () => Fs.Directory.EnumerateFiles(path);

        act.Should().Throw<DirectoryNotFoundException>();
    }

    [Fact]
    public void EnumerateDirectories_ReturnSpecialDirectories_IncludesDotAndDotDot()
    {
        Fs.Directory.CreateDirectory(P("dir"));

        var names = Fs.Directory.EnumerateDirectories(Root, "*", new EnumerationOptions { ReturnSpecialDirectories = true }).Select(Fs.Path.GetFileName);

        names.Should().BeEquivalentTo([".", "..", "dir"]);
    }

    [Fact]
    public void EnumerateFiles_SymbolicLinkToDirectory_CountsAsDirectory()
    {
        Given("real/a.txt");
        Fs.Directory.CreateSymbolicLink(P("link"), "real");

        Fs.Directory.GetDirectories(Root).Should().BeEquivalentTo([P("real"), P("link")]);
        Fs.Directory.GetFiles(Root).Should().BeEmpty();
    }

    [Fact]
    public void EnumerateFiles_RootGivenWithTrailingSeparator_ReturnsPathsWithOneSeparator()
    {
        Given("a.txt");

        Fs.Directory.GetFiles(Root + "/").Should().Equal(P("a.txt"));
    }

    [Fact]
    public void Exists_File_IsFalse()
    {
        var path = Given("a.txt");

        Fs.Directory.Exists(path).Should().BeFalse();
        Fs.Directory.Exists(Root).Should().BeTrue();
    }

    [Fact]
    public void GetParent_ReturnsTheContainingDirectory()
    {
        var parent = Fs.Directory.GetParent(P("a", "b"));

        parent!.FullName.Should().Be(P("a"));
    }

    [Fact]
    public void SetCurrentDirectory_MissingDirectory_ThrowsDirectoryNotFound()
    {
        var before = Fs.Directory.GetCurrentDirectory();

        var act = () => Fs.Directory.SetCurrentDirectory(P("missing"));

        act.Should().Throw<DirectoryNotFoundException>();
        Fs.Directory.GetCurrentDirectory().Should().Be(before);
    }

    [Fact]
    public void SetLastWriteTimeUtc_OnDirectory_RoundTrips()
    {
        var path = P("dir");
        Fs.Directory.CreateDirectory(path);
        var time = new DateTime(2023, 7, 8, 9, 10, 11, DateTimeKind.Utc);

        Fs.Directory.SetLastWriteTimeUtc(path, time);

        Fs.Directory.GetLastWriteTimeUtc(path).Should().Be(time);
    }

    [Fact]
    public void CreateTempSubdirectory_WithPrefix_CreatesAPrivateDirectory()
    {
        var info = Fs.Directory.CreateTempSubdirectory("parity-");
        try
        {
            info.Name.Should().StartWith("parity-").And.HaveLength(13);
            Fs.File.GetUnixFileMode(info.FullName).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        finally
        {
            info.Delete();
        }
    }
}
