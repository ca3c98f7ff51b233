using System.IO.Abstractions;
using FluentAssertions;
using Xunit;

namespace S3FilesSim.Abstractions.Tests.Parity;

/// <content>FileInfo and DirectoryInfo.</content>
public abstract partial class FileSystemParityTests<TTarget>
{
    [Fact]
    public void FileInfo_Length_IsTheFileSize()
    {
        var path = Given("a.txt", "12345");

        Fs.FileInfo.New(path).Length.Should().Be(5);
    }

    [Fact]
    public void FileInfo_LengthOfDirectory_ThrowsFileNotFound()
    {
        var path = P("dir");
        Fs.Directory.CreateDirectory(path);

        var act = () => Fs.FileInfo.New(path).Length;

        act.Should().Throw<FileNotFoundException>().WithMessage($"Could not find file '{path}'.");
    }

    [Fact]
    public void FileInfo_NamesAndExtension_ComeFromThePath()
    {
        var info = Fs.FileInfo.New(P("dir", "report.final.pdf"));

        info.Name.Should().Be("report.final.pdf");
        info.Extension.Should().Be(".pdf");
        info.DirectoryName.Should().Be(P("dir"));
        info.Directory!.FullName.Should().Be(P("dir"));
    }

    [Fact]
    public void FileInfo_Exists_IsCachedUntilRefresh()
    {
        var path = P("late.txt");
        var info = Fs.FileInfo.New(path);
        info.Exists.Should().BeFalse();

        Fs.File.WriteAllText(path, "now");

        info.Exists.Should().BeFalse();
        info.Refresh();
        info.Exists.Should().BeTrue();
    }

    [Fact]
    public void FileInfo_Delete_InvalidatesTheCachedState()
    {
        var info = Fs.FileInfo.New(Given("a.txt"));
        info.Exists.Should().BeTrue();

        info.Delete();

        info.Exists.Should().BeFalse();
    }

    [Fact]
    public void FileInfo_MoveTo_UpdatesFullNameAndName()
    {
        var info = Fs.FileInfo.New(Given("a.txt"));

        info.MoveTo(P("b.txt"));

        info.FullName.Should().Be(P("b.txt"));
        info.Name.Should().Be("b.txt");
        info.Exists.Should().BeTrue();
    }

    [Fact]
    public void FileInfo_CopyTo_ReturnsTheCopy()
    {
        var info = Fs.FileInfo.New(Given("a.txt", "data"));

        var copy = info.CopyTo(P("copy.txt"));

        copy.FullName.Should().Be(P("copy.txt"));
        copy.Length.Should().Be(4);
    }

    [Fact]
    public void FileInfo_IsReadOnly_SetClearsWriteBits()
    {
        var info = Fs.FileInfo.New(Given("a.txt"));

        info.IsReadOnly = true;

        Fs.File.GetUnixFileMode(info.FullName).HasFlag(UnixFileMode.UserWrite).Should().BeFalse();
        Fs.FileInfo.New(info.FullName).IsReadOnly.Should().BeTrue();
    }

    [Fact]
    public void FileInfo_AttributesOfMissingFile_AreMinusOne()
    {
        var info = Fs.FileInfo.New(P("missing"));

        info.Attributes.Should().Be((FileAttributes)(-1));
    }

    [Fact]
    public void FileInfo_AppendText_AppendsToTheFile()
    {
        var info = Fs.FileInfo.New(Given("log.txt", "a"));

        using (var writer = info.AppendText())
        {
            writer.Write("b");
        }

        Fs.File.ReadAllText(info.FullName).Should().Be("ab");
    }

    [Fact]
    public void FileInfo_OfSymbolicLink_HasLinkTargetAndReparsePoint()
    {
        Given("target.txt");
        Fs.File.CreateSymbolicLink(P("link"), "target.txt");

        var info = Fs.FileInfo.New(P("link"));

        info.LinkTarget.Should().Be("target.txt");
        info.Attributes.Should().HaveFlag(FileAttributes.ReparsePoint);
        info.ResolveLinkTarget(returnFinalTarget: false)!.FullName.Should().Be(P("target.txt"));
    }

