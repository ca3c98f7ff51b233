using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace S3FilesSim.Tests.Architecture;

// Issue 16, "Must show": the greps a reviewer runs over src/S3FilesSim, kept as tests so they stay true.
public sealed partial class CompositionTests
{
    private static readonly string[] SyncEngineFolders = ["Export", "Import", "ReadPath", "Conflicts", "FileSystem", string.Empty];

    [Fact]
    public void Core_BlocksOnATaskOnlyInFileSystemStream()
    {
        var blocking = SourceTree.CoreFiles()
            .Where(f => Path.GetFileName(f.Path) != "FileSystemStream.cs")
            .SelectMany(f => SyncOverAsync().Matches(f.Code).Select(m => $"{Path.GetFileName(f.Path)}: {m.Value}"));

        blocking.Should().BeEmpty();
    }

    [Fact]
    public void Core_HasNoNullForgivenNull()
    {
        var files = SourceTree.CoreFiles()
            .Where(f => f.Code.Contains("null!", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f.Path));

        files.Should().BeEmpty();
    }

    [Fact]
    public void SyncEngine_GuardsNoFieldWithNullConditional()
    {
        var guarded = SourceTree.CoreFiles()
            .Where(f => SyncEngineFolders.Contains(f.Folder))
            .SelectMany(f => GuardedField().Matches(f.Code).Select(m => $"{Path.GetFileName(f.Path)}: {m.Value}"));

        guarded.Should().BeEmpty();
    }

    [Fact]
    public void SyncEngine_AssignsNoCollaboratorAfterConstruction()
    {
        var settable = SourceTree.CoreFiles()
            .Where(f => SyncEngineFolders.Contains(f.Folder))
            .SelectMany(f => SettableCollaborator().Matches(f.Code).Select(m => $"{Path.GetFileName(f.Path)}: {m.Value.Trim()}"));

        settable.Should().BeEmpty();
    }

    [Fact]
    public void CoreProject_GrantsAwsNoInternals()
    {
        var project = File.ReadAllText(Path.Combine(SourceTree.CoreDirectory, "S3FilesSim.csproj"));
        var props = File.ReadAllText(Path.Combine(SourceTree.CoreDirectory, "..", "..", "Directory.Build.props"));

        (project + props).Should().NotContain("S3FilesSim.Aws\"").And.Contain("<InternalsVisibleTo Include=\"S3FilesSim.Tests\" />");
    }

    [GeneratedRegex(@"GetAwaiter\(\)\.GetResult\(\)|\.Result\b|\.Wait\(")]
    private static partial Regex SyncOverAsync();

    [GeneratedRegex(@"(?<![\w.])_\w+\?\.")]
    private static partial Regex GuardedField();

    /// <summary>A property of one of the engine's component types with a setter ("Router { get; set; }" and the like).</summary>
    [GeneratedRegex(@"\b(?:I?[A-Z]\w*(?:Router|Resolver|Queue|Writer|Planner|Tracking|Listing|Import|Revalidation|Handler|Sweep|Pipeline|Namespace|Store|Observer|Moves))\?? \w+ \{ get; (?:internal |private )?set; \}")]
    private static partial Regex SettableCollaborator();
}
