using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace S3FilesSim.Cli.Tests;

public sealed class CliApplicationTests
{
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html: changes reach the bucket after 60 s without change.
    [Fact]
    public async Task Run_DefaultCorpus_ShowsProcessedKeysInTheBucketOnlyAfterTheCommitDelay()
    {
        var json = Path.GetTempFileName();

        var (exitCode, output, error) = await CliHarness.RunAsync("run", "--json", json);

        exitCode.Should().Be(0, error);
        output.Should().Contain("t = 30 s").And.Contain("t = 61 s");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var snapshots = document.RootElement.GetProperty("snapshots").EnumerateArray().ToDictionary(s => s.GetProperty("virtualSeconds").GetDouble(), s => s.GetProperty("bucket").EnumerateArray().Select(k => k.GetString()!).ToList());
        snapshots[30].Should().Contain("inbox/GPL-3.txt").And.NotContain(key => key.StartsWith("processed/", StringComparison.Ordinal));
        snapshots[61].Should().Contain(["processed/GPL-3.txt", "processed/GPL-3.txt.meta.json"]).And.NotContain(key => key.StartsWith("inbox/", StringComparison.Ordinal));
        File.Delete(json);
    }

    [Fact]
    public async Task Run_JsonOption_WritesTheWholeReport()
    {
        var json = Path.GetTempFileName();

        var (exitCode, _, _) = await CliHarness.RunAsync("run", "--json", json, "--duration", "70");

        exitCode.Should().Be(0);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        root.GetProperty("scenario").GetString().Should().Be("document-pipeline");
        root.GetProperty("load").GetProperty("files").GetInt32().Should().Be(9);
        root.GetProperty("documents").GetArrayLength().Should().Be(8);
        root.GetProperty("sync").GetProperty("exportedDeletes").GetInt64().Should().Be(8);
        root.GetProperty("readTiers").TryGetProperty("hotTierReads", out _).Should().BeTrue();
        root.GetProperty("metrics").GetArrayLength().Should().Be(2);
        root.GetProperty("metrics")[0].GetProperty("pendingExports").GetInt64().Should().Be(17);
        root.GetProperty("alarms").GetArrayLength().Should().Be(4);
        root.GetProperty("timeline").GetProperty("countsByKind").GetProperty("Export").GetInt64().Should().Be(17);
        root.GetProperty("latency").EnumerateArray().Select(row => row.GetProperty("operation").GetString()).Should().Contain(["Rename", "ColdRead"]);
        root.GetProperty("cost").GetProperty("lines").GetArrayLength().Should().Be(11);
        root.GetProperty("cost").GetProperty("oneOff").GetDecimal().Should().BeGreaterThan(0);
        root.GetProperty("cost").GetProperty("steadyState").GetProperty("expirationDays").GetInt32().Should().Be(30);
        root.GetProperty("cost").GetProperty("assumptions").GetArrayLength().Should().BeGreaterThan(0);
        root.GetProperty("timing").GetProperty("virtualSeconds").GetDouble().Should().Be(70);
        root.GetProperty("timing").GetProperty("speedUp").GetDouble().Should().BeGreaterThan(0);
        File.Delete(json);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_TimelineOption_PrintsTheSyncTimelineOfTheLibrary(bool timeline)
    {
        string[] args = timeline ? ["run", "--duration", "65", "--timeline"] : ["run", "--duration", "65"];

        var (exitCode, output, _) = await CliHarness.RunAsync(args);

        exitCode.Should().Be(0);
        var exports = output.Split('\n').Where(line => line.StartsWith("│ 60 s ", StringComparison.Ordinal) && line.Contains("│ Export ", StringComparison.Ordinal)).ToList();
        exports.Should().HaveCount(timeline ? 17 : 0, "the processed/ marker, 8 .meta.json PUTs and 8 rename COPYs export at 60 s");
    }

    [Fact]
    public async Task Run_MissingSourceDirectory_FailsWithOneLineError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--source", "/no/such/directory");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().Be("error: source directory '/no/such/directory' does not exist.");
    }