    [Fact]
    public void FileInfo_DanglingSymbolicLink_ExistsButHasNoMode()
    {
        Fs.File.CreateSymbolicLink(P("dangling"), "nowhere");

        var info = Fs.FileInfo.New(P("dangling"));
        var mode = () => Fs.File.GetUnixFileMode(P("dangling"));

        info.Exists.Should().BeTrue();
        info.Attributes.Should().Be(FileAttributes.ReparsePoint);
        mode.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void DirectoryInfo_Create_ThenExists()
    {
        var info = Fs.DirectoryInfo.New(P("new"));
        info.Exists.Should().BeFalse();

        info.Create();

        info.Exists.Should().BeTrue();
    }

    [Fact]
    public void DirectoryInfo_NameAndParent_IgnoreATrailingSeparator()
    {
        var info = Fs.DirectoryInfo.New(P("parent", "child") + "/");

        info.Name.Should().Be("child");
        info.Parent!.FullName.Should().Be(P("parent"));
        info.Root.FullName.Should().Be("/");
    }

    [Fact]
    public void DirectoryInfo_GetFiles_ReturnsInfosWithLengths()
    {
        Given("dir/a.txt", "abc");
        Given("dir/b.txt", "de");

        var files = Fs.DirectoryInfo.New(P("dir")).GetFiles();

        files.Select(f => (f.Name, f.Length)).Should().BeEquivalentTo([("a.txt", 3L), ("b.txt", 2L)]);
    }

    [Fact]
    public void DirectoryInfo_EnumerateFileSystemInfos_GivesFileAndDirectoryInfos()
    {
        Given("dir/a.txt");
        Fs.Directory.CreateDirectory(P("dir", "sub"));

        var infos = Fs.DirectoryInfo.New(P("dir")).EnumerateFileSystemInfos().ToList();

        infos.OfType<IFileInfo>().Select(i => i.Name).Should().Equal("a.txt");
        infos.OfType<IDirectoryInfo>().Select(i => i.Name).Should().Equal("sub");
    }

    [Fact]
    public void DirectoryInfo_GetDirectories_AllDirectoriesGivesFullNames()
    {
        Fs.Directory.CreateDirectory(P("a", "b"));

        var directories = Fs.DirectoryInfo.New(Root).GetDirectories("*", SearchOption.AllDirectories);

        directories.Select(d => d.FullName).Should().BeEquivalentTo([P("a"), P("a", "b")]);
    }

    [Fact]
    public void DirectoryInfo_MoveTo_UpdatesFullNameWithTrailingSeparator()
    {
        var info = Fs.DirectoryInfo.New(P("from"));
        info.Create();

        info.MoveTo(P("to"));

        info.FullName.Should().Be(P("to") + "/");
        info.Name.Should().Be("to");
        Fs.Directory.Exists(P("to")).Should().BeTrue();
    }

    [Fact]
    public void DirectoryInfo_DeleteRecursive_RemovesContent()
    {
        Given("dir/a/b.txt");
        var info = Fs.DirectoryInfo.New(P("dir"));

        info.Delete(recursive: true);

        info.Exists.Should().BeFalse();
    }

    [Fact]
    public void DirectoryInfo_CreateSubdirectory_Nested_CreatesIt()
    {
        var parent = Fs.Directory.CreateDirectory(P("parent"));

        var child = parent.CreateSubdirectory("x/y");

        child.FullName.Should().Be(P("parent", "x", "y"));
        child.Exists.Should().BeTrue();
    }

    [Fact]
    public void DirectoryInfo_CreateSubdirectoryEscapingTheParent_ThrowsArgumentException()
    {
        var parent = Fs.Directory.CreateDirectory(P("parent"));

        var act = () => parent.CreateSubdirectory("../escape");

        act.Should().Throw<ArgumentException>().WithMessage($"The directory specified, '../escape', is not a subdirectory of '{P("parent")}'.*");
    }

    [Fact]
    public void DirectoryInfo_Attributes_DirectoryAndHiddenForDotName()
    {
        var info = Fs.Directory.CreateDirectory(P(".config"));

        info.Attributes.Should().Be(FileAttributes.Directory | FileAttributes.Hidden);
    }

    [Fact]
    public void FileInfo_GetAccessControl_IsWindowsOnly()
    {
        var info = Fs.FileInfo.New(Given("a.txt"));

#pragma warning disable CA1416 // The ACL extension is Windows-only: the behaviour on Linux is what is under test.
        var act = () => info.GetAccessControl();

        act.Should().Throw<PlatformNotSupportedException>();
    }
}
