using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace S3FilesSim.Cli.Tests.Planning;

/// <summary><c>s3files-sim plan</c> through the command line: inputs, bad input, outputs.</summary>
public sealed class PlanCommandTests
{
    private const string Line1 = "2026-04-01 12:00:00      10000 docs/a.txt";
    private const string Line2 = "2026-04-01 12:00:01    3145728 media/my video.mp4";

    [Fact]
    public async Task Plan_ListingWithAnUnparsableLine_ReportsItsLineNumberAndSkipsIt()
    {
        using var file = new TempFile(Line1, "not a listing line", Line2);

        var (exitCode, output, error) = await CliHarness.RunAsync("plan", "--listing", file.Path);

        (exitCode, error).Should().Be((0, string.Empty));
        output.Should().Contain("2 files").And.Contain("1 input lines skipped").And.Contain("2: expected 'YYYY-MM-DD HH:MM:SS  SIZE KEY'");
    }

    [Fact]
    public async Task Plan_ListingWithAnUnparsableLineAndStrict_FailsWithItsLineNumber()
    {
        using var file = new TempFile(Line1, Line2, "2026-04-01 12:00:00 12x docs/b");

        var (exitCode, _, error) = await CliHarness.RunAsync("plan", "--listing", file.Path, "--strict");

        exitCode.Should().Be(1);
        error.Trim().Should().StartWith("error: ").And.Contain("line 3:").And.NotContain("\n");
    }

    [Fact]
    public async Task Plan_ListingOfANonRecursiveLs_SaysSoForThePrefixLine()
    {
        using var file = new TempFile("                           PRE logs/", Line1);

        var (exitCode, output, _) = await CliHarness.RunAsync("plan", "--listing", file.Path);

        exitCode.Should().Be(0);
        output.Should().Contain("1: a 'PRE' line: the listing was made without --recursive");
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-inventory-location.html: CSV without a header, keys URL-encoded, fields in fileSchema order.
    [Fact]
    public async Task Plan_InventoryCsvWithABadRow_ReportsItsLineAndReadsTheRest()
    {
        using var file = new TempFile(
            "\"bucket\",\"docs/a%20b.txt\",\"10000\",\"2026-04-01T00:00:00.000Z\",\"etag\",\"STANDARD\"",
            "\"bucket\",\"docs/c.txt\",\"ten\",\"2026-04-01T00:00:00.000Z\",\"etag\",\"STANDARD\"",
            "\"bucket\",\"cold/d.bin\",\"5000000\",\"2026-04-01T00:00:00.000Z\",\"etag\",\"DEEP_ARCHIVE\"");

        var (exitCode, output, error) = await CliHarness.RunAsync("plan", "--inventory", file.Path);

        (exitCode, error).Should().Be((0, string.Empty));
        output.Should().Contain("1 files").And.Contain("2: the Size field is not a byte count: 'ten'").And.Contain("1 objects S3 Files cannot show as files");
    }

    [Theory]
    [InlineData("--working-set", "150%", "between 0 % and 100 %")]
    [InlineData("--working-set", "1.5", "over 100 %")]
    [InlineData("--working-set", "-5%", "between 0 % and 100 %")]
    [InlineData("--reads-per-day", "-1", "--reads-per-day must be between 0")]
    [InlineData("--renames-per-day", "120%", "--renames-per-day must be between 0 % and 100 %")]
    [InlineData("--new-data-per-day", "-3GB", "must not be negative")]
    [InlineData("--clients", "0", "--clients must be between 1")]
    [InlineData("--days-after-last-access", "0", "between 1 and 365")]
    public async Task Plan_AbsurdWorkloadValue_IsAUsageError(string option, string value, string message)
    {
        using var file = new TempFile(Line1);

        var (exitCode, _, error) = await CliHarness.RunAsync("plan", "--listing", file.Path, option, value);

        exitCode.Should().Be(2);
        error.Should().StartWith("error: ").And.Contain(message);
    }

    [Fact]
    public async Task Plan_TwoDatasets_IsAUsageError()
    {
        using var file = new TempFile(Line1);

        var (exitCode, _, error) = await CliHarness.RunAsync("plan", "--listing", file.Path, "--inventory", file.Path);

        exitCode.Should().Be(2);
        error.Should().Contain("exactly one dataset");
    }

    [Fact]
    public async Task Plan_UnreachableEndpoint_FailsWithOneLineAndExitCode1()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("plan", "--endpoint", "http://127.0.0.1:9", "--bucket", "data");

        exitCode.Should().Be(1);
        error.Should().StartWith("error: cannot list bucket 'data' at http://127.0.0.1:9").And.NotContain("\n   at ");
        error.TrimEnd().Split('\n').Should().HaveCount(1);
    }

