namespace S3FilesSim.Server.S3;

/// <summary>The query string of an S3 request, parsed once from the raw request target: parameter names as sent (S3's
/// sub-resources are case-sensitive), values percent-decoded (<c>+</c> read as a space, as S3 does).</summary>
internal sealed class S3Query
{
    private readonly List<KeyValuePair<string, string>> _parameters;

    private S3Query(List<KeyValuePair<string, string>> parameters, string raw)
    {
        _parameters = parameters;
        Raw = raw;
    }

    /// <summary>Gets the raw query string without the leading <c>?</c>.</summary>
    public string Raw { get; }

    /// <summary>Gets the parameters in the order sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

    public static S3Query Parse(string raw)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            parameters.Add(new(Decode(name), Decode(value)));
        }

        return new S3Query(parameters, raw);
    }

    /// <summary>Percent-decodes a query component, reading <c>+</c> as a space.</summary>
    public static string Decode(string component) =>
        component.Length == 0 ? component : Uri.UnescapeDataString(component.Contains('+', StringComparison.Ordinal) ? component.Replace('+', ' ') : component);

    public bool Has(string name)
    {
        foreach (var parameter in _parameters)
        {
            if (parameter.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the first value of <paramref name="name"/>, or <see langword="null"/> when absent.</summary>
    public string? Get(string name)
    {
        foreach (var parameter in _parameters)
        {
            if (parameter.Key == name)
            {
                return parameter.Value;
            }
        }

        return null;
    }

    /// <summary>Returns the integer value of <paramref name="name"/> within [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="absent"/>.</summary>
    /// <exception cref="S3Exception"><c>InvalidArgument</c>: not an integer, or out of range.</exception>
    public int GetInt(string name, int absent, int min = 0, int max = int.MaxValue)
    {
        if (Get(name) is not { } text)
        {
            return absent;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new S3Exception(S3Error.InvalidArgument, $"Provided {name} not an integer or within integer range [{min}, {max}].")
                .With("ArgumentName", name).With("ArgumentValue", text);
        }

        return value;
    }
}
