using FluentAssertions;
using S3FilesSim.Cli.Reporting;
using Spectre.Console.Testing;
using Xunit;

namespace S3FilesSim.Cli.Tests.Reporting;

/// <summary>The report rendered by Spectre.Console's test console at 80 and 200 columns.</summary>
public sealed class ReportRendererTests : IDisposable
{
    private const string Hostile = "evil\n\u001b[31mred\u202etxt";

    private readonly TempTree _tree = new();

    public ReportRendererTests()
    {
        for (var i = 0; i < 45; i++)
        {
            _tree.File($"inbox/document-with-a-rather-long-name-{i:D3}.txt", $"word {i}\n");
        }
    }

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData(80)]
    [InlineData(200)]
    public async Task Render_DocumentPipeline_EveryLineFitsTheWidthAndNoHeaderIsCut(int width)
    {
        var output = await RenderAsync(new RunSettings { Source = _tree.Root, TimelineKinds = new HashSet<S3FilesSim.Telemetry.SyncEventKind>() }, width);

        var lines = output.Split('\n');
        lines.Should().OnlyContain(line => line.Length <= width);
        output.Should().NotContain("Pend…").And.NotContain("Expo…").And.NotContain("…\n");
        foreach (var header in new[] { "LostAndFound", "DataRead", "Published figure (source)", "Changed state at" })
        {
            output.Should().Contain(header, $"the {header} column is shown whole at {width} columns");
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(200)]
    public async Task Render_LongLists_AreBoundedWithACountOfTheRest(int width)
    {
        var output = await RenderAsync(new RunSettings { Source = _tree.Root, TimelineKinds = new HashSet<S3FilesSim.Telemetry.SyncEventKind>() }, width);

        output.Should().Contain($"… {45 - ReportRenderer.MaxRows:N0} more (all in --json)", "the documents table shows 20 of 45 rows")
            .And.Contain($"… {45 - ReportRenderer.MaxRows:N0} more\u0020", "each view lists 20 of the 45 paths");
    }

    [Fact]
    public async Task Render_NameWithControlCharacters_IsEscaped()
    {
        using var tree = new TempTree().File("inbox/" + Hostile, "hostile name");

        var output = await RenderAsync(new RunSettings { Source = tree.Root }, 200);

        output.Should().NotContain("\u001b").And.NotContain("\u202e");
        output.Should().Contain("evil\\n\\x1b[31mred\\u202etxt");
    }

    [Fact]
    public async Task Render_AlarmThatFired_ShowsTheVirtualSecondOfEachTransition()
    {
        var output = await RenderAsync(new RunSettings { Source = _tree.Root, Scenario = "conflicts" }, 200);

        output.Should().Contain("60 s: Ok → Alarm");
    }

    [Fact]
    public async Task Render_OneFileTree_UsesTheSingular()
    {
        using var tree = new TempTree().File("only.txt", "one");

        var output = await RenderAsync(new RunSettings { Source = tree.Root, Scenario = "walk" }, 120);

        output.Should().Contain("Loaded 1 file (3 B) from").And.NotContain("1 files");
    }

    [Fact]
    public async Task Render_Latency_NamesTheSourceOfEachPublishedFigure()
    {
        var output = await RenderAsync(new RunSettings { Source = _tree.Root }, 200);

        output.Should().NotContain("(seed").And.Contain("calibration article").And.Contain("AWS News Blog");
    }

    private static async Task<string> RenderAsync(RunSettings settings, int width)
    {
        var console = new TestConsole().Width(width);
        await RunCommand.ExecuteAsync(settings, console, CancellationToken.None);
        return console.Output.Replace("\r", string.Empty, StringComparison.Ordinal);
    }
}