    [Fact]
    public async Task Plan_JsonAndHtml_WriteTheTotalsAndTheCharts()
    {
        using var file = new TempFile(Line1, Line2);
        var json = Path.GetTempFileName();
        var html = Path.GetTempFileName();

        var (exitCode, _, error) = await CliHarness.RunAsync("plan", "--listing", file.Path, "--working-set", "100%", "--json", json, "--html", html);

        (exitCode, error).Should().Be((0, string.Empty));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        foreach (var section in new[] { "steadyStateMonthlyUsd", "firstMonthUsd" })
        {
            foreach (var option in new[] { "s3Files", "efsStandard", "s3Standard" })
            {
                document.RootElement.GetProperty(section).GetProperty(option).GetDecimal().Should().BeGreaterThan(0, $"{section}.{option}");
            }
        }

        var page = await File.ReadAllTextAsync(html);
        page.Should().StartWith("<!DOCTYPE html>");
        System.Text.RegularExpressions.Regex.Matches(page, "<svg ").Count.Should().Be(3);
        page.Should().Contain("steadyStateMonthlyUsd");
        File.Delete(json);
        File.Delete(html);
    }

    [Fact]
    public async Task Plan_Defaults_ArePrintedWithThePlan()
    {
        using var file = new TempFile(Line1, Line2);

        var (_, output, _) = await CliHarness.RunAsync("plan", "--listing", file.Path);

        output.Should().Contain("10 % of the dataset's bytes, random files first").And.Contain("1 full reads of each working-set file")
            .And.Contain("size-less-than 131072").And.Contain("30 days after last access").And.Contain("60 days on the virtual clock")
            .And.Contain("us-east-1, as of 2026-04-09").And.Contain("source: S3 Files us-east-1 launch prices");
    }

    [Fact]
    public async Task Plan_PriceFile_ChangesThePricesAndNamesItsSource()
    {
        using var file = new TempFile(Line1, Line2);
        using var prices = new TempFile("""{ "region": "ap-northeast-1", "date": "2026-05-01", "source": "Tokyo billing lines", "s3Files": { "storagePerGBMonth": 0.36, "readPerGB": 0.04, "writePerGB": 0.07 } }""");
        var json = Path.GetTempFileName();

        var (exitCode, output, _) = await CliHarness.RunAsync("plan", "--listing", file.Path, "--working-set", "100%", "--prices", prices.Path, "--json", json);

        exitCode.Should().Be(0);
        output.Should().Contain("ap-northeast-1, as of 2026-05-01").And.Contain("source: Tokyo billing lines");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var line = document.RootElement.GetProperty("steadyState")[0].GetProperty("lines").EnumerateArray().First(l => l.GetProperty("item").GetString() == "File data reads");
        line.GetProperty("unitPrice").GetDecimal().Should().Be(0.04m);
        File.Delete(json);
    }

    [Fact]
    public async Task Plan_FromRun_TakesTheMeasuredRates()
    {
        using var file = new TempFile(Line1, Line2);
        using var run = new TempFile("""{ "load": { "files": 2, "bytes": 1000 }, "timing": { "virtualSeconds": 43200 }, "metrics": [ { "dataReadBytes": 1500, "dataWriteBytes": 500, "clientConnections": 3 } ] }""");

        var (exitCode, output, error) = await CliHarness.RunAsync("plan", "--listing", file.Path, "--from-run", run.Path);

        (exitCode, error).Should().Be((0, string.Empty));
        output.Should().Contain("measured by the run in").And.Contain("3 full reads of each working-set file").And.Contain("1 full rewrites of each");
    }

    [Fact]
    public async Task Plan_SourceTree_PlansItsFiles()
    {
        using var tree = new TempTree().File("docs/a.txt", "alpha").File("b.txt", new byte[200_000]);

        var (exitCode, output, _) = await CliHarness.RunAsync("plan", "--source", tree.Root);

        exitCode.Should().Be(0);
        output.Should().Contain("2 files");
    }

    private sealed class TempFile : IDisposable
    {
        internal TempFile(params string[] lines)
        {
            Path = System.IO.Path.GetTempFileName();
            File.WriteAllLines(Path, lines);
        }

        internal string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
