using FluentAssertions;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Telemetry;

// Recommended alarms: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-best-practices.html and
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html
public sealed class AlarmEvaluatorTests
{
    private int _minute;

    [Fact]
    public void Evaluate_LostAndFoundFilesAboveZero_RaisesOkToAlarmWithTypedChange()
    {
        var evaluator = new AlarmEvaluator(MetricAlarm.Recommended);
        var raised = new List<AlarmStateChange>();
        evaluator.StateChanged += (_, change) => raised.Add(change);
        evaluator.Evaluate(Next());

        var changes = evaluator.Evaluate(Next() with { LostAndFoundFiles = 1 });

        changes.Should().ContainSingle();
        raised.Should().Equal(changes);
        var change = changes[0];
        change.AlarmName.Should().Be("S3Files-LostAndFoundFiles");
        change.MetricName.Should().Be("LostAndFoundFiles");
        change.OldState.Should().Be(AlarmState.Ok);
        change.NewState.Should().Be(AlarmState.Alarm);
        change.Timestamp.Should().Be(VirtualClock.DefaultStart.AddMinutes(1));
        change.Reason.Should().Be("Threshold Crossed: 1 out of the last 1 datapoints were greater than the threshold (0).");
        evaluator.GetState("S3Files-LostAndFoundFiles").Should().Be(AlarmState.Alarm);
    }

    [Fact]
    public void Evaluate_ExportFailuresBackToZero_RaisesAlarmToOk()
    {
        var evaluator = new AlarmEvaluator(MetricAlarm.Recommended);
        evaluator.Evaluate(Next() with { ExportFailures = 2 });

        var changes = evaluator.Evaluate(Next());

        changes.Should().ContainSingle().Which.Should().Match<AlarmStateChange>(c =>
            c.AlarmName == "S3Files-ExportFailures" && c.OldState == AlarmState.Alarm && c.NewState == AlarmState.Ok);
    }

    [Fact]
    public void Evaluate_ImportFailuresStayAboveZero_RaisesOnlyOnce()
    {
        var evaluator = new AlarmEvaluator(MetricAlarm.Recommended);

        var changes = Enumerable.Range(0, 5).SelectMany(_ => evaluator.Evaluate(Next() with { ImportFailures = 1 })).ToList();

        changes.Should().ContainSingle().Which.AlarmName.Should().Be("S3Files-ImportFailures");
    }

    [Fact]
    public void Evaluate_PendingExportsForNineMinutes_StaysOk()
    {
        var evaluator = new AlarmEvaluator(MetricAlarm.Recommended);

        var changes = Enumerable.Range(0, 9).SelectMany(_ => evaluator.Evaluate(Next() with { PendingExports = 4 })).ToList();

        changes.Should().BeEmpty();
        evaluator.GetState("S3Files-PendingExports").Should().Be(AlarmState.Ok);
    }

    [Fact]
    public void Evaluate_PendingExportsForTenConsecutiveMinutes_Alarms()
    {
        var evaluator = new AlarmEvaluator(MetricAlarm.Recommended);

        var changes = Enumerable.Range(0, 10).SelectMany(_ => evaluator.Evaluate(Next() with { PendingExports = 4 })).ToList();

        changes.Should().ContainSingle().Which.Should().Match<AlarmStateChange>(c =>
            c.AlarmName == "S3Files-PendingExports" && c.NewState == AlarmState.Alarm && c.Timestamp == VirtualClock.DefaultStart.AddMinutes(9));
    }

