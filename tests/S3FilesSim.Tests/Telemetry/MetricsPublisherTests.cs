using FluentAssertions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Telemetry;

public sealed class MetricsPublisherTests : IDisposable
{
    private readonly VirtualClock _clock = new();
    private readonly MetricsRecorder _recorder;
    private long _pendingExports;

    public MetricsPublisherTests()
    {
        _recorder = new MetricsRecorder("fs-0123456789abcdef0", _clock, () => default(FileSystemGaugeReading) with { PendingExports = _pendingExports }, TimeSpan.FromMinutes(15));
    }

    public void Dispose() => _recorder.Dispose();

    [Fact]
    public async Task AdvanceAsync_FiveMinutes_KeepsOneSnapshotPerMinuteInOrder()
    {
        using var publisher = Start(new TelemetryOptions());
        _recorder.RecordDataRead(10);

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(5));

        publisher.History.Select(m => m.Timestamp).Should().Equal(Enumerable.Range(0, 5).Select(m => VirtualClock.DefaultStart.AddMinutes(m)));
        publisher.History[0].DataReadBytes.Sum.Should().Be(10);
        publisher.Latest.Should().BeSameAs(publisher.History[^1]);
    }

    [Fact]
    public async Task AdvanceAsync_BeyondHistoryCapacity_DropsOldestSnapshots()
    {
        using var publisher = Start(new TelemetryOptions { MetricsHistoryCapacity = 3 });

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(5));

        publisher.History.Select(m => m.Timestamp).Should().Equal(VirtualClock.DefaultStart.AddMinutes(2), VirtualClock.DefaultStart.AddMinutes(3), VirtualClock.DefaultStart.AddMinutes(4));
    }

    [Fact]
    public async Task AdvanceAsync_PendingExportsForTenMinutes_RecommendedAlarmFires()
    {
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-best-practices.html: alarm on sustained PendingExports.
        using var publisher = Start(new TelemetryOptions());
        var changes = new List<AlarmStateChange>();
        publisher.Alarms.StateChanged += (_, c) => changes.Add(c);
        _pendingExports = 5;

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(9));
        var afterNine = changes.Count;
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));

        afterNine.Should().Be(0);
        changes.Should().ContainSingle().Which.AlarmName.Should().Be("S3Files-PendingExports");
    }

    [Fact]
    public async Task Dispose_AfterStart_StopsPublishing()
    {
        var publisher = Start(new TelemetryOptions());
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(2));

        publisher.Dispose();
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(5));

        publisher.History.Should().HaveCount(2);
        _clock.Scheduler.PendingCount.Should().Be(0);
    }

    [Fact]
    public async Task AdvanceAsync_WriteEmfToLogger_LogsTwoEmfRecordsPerMinuteUnderTheEmfWriterCategory()
    {
        var provider = new CapturingProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(provider));
        using var publisher = new MetricsPublisher(_recorder, _clock.Scheduler, new TelemetryOptions { WriteEmfToLogger = true }, factory);
        publisher.Start();

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(2));

        provider.Messages.Should().HaveCount(4);
        provider.Messages.Should().OnlyContain(m => m.Category == typeof(EmfWriter).FullName && m.Message.StartsWith("{\"_aws\":", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        using var publisher = Start(new TelemetryOptions());

        var act = publisher.Start;

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Constructor_StoragePeriodNotAMultipleOfMetricsPeriod_Throws()
    {
        var act = () => new MetricsPublisher(_recorder, _clock.Scheduler, new TelemetryOptions { StorageMetricsPeriod = TimeSpan.FromSeconds(90) }, NullLoggerFactory.Instance);

        act.Should().Throw<ArgumentException>().WithMessage("*StorageMetricsPeriod*");
    }

    private MetricsPublisher Start(TelemetryOptions options)
    {
        var publisher = new MetricsPublisher(_recorder, _clock.Scheduler, options, NullLoggerFactory.Instance);
        publisher.Start();
        return publisher;
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public List<(string Category, string Message)> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Messages);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, List<(string Category, string Message)> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Add((category, formatter(state, exception)));
    }
}
