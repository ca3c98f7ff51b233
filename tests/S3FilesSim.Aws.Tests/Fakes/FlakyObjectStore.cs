using System.Reflection;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws.Tests.Fakes;

/// <summary>An <see cref="IObjectStore"/> that forwards to another one, except that the next listing calls fail with a retryable <c>SlowDown</c>.</summary>
public class FlakyObjectStore : DispatchProxy
{
    private IObjectStore _inner = null!;

    /// <summary>Gets or sets how many of the next listing calls fail.</summary>
    public int FailingListings { get; set; }

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The store to forward to.</param>
    /// <returns>The wrapper and its control.</returns>
    public static (IObjectStore Store, FlakyObjectStore Control) Wrap(IObjectStore inner)
    {
        var store = DispatchProxy.Create<IObjectStore, FlakyObjectStore>();
        var control = (FlakyObjectStore)(object)store;
        control._inner = inner;
        return (store, control);
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name.StartsWith("List", StringComparison.Ordinal) && FailingListings > 0)
        {
            FailingListings--;
            throw new ObjectStoreException(S3ErrorCode.SlowDown, 503, "Please reduce your request rate.");
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
