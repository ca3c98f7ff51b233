using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace S3FilesSim.Tests.Architecture;

// docs/ARCHITECTURE.md ("Dependency graph"): the core's folders are layers, and an internal type may use internal types
// of its own layer or the layers below only. Public types (IFileSystem and its value types, options records, the ports)
// are the vocabulary every layer shares. Cycles between components are broken by an interface the lower layer owns.
public sealed partial class LayeringTests
{
    /// <summary>The layers, lowest first; the folders of one layer do not use each other.</summary>
    private static readonly string[][] Layers =
    [
        ["Time"],
        ["ObjectStorage"],
        ["HotTier"],
        ["Namespace"],
        ["Security", "Locking"],
        ["Cost"],
        ["Telemetry"],
        ["Export"],
        ["ReadPath"],
        ["Conflicts"],
        ["Import"],
        ["FileSystem"],
        [string.Empty],
    ];

    [Fact]
    public void InternalTypes_OfEachFolder_UseOnlyLayersBelow()
    {
        var files = SourceTree.CoreFiles().ToList();
        var owners = files
            .SelectMany(f => InternalDeclaration().Matches(f.Code).Select(m => (Type: m.Groups[1].Value, f.Folder)))
            .GroupBy(d => d.Type)
            .ToDictionary(g => g.Key, g => g.First().Folder);
        var layerOf = LayerOf();

        var upward = new List<string>();
        foreach (var (folder, path, code) in files)
        {
            foreach (var (type, owner) in owners)
            {
                if (owner != folder && layerOf[owner] >= layerOf[folder]
                    && Regex.IsMatch(code, $@"(?<![\w.]){type}\b|\b{Regex.Escape(owner)}\.{type}\b"))
                {
                    upward.Add($"{Path.GetFileName(path)} ({Display(folder)}) uses {type} ({Display(owner)})");
                }
            }
        }

        upward.Should().BeEmpty();
    }

    /// <summary>The public types of FileSystem/ (the namespace users program against) that the layers below may use:
    /// the POSIX vocabulary of errors, file types, times, users, locks and change records.</summary>
    private static readonly string[] FacadeVocabulary =
    [
        "Errno", "FileSystemException", "FileType", "Timespec", "AccessMode", "PosixUser", "AccessPointOptions",
        "FileLock", "LockType", "FileSystemChange", "FileSystemChangeKind", "FileSystemChangeSource",
    ];

    [Fact]
    public void Folders_ReferenceOnlyNamespacesBelow_OrTheFacadeVocabulary()
    {
        var layerOf = LayerOf();
        var upward = SourceTree.CoreFiles()
            .Where(f => f.Folder.Length > 0)
            .SelectMany(f => NamespaceReference().Matches(f.Code)
                .Select(m => m.Groups[1].Value)
                .Where(target => target != f.Folder && layerOf.ContainsKey(target) && layerOf[target] >= layerOf[f.Folder] && target != "FileSystem")
                .Select(target => $"{Path.GetFileName(f.Path)} ({f.Folder}) references S3FilesSim.{target}"))
            .Distinct();

        upward.Should().BeEmpty();
    }

    [Fact]
    public void FoldersBelowTheFacade_UseOnlyItsVocabulary()
    {
        var facadeTypes = SourceTree.CoreFiles()
            .Where(f => f.Folder == "FileSystem")
            .SelectMany(f => PublicDeclaration().Matches(f.Code).Select(m => m.Groups[1].Value))
            .Except(FacadeVocabulary)
            .ToHashSet();

        var uses = SourceTree.CoreFiles()
            .Where(f => f.Folder is not ("FileSystem" or ""))
            .SelectMany(f => facadeTypes
                .Where(type => Regex.IsMatch(f.Code, $@"(?<![\w.])(?:(?:S3FilesSim\.)?FileSystem\.)?{type}\b"))
                .Select(type => $"{Path.GetFileName(f.Path)} ({f.Folder}) uses {type}"));

        uses.Should().BeEmpty();
    }

    [Fact]
    public void Namespace_KnowsNoSyncEngineType()
    {
        var engine = new[] { "Export", "Import", "Conflicts", "ReadPath" };

        var references = SourceTree.CoreFiles()
            .Where(f => f.Folder == "Namespace")
            .Where(f => engine.Any(folder => f.Code.Contains($"S3FilesSim.{folder}", StringComparison.Ordinal) || Regex.IsMatch(f.Code, $@"(?<![\w.]){folder}\.[A-Z]")))
            .Select(f => Path.GetFileName(f.Path));

        references.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Export")]
    [InlineData("Import")]
    [InlineData("ReadPath")]
    [InlineData("Conflicts")]
    public void SyncEngineClasses_WithAllTheirPartialFiles_StayUnder500Lines(string folder)
    {
        var classes = Directory.EnumerateFiles(Path.Combine(SourceTree.CoreDirectory, folder), "*.cs")
            .GroupBy(path => Path.GetFileNameWithoutExtension(path).Split('.')[0])
            .ToDictionary(g => g.Key, g => g.Sum(path => File.ReadAllLines(path).Length));

        classes.Where(c => c.Value > 500).Should().BeEmpty();
    }

    private static Dictionary<string, int> LayerOf() =>
        Layers.SelectMany((folders, index) => folders.Select(folder => (folder, index))).ToDictionary(p => p.folder, p => p.index);

    private static string Display(string folder) => folder.Length == 0 ? "composition root" : folder;

    [GeneratedRegex(@"^\s*internal (?:sealed |static |abstract |readonly |partial |record )*(?:class|struct|record|interface|enum) (\w+)", RegexOptions.Multiline)]
    private static partial Regex InternalDeclaration();

    [GeneratedRegex(@"^\s*public (?:sealed |static |abstract |readonly |partial |record )*(?:class|struct|record|interface|enum) (\w+)", RegexOptions.Multiline)]
    private static partial Regex PublicDeclaration();

    /// <summary>A using directive or qualified name of one of the core's namespaces: <c>S3FilesSim.Export</c> gives "Export".</summary>
    [GeneratedRegex(@"\bS3FilesSim\.([A-Z]\w*)")]
    private static partial Regex NamespaceReference();
}
