namespace S3FilesSim.Import;

/// <summary>Completes an object-store call inside the file system's lock (the in-memory bucket always completes synchronously).</summary>
internal static class StoreCall
{
    /// <summary>Returns the result of <paramref name="call"/>, waiting for it when it did not complete synchronously.</summary>
    public static T Complete<T>(ValueTask<T> call) => call.IsCompletedSuccessfully ? call.Result : call.AsTask().GetAwaiter().GetResult();
}
