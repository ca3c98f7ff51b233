namespace S3FilesSim.Export;

/// <summary>
/// Thrown under the file system's lock by a step that needs bucket data it does not hold yet, before it changed
/// anything. The caller releases the lock, runs <see cref="FetchAsync"/> (the bucket call, outside the lock; its result
/// or its error is kept where the step looks for it), and runs the step again: the plan, I/O, commit pattern, with the
/// step itself as the plan and the check that nothing it planned on changed.
/// </summary>
internal abstract class BucketFetchRequiredException() : Exception("A bucket call must be made outside the file system's lock first.")
{
    /// <summary>Makes the bucket call outside the lock and keeps its outcome for the step's next run.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the outcome is kept (a store error is kept, not thrown).</returns>
    public abstract ValueTask FetchAsync(CancellationToken cancellationToken);
}
