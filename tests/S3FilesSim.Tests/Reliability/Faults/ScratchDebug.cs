using Xunit;
using Xunit.Abstractions;

namespace S3FilesSim.Tests.Reliability.Faults;

public sealed class ScratchDebug(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    public async Task Dump(int seed)
    {
        var trace = new List<string>();
        var result = await FaultRun.RunAsync(new FaultProfile("SlowDown") { Rules = [new S3FilesSim.ObjectStorage.ObjectStoreFaultRule { ErrorCode = S3FilesSim.ObjectStorage.S3ErrorCode.SlowDown, Probability = 0.2 }] }, seed, 150, trace);
        foreach (var line in trace) output.WriteLine(line);
        foreach (var v in result.Violations) output.WriteLine("VIOLATION " + v);
    }
}
