using Xunit;
using Xunit.Abstractions;

namespace S3FilesSim.Tests.Reliability.Model;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Scratch40()
    {
        var d = await ModelRun.RunAsync(40, [new PutObject("b/c/b", "s236eshxor", 0x1A4 /* 0644 */, 1000),
     new Mkdir(0, "/a", 0x1C0 /* 0700 */),
     new Advance(60),
     new Mkdir(0, "/a/c", 0x1ED /* 0755 */),
     new PutObject("a/c/a", "s288ffa", 0x1ED /* 0755 */, 1000),
     new Rename(0, "/b/c/b", "/a/c/a")]);
        output.WriteLine(d?.Message ?? "none");
        Assert.Fail(d?.Message ?? "none");
    }
}