    [Fact]
    public void Evaluate_PendingExportsInterruptedByAQuietMinute_StaysOk()
    {
        var evaluator = new AlarmEvaluator(MetricAlarm.Recommended);
        var pending = Enumerable.Range(0, 15).Select(i => i == 7 ? 0L : 4L);

        var changes = pending.SelectMany(p => evaluator.Evaluate(Next() with { PendingExports = p })).ToList();

        changes.Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_TwoOfThreeDatapointsBreaching_AlarmsWhenDatapointsToAlarmIsTwo()
    {
        var alarm = new MetricAlarm { AlarmName = "busy", MetricName = "DataReadBytes", Statistic = MetricStatistic.Sum, Threshold = 1_000, EvaluationPeriods = 3, DatapointsToAlarm = 2 };
        var evaluator = new AlarmEvaluator([alarm]);

        var states = new[] { 2_000L, 10L, 5_000L }.Select(sum =>
        {
            evaluator.Evaluate(Next() with { DataReadBytes = new MetricStatisticSet(sum, 1, sum, sum) });
            return evaluator.GetState("busy");
        }).ToList();

        states.Should().Equal(AlarmState.Ok, AlarmState.Ok, AlarmState.Alarm);
    }

    [Fact]
    public void Evaluate_PeriodsWithoutDatapoint_AreIgnoredAndKeepTheState()
    {
        var alarm = new MetricAlarm { AlarmName = "storage", MetricName = "StorageBytes", Threshold = 1_000 };
        var evaluator = new AlarmEvaluator([alarm]);
        evaluator.Evaluate(Next() with { StorageBytes = 5_000 });

        var changes = Enumerable.Range(0, 14).SelectMany(_ => evaluator.Evaluate(Next())).ToList();

        changes.Should().BeEmpty();
        evaluator.GetState("storage").Should().Be(AlarmState.Alarm);
    }

    [Theory]
    [InlineData(ComparisonOperator.GreaterThanThreshold, 5, false)]
    [InlineData(ComparisonOperator.GreaterThanThreshold, 6, true)]
    [InlineData(ComparisonOperator.GreaterThanOrEqualToThreshold, 5, true)]
    [InlineData(ComparisonOperator.GreaterThanOrEqualToThreshold, 4, false)]
    [InlineData(ComparisonOperator.LessThanThreshold, 5, false)]
    [InlineData(ComparisonOperator.LessThanThreshold, 4, true)]
    [InlineData(ComparisonOperator.LessThanOrEqualToThreshold, 5, true)]
    [InlineData(ComparisonOperator.LessThanOrEqualToThreshold, 6, false)]
    public void Evaluate_ComparisonOperatorAtThreshold_BreachesAsCloudWatch(ComparisonOperator comparison, long value, bool alarms)
    {
        var evaluator = new AlarmEvaluator([new MetricAlarm { AlarmName = "a", MetricName = "ClientConnections", ComparisonOperator = comparison, Threshold = 5 }]);

        evaluator.Evaluate(Next() with { ClientConnections = value });

        evaluator.GetState("a").Should().Be(alarms ? AlarmState.Alarm : AlarmState.Ok);
    }

    [Fact]
    public void Constructor_DuplicateAlarmNames_Throws()
    {
        var act = () => new AlarmEvaluator([MetricAlarm.Recommended[0], MetricAlarm.Recommended[0]]);

        act.Should().Throw<ArgumentException>().WithMessage("*S3Files-LostAndFoundFiles*");
    }

    [Fact]
    public void Constructor_UnknownMetricName_Throws()
    {
        var act = () => new AlarmEvaluator([new MetricAlarm { AlarmName = "x", MetricName = "FailedExports" }]);

        act.Should().Throw<ArgumentException>().WithMessage("*FailedExports*");
    }

    [Fact]
    public void Constructor_DatapointsToAlarmAboveEvaluationPeriods_Throws()
    {
        var act = () => new AlarmEvaluator([new MetricAlarm { AlarmName = "x", MetricName = "Inodes", EvaluationPeriods = 2, DatapointsToAlarm = 3 }]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void GetState_UnknownAlarm_Throws()
    {
        var evaluator = new AlarmEvaluator(MetricAlarm.Recommended);

        var act = () => evaluator.GetState("nope");

        act.Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void Recommended_IsTheDocumentedSet()
    {
        MetricAlarm.Recommended.Select(a => (a.MetricName, a.ComparisonOperator, a.Threshold, a.EvaluationPeriods, a.EffectiveDatapointsToAlarm))
            .Should().Equal(
                ("LostAndFoundFiles", ComparisonOperator.GreaterThanThreshold, 0.0, 1, 1),
                ("ExportFailures", ComparisonOperator.GreaterThanThreshold, 0.0, 1, 1),
                ("ImportFailures", ComparisonOperator.GreaterThanThreshold, 0.0, 1, 1),
                ("PendingExports", ComparisonOperator.GreaterThanThreshold, 0.0, 10, 10));
    }

    private FileSystemMetrics Next() => new()
    {
        FileSystemId = "fs-0123456789abcdef0",
        Timestamp = VirtualClock.DefaultStart.AddMinutes(_minute++),
        Period = TimeSpan.FromMinutes(1),
    };
}
