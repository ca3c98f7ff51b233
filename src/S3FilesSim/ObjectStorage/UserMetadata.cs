using System.Diagnostics.CodeAnalysis;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// The user metadata of one stored object version: a small read-only map with lower-case names, looked up
/// case-insensitively (S3 returns <c>x-amz-meta-*</c> names in lower case), in the order the names were first given.
/// </summary>
/// <remarks>Every stored version keeps one, so it is two arrays instead of a dictionary: S3 Files writes five POSIX
/// entries per object, and the bucket keeps every version.</remarks>
internal sealed class UserMetadata : IReadOnlyDictionary<string, string>
{
    private readonly string[] _names;
    private readonly string[] _values;

    private UserMetadata(string[] names, string[] values)
    {
        _names = names;
        _values = values;
    }

    /// <inheritdoc />
    public int Count => _names.Length;

    /// <inheritdoc />
    /// <remarks>Read-only views: the arrays belong to a stored version, which no caller may change.</remarks>
    public IEnumerable<string> Keys => Array.AsReadOnly(_names);

    /// <inheritdoc />
    public IEnumerable<string> Values => Array.AsReadOnly(_values);

    /// <inheritdoc />
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The metadata has no entry '{key}'.");

    /// <summary>Copies <paramref name="metadata"/> with lower-case names; a later name equal to an earlier one but for case replaces its value.</summary>
    /// <param name="metadata">The names and values, none null or empty-named (the caller checks).</param>
    /// <returns>The copy.</returns>
    public static UserMetadata Copy(IReadOnlyDictionary<string, string> metadata)
    {
        var names = new string[metadata.Count];
        var values = new string[metadata.Count];
        var count = 0;
        foreach (var (name, value) in metadata)
        {
            var lower = name.ToLowerInvariant();
            var index = Array.IndexOf(names, lower, 0, count);
            if (index >= 0)
            {
                values[index] = value;
            }
            else
            {
                names[count] = lower;
                values[count++] = value;
            }
        }

        return count == names.Length ? new UserMetadata(names, values) : new UserMetadata(names[..count], values[..count]);
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return new KeyValuePair<string, string>(_names[i], _values[i]);
        }
    }

    /// <inheritdoc />
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
