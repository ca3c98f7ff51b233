using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>One row of a bad-input table: the hostile input, the documented outcome, and the call that feeds it.</summary>
/// <param name="Input">A unique description of the entry point and the input.</param>
/// <param name="Expected">The errno name, S3 error code, exception type name, or <c>ok…</c> result the call must produce.</param>
/// <param name="Act">Feeds the input; returns a description of the result when the call does not throw.</param>
internal sealed record BadInputCase(string Input, string Expected, Func<BadInputWorld, Task<string>> Act)
{
    public const string Ok = "ok";

    /// <summary>A row whose call returns nothing: it succeeds as <see cref="Ok"/>.</summary>
    public static BadInputCase Fails(string input, string expected, Func<BadInputWorld, Task> act) =>
        new(input, expected, async w =>
        {
            await act(w);
            return Ok;
        });

    /// <summary>Runs a synchronous call as a completed task, so its exception is the row's outcome.</summary>
    public static Task Run(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    /// <summary>A row whose call describes its result (a status, a count) when it does not throw.</summary>
    public static BadInputCase Returns(string input, string expected, Func<BadInputWorld, Task<string>> act) => new(input, expected, act);

    /// <summary>Runs the call and reduces its outcome to a comparable string: the errno, the S3 error code, the exception type, or the returned description.</summary>
    public async Task<string> RunAsync(BadInputWorld world)
    {
        try
        {
            return await Act(world);
        }
        catch (FileSystemException e)
        {
            return e.Errno.ToString();
        }
        catch (ObjectStoreException e)
        {
            return e.ErrorCode;
        }
        catch (OperationCanceledException)
        {
            return nameof(OperationCanceledException);
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }
}

/// <summary>A table of rows, indexed by input, exposed as xunit theory data of (input, expected).</summary>
internal sealed class BadInputTable
{
    private readonly Dictionary<string, BadInputCase> _cases = new(StringComparer.Ordinal);

    public BadInputTable(IEnumerable<BadInputCase> cases)
    {
        foreach (var row in cases)
        {
            _cases.Add(row.Input, row);
        }
    }

    public int Count => _cases.Count;

    public BadInputCase this[string input] => _cases[input];

    public TheoryData<string, string> ToTheoryData()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in _cases.Values)
        {
            data.Add(row.Input, row.Expected);
        }

        return data;
    }

    /// <summary>Builds a fresh world, feeds the row's input and returns the outcome with the state before and after.</summary>
    public async Task<(string Outcome, IReadOnlyList<string> Before, IReadOnlyList<string> After)> RunAsync(string input)
    {
        await using var world = await BadInputWorld.CreateAsync();
        await StateSnapshot.CaptureAsync(world);
        var before = await StateSnapshot.CaptureAsync(world);
        var outcome = await _cases[input].RunAsync(world);
        var after = await StateSnapshot.CaptureAsync(world);
        return (outcome, before, after);
    }
}
