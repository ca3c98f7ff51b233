namespace S3FilesSim.Tests.Reliability.Model;

/// <summary>
/// Shrinks a failing operation list (delta debugging): removes ever smaller chunks, then single operations, keeping a
/// removal whenever the shorter list still fails. Every sub-list is a valid run because the model predicts the outcome
/// of any operation in any state.
/// </summary>
internal static class DeltaMinimiser
{
    public static async Task<List<T>> MinimiseAsync<T>(IReadOnlyList<T> failing, Func<List<T>, Task<bool>> fails, int maxAttempts = 3_000)
    {
        var current = failing.ToList();
        var attempts = 0;
        for (var chunk = Math.Max(1, current.Count / 2); chunk >= 1 && attempts < maxAttempts; chunk = chunk == 1 ? 0 : Math.Max(1, chunk / 2))
        {
            bool removed;
            do
            {
                removed = false;
                for (var start = 0; start < current.Count && attempts < maxAttempts; start += chunk)
                {
                    var candidate = current.Take(start).Concat(current.Skip(start + chunk)).ToList();
                    attempts++;
                    if (candidate.Count < current.Count && await fails(candidate).ConfigureAwait(false))
                    {
                        current = candidate;
                        removed = true;
                        start -= chunk;
                    }
                }
            }
            while (removed && chunk == 1 && attempts < maxAttempts);
        }

        return current;
    }
}