    [Fact]
    public async Task Run_SourceThatIsAFile_SaysItIsNotADirectory()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        var file = Path.Combine(tree.Root, "a.txt");

        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--source", file);

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().Be($"error: source '{file}' is not a directory; --source takes the directory whose files are loaded into the bucket.");
    }

    [Fact]
    public async Task Run_EmptySource_FailsWithUsageError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--source", "");

        exitCode.Should().Be(CliApplication.UsageExitCode);
        error.TrimEnd().Should().Be("error: --source must name a directory; it was empty. (see 's3files-sim --help')");
    }

    [Fact]
    public async Task Main_UnknownCommand_NamesItAndListsTheCommands()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("rnu", "--source", "/tmp");

        exitCode.Should().Be(CliApplication.UsageExitCode);
        error.TrimEnd().Should().StartWith("error: unknown command 'rnu'; the commands are: run");
    }

    [Fact]
    public async Task Run_TreeWithBadEntries_SkipsAndCountsThemAndReports()
    {
        var deep = string.Join('/', Enumerable.Repeat(new string('d', 200), 6));
        using var tree = new TempTree().File("a.txt", "alpha").File(deep + "/f.txt", "too deep");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "loop1"), "loop2");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "loop2"), "loop1");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "null"), "/dev/null");

        var (exitCode, output, error) = await CliHarness.RunAsync("run", "--source", tree.Root, "--scenario", "walk");

        (exitCode, error).Should().Be((0, string.Empty));
        output.Should().Contain("Loaded 1 file (5 B) and 3 symbolic links (2 in a loop)").And.Contain("Skipped 1 entry that cannot be objects").And.Contain("1 × key over 1,024 bytes");
    }

    // A name of 250 bytes loads (the limit is 255) but its processed/<name>.meta.json cannot be created: ENAMETOOLONG for that document only.
    [Fact]
    public async Task Run_DocumentWhoseOutputNameIsTooLong_ReportsAPerDocumentErrorAndProcessesTheRest()
    {
        var longName = new string('n', 250);
        using var tree = new TempTree().File("inbox/a.txt", "alpha").File("inbox/" + longName, "beta");

        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = tree.Root });

        report.Documents.Should().HaveCount(2);
        report.Documents!.Single(d => d.Name == "a.txt").Error.Should().BeNull();
        report.Documents!.Single(d => d.Name == longName).Error.Should().Contain("ENAMETOOLONG");
    }

    [Fact]
    public async Task Run_DocumentWhoseOutputNameIsTooLong_ReportsTheBytesItRead()
    {
        var longName = new string('n', 250);
        using var tree = new TempTree().File("inbox/" + longName, "beta gamma\n");

        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = tree.Root });

        report.Documents!.Single().Should().BeEquivalentTo(new { Bytes = 11L, Lines = 1L, Words = 2L }, options => options.ExcludingMissingMembers());
    }

    [Fact]
    public async Task Run_UnknownScenario_FailsWithOneLineUsageError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--scenario", "nope");

        exitCode.Should().Be(CliApplication.UsageExitCode);
        error.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().StartWith("error: ").And.Contain("nope");
    }

    [Fact]
    public async Task Run_NonNumericSeed_FailsWithUsageError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--seed", "abc");

        exitCode.Should().Be(CliApplication.UsageExitCode);
        error.Should().StartWith("error: ").And.NotContain(" at ");
    }

    [Fact]
    public async Task Run_NegativeCommitDelay_FailsWithOneLineError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--commit-delay", "-1");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().Be("error: --commit-delay must not be negative; it was -1 s.");
    }

    [Fact]
    public async Task Run_UnwritableJsonPath_FailsBeforeTheRun()
    {
        var (exitCode, output, error) = await CliHarness.RunAsync("run", "--json", "/no/such/directory/report.json");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        output.Should().BeEmpty("nothing runs when the report cannot be written");
        error.TrimEnd().Should().StartWith("error: cannot write the JSON report to '/no/such/directory/report.json'").And.NotContain("\n");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("run", "--help")]
    public async Task Help_AnyCommand_ListsItsOptionsAndExitsZero(params string[] args)
    {
        var (exitCode, output, _) = await CliHarness.RunAsync(args);

        exitCode.Should().Be(0);
        output.Should().Contain(args.Length == 1 ? "run" : "--scenario");
    }

    [Fact]
    public async Task Run_NoCommand_FailsWithUsageError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync();

        exitCode.Should().Be(CliApplication.UsageExitCode);
        error.Should().StartWith("error: ");
    }
}
