using System.Collections;
using FluentAssertions;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.Cli.Scenarios;
using S3FilesSim.Telemetry;
using Spectre.Console;
using Spectre.Console.Testing;
using Xunit;

namespace S3FilesSim.Cli.Tests.Reporting;

/// <summary>Terminal handling, the timeline's selection, read-all's size classes.</summary>
public sealed class OutputTests
{
    [Fact]
    public async Task Run_OutputNotATerminal_WritesPlainLinesWithoutEscapeCodes()
    {
        var writer = new StringWriter();
        var console = CliConsole.Create(writer, isTerminal: false, new Hashtable());

        var exitCode = await CliApplication.RunAsync(["run", "--duration", "61"], console, writer, TextWriter.Null);

        exitCode.Should().Be(0);
        writer.ToString().Should().NotContain("\u001b").And.Contain("Documents processed");
    }

    [Theory]
    [InlineData(true, false, AnsiSupport.Detect, ColorSystemSupport.Detect)]
    [InlineData(true, true, AnsiSupport.Detect, ColorSystemSupport.NoColors)]
    [InlineData(false, false, AnsiSupport.No, ColorSystemSupport.NoColors)]
    [InlineData(false, true, AnsiSupport.No, ColorSystemSupport.NoColors)]
    public void Settings_TerminalAndNoColor_ChooseAnsiAndColours(bool isTerminal, bool noColor, AnsiSupport ansi, ColorSystemSupport colors)
    {
        var settings = CliConsole.Settings(TextWriter.Null, isTerminal, noColor);

        (settings.Ansi, settings.ColorSystem, settings.Interactive).Should().Be((ansi, colors, isTerminal ? InteractionSupport.Detect : InteractionSupport.No));
    }

    [Fact]
    public void Create_NoColorSet_WritesNoColourCodes()
    {
        var writer = new StringWriter();
        var settings = CliConsole.Settings(writer, isTerminal: true, noColor: true);
        settings.Ansi = AnsiSupport.Yes;
        var console = AnsiConsole.Create(settings);

        console.MarkupLine("[green]ok[/] [grey]note[/]");

        writer.ToString().Should().Contain("ok").And.NotContainAny("\u001b[3", "\u001b[9", "38;5", "38;2");
    }

    [Fact]
    public async Task Start_StepCompleted_ReachesOneHundredPercent()
    {
        var console = new TestConsole().Interactive().EmitAnsiSequences();
        ProgressStep? step = null;

        await RunProgress.RunAsync(console, progress =>
        {
            step = progress.Start("loading", 1_000);
            step.Report(737);
            step.Complete();
            return Task.FromResult(0);
        });

        step!.Percentage.Should().Be(100);
    }

    [Fact]
    public async Task Run_TimelineOfConflictsOnly_ListsOnlyConflictsInTimeOrder()
    {
        using var tree = new TempTree().File("a.txt", "alpha").File("b.txt", "beta").File("c.txt", "gamma").File("d.txt", "delta");

        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = tree.Root, Scenario = "conflicts", TimelineKinds = TimelineSelection.ParseKinds("conflicts") });

        report.Timeline.Events.Should().NotBeEmpty().And.OnlyContain(e => e.Kind == "Conflict");
        report.Timeline.Events!.Select(e => e.VirtualSeconds).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Run_TimelineUnfiltered_PutsConflictsAndLostAndFoundMovesBeforeRoutineEvents()
    {
        using var tree = new TempTree().File("a.txt", "alpha").File("b.txt", "beta").File("c.txt", "gamma").File("d.txt", "delta");

        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = tree.Root, Scenario = "conflicts", TimelineKinds = TimelineSelection.ParseKinds(null) });

        var kinds = report.Timeline.Events!.Select(e => e.Kind).ToList();
        kinds.Should().Contain("Conflict").And.Contain("Export");
        kinds.FindLastIndex(kind => kind is "Conflict" or "LostAndFoundMove").Should().BeLessThan(kinds.IndexOf("Export"));
    }

    [Fact]
    public async Task Run_TimelinePath_ListsOnlyEventsUnderThatPath()
    {
        using var tree = new TempTree().File("inbox/a.txt", "alpha").File("other/b.txt", "beta");

        var (exitCode, output, _) = await CliHarness.RunAsync("run", "--source", tree.Root, "--timeline-path", "/processed");

        exitCode.Should().Be(0);
        var rows = output.Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^│ [0-9.]+ s +│ Export +│")).ToList();
        rows.Should().NotBeEmpty().And.OnlyContain(line => line.Contains("/processed", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseKinds_UnknownKind_FailsNamingItAndTheKnownOnes()
    {
        var parse = () => TimelineSelection.ParseKinds("conflicts,explosions");

        parse.Should().Throw<CliException>().WithMessage("--timeline does not know the event kind 'explosions'; use a comma-separated list of: exports, *");
    }

    [Fact]
    public void ParseKinds_NamesAndEnumSpellings_MapToTheKinds()
    {
        TimelineSelection.ParseKinds("conflicts, lost+found,Failure,exports").Should().BeEquivalentTo(
            [SyncEventKind.Conflict, SyncEventKind.LostAndFoundMove, SyncEventKind.Failure, SyncEventKind.Export]);
    }

    [Fact]
    public void SizeClasses_DirectReadThresholdBelowTheImportLimit_AreAscending()
    {
        ReadAllScenario.SizeClasses(131_072, 4_096).Select(c => c.Label).Should().Equal("< 4 KiB", "4 KiB to < 128 KiB", ">= 128 KiB");
    }

    [Fact]
    public void SizeClasses_ImportLimitZero_HasNoEmptyClass()
    {
        ReadAllScenario.SizeClasses(0, 1 << 20).Select(c => c.Label).Should().Equal("< 1 MiB", ">= 1 MiB");
    }

    [Fact]
    public async Task ReadAll_DirectReadThresholdBelowTheImportLimit_CountsEachFileInItsClass()
    {
        using var tree = new TempTree().File("small.txt", new byte[100]).File("middle.bin", new byte[10_000]);

        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = tree.Root, Scenario = "read-all", DirectReadThreshold = 4096 });

        report.ReadAll!.Where(row => row.Pass == "cold").Select(row => (row.SizeClass, row.Files)).Should().Equal(("< 4 KiB", 1), ("4 KiB to < 128 KiB", 1), (">= 128 KiB", 0));
    }
}
