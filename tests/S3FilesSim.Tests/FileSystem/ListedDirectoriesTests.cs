using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Tests.FileSystem;

/// <summary>The extension point change sources outside the core poll with: the directories a file system keeps in line with the bucket, and what it holds in them.</summary>
public sealed class ListedDirectoriesTests : IAsyncLifetime
{
    private readonly S3FilesSimulation _sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 5 });
    private IFileSystem _fs = null!;

    public async Task InitializeAsync()
    {
        await _sim.Bucket.PutObjectAsync("cold/a.txt", "x");
        await _sim.Bucket.PutObjectAsync("warm/b.txt", "y");
        _fs = _sim.FileSystem.Mount(new MountOptions());
    }

    public async Task DisposeAsync()
    {
        await _fs.DisposeAsync();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task GetListedDirectoryPrefixes_OnlyAccessedAndCreatedDirectories_RootFirst()
    {
        await _fs.ReadDirectoryAsync("/warm");
        await _fs.MkdirAsync("/made");

        var prefixes = _sim.FileSystem.GetListedDirectoryPrefixes();

        prefixes.Should().Equal(string.Empty, "warm/", "made/");
    }

    [Fact]
    public async Task GetListedEntries_ImportedAndExportedEntries_CarryTheirBaseETagsInKeyOrder()
    {
        await _fs.ReadDirectoryAsync("/warm");
        await _fs.WriteAllTextAsync("/warm/new.txt", "mine");
        var imported = await _sim.Bucket.HeadObjectAsync("warm/b.txt");
        var before = _sim.FileSystem.GetListedEntries("warm/");
        await _sim.AdvanceAsync(TimeSpan.FromSeconds(61));
        var exported = await _sim.Bucket.HeadObjectAsync("warm/new.txt");

        var after = _sim.FileSystem.GetListedEntries("warm/");

        before.Should().Equal(new ListedEntry("warm/b.txt", false, imported!.ETag), new ListedEntry("warm/new.txt", false, null));
        after.Should().Equal(new ListedEntry("warm/b.txt", false, imported.ETag), new ListedEntry("warm/new.txt", false, exported!.ETag));
    }

    [Fact]
    public async Task GetListedEntries_RenamedAndNotYetExported_HasNoETagAtItsNewKey()
    {
        await _fs.ReadDirectoryAsync("/warm");

        await _fs.RenameAsync("/warm/b.txt", "/warm/c.txt");

        _sim.FileSystem.GetListedEntries("warm/")!.Should().ContainSingle().Which.Should().Be(new ListedEntry("warm/c.txt", false, null));
    }

    [Theory]
    [InlineData("cold/")]
    [InlineData("missing/")]
    [InlineData("warm")]
    public void GetListedEntries_NotAListedDirectory_ReturnsNull(string prefix)
    {
        _sim.FileSystem.GetListedEntries(prefix).Should().BeNull();
    }
}
