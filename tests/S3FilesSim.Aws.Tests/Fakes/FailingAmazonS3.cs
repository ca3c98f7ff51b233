using System.Reflection;
using Amazon.S3;

namespace S3FilesSim.Aws.Tests.Fakes;

/// <summary>An <see cref="IAmazonS3"/> whose every call fails with one exception, to test error translation without a server.</summary>
public class FailingAmazonS3 : DispatchProxy
{
    private static readonly MethodInfo FromException = typeof(Task).GetMethods()
        .Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);

    private Exception _error = new InvalidOperationException("No error configured.");

    /// <summary>Gets the number of calls made.</summary>
    public int Calls { get; private set; }

    /// <summary>Creates a client whose calls fail with <paramref name="error"/>.</summary>
    /// <param name="error">The exception every call returns as a faulted task.</param>
    /// <returns>The client.</returns>
    public static IAmazonS3 Create(Exception error)
    {
        var client = DispatchProxy.Create<IAmazonS3, FailingAmazonS3>();
        ((FailingAmazonS3)(object)client)._error = error;
        return client;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls++;
        var returnType = targetMethod.ReturnType;
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return FromException.MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(null, [_error]);
        }

        return returnType == typeof(void) ? null : throw new NotSupportedException($"{targetMethod.Name} is not faked.");
    }
}
