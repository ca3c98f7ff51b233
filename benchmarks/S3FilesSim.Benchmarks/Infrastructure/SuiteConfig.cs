using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace S3FilesSim.Benchmarks.Infrastructure;

/// <summary>
/// The configuration <c>Program.cs</c> passes to <see cref="BenchmarkDotNet.Running.BenchmarkSwitcher"/>: BenchmarkDotNet's
/// defaults plus, unless the command line names a job (<c>--job Dry</c>, <c>--job Short</c>, ...), the <see cref="FullRun"/> job.
/// </summary>
public static class SuiteConfig
{
    /// <summary>Gets the job of a full run: one launch, 3 warm-up and 10 measured iterations of at least 250 ms each, so
    /// the whole suite finishes in under 30 minutes on two cores while the error stays a few percent of the mean.</summary>
    public static Job FullRun { get; } = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
        .WithId("FullRun");

    /// <summary>Returns the configuration for <paramref name="args"/>.</summary>
    /// <param name="args">The command-line arguments given to the benchmark program.</param>
    /// <returns>The default configuration, with <see cref="FullRun"/> added when no job is named on the command line.</returns>
    public static IConfig For(IReadOnlyCollection<string> args) =>
        args.Any(arg => arg is "--job" or "-j" || arg.StartsWith("--job=", StringComparison.Ordinal))
            ? DefaultConfig.Instance
            : DefaultConfig.Instance.AddJob(FullRun);
}
