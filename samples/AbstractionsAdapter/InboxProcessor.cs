using System.Globalization;
using System.IO.Abstractions;

namespace AbstractionsAdapter;

/// <summary>
/// An application class written only against System.IO.Abstractions, as teams write them to keep file code testable:
/// it summarizes every <c>*.txt</c> document of <c>inbox/</c> into <c>processed/&lt;name&gt;.summary.txt</c> (lines and
/// words), written to a temporary name and renamed into place, then moves the document to <c>processed/</c>. It knows
/// nothing of S3 Files: in production it gets <c>new FileSystem()</c> over the real mount; in tests, the simulated mount.
/// </summary>
public sealed class InboxProcessor(IFileSystem fileSystem, string root)
{
    private string Inbox => fileSystem.Path.Combine(root, "inbox");

    private string Processed => fileSystem.Path.Combine(root, "processed");

    /// <summary>Processes every document waiting in the inbox.</summary>
    /// <returns>The documents processed, by name.</returns>
    public IReadOnlyList<string> ProcessAll()
    {
        fileSystem.Directory.CreateDirectory(Processed);
        var done = new List<string>();
        foreach (var document in fileSystem.Directory.EnumerateFiles(Inbox, "*.txt").Order(StringComparer.Ordinal).ToList())
        {
            var name = fileSystem.Path.GetFileName(document);
            var text = fileSystem.File.ReadAllText(document);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

            var summary = fileSystem.Path.Combine(Processed, fileSystem.Path.ChangeExtension(name, ".summary.txt"));
            var temporary = summary + ".tmp";
            fileSystem.File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"document: {name}\nlines: {lines}\nwords: {words}\n"));
            fileSystem.File.Move(temporary, summary, overwrite: true);
            fileSystem.File.Move(document, fileSystem.Path.Combine(Processed, name), overwrite: true);
            done.Add(name);
        }

        return done;
    }
}
