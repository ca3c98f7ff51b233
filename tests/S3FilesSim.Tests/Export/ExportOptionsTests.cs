using FluentAssertions;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Export;

public sealed class ExportOptionsTests
{
    [Fact]
    public void Defaults_MatchTheDocumentedService()
    {
        var options = new ExportOptions();

        (options.CommitDelay, options.MaxExportDelay, options.MaxFilesPerSecond, options.MaxBytesPerSecond)
            .Should().Be((TimeSpan.FromSeconds(60), (TimeSpan?)null, (int?)800, (long?)2_700_000_000));
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task CreateFileSystem_InvalidExportOption_ThrowsArgumentException(ExportOptions export)
    {
        await using var sim = S3FilesSimulation.Create();

        var act = () => sim.CreateFileSystem(new FileSystemOptions { Export = export });

        act.Should().Throw<ArgumentException>();
    }

    public static TheoryData<ExportOptions> InvalidOptions() =>
    [
        new ExportOptions { CommitDelay = TimeSpan.FromSeconds(-1) },
        new ExportOptions { MaxExportDelay = TimeSpan.FromSeconds(-1) },
        new ExportOptions { MaxFilesPerSecond = 0 },
        new ExportOptions { MaxBytesPerSecond = 0 },
        new ExportOptions { RetryBaseDelay = TimeSpan.Zero },
        new ExportOptions { MultipartPartSizeBytes = 1 << 20 },
        new ExportOptions { MultipartThresholdBytes = 6L << 20 },
    ];
}
