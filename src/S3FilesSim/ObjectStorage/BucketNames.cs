using System.Net;

namespace S3FilesSim.ObjectStorage;

/// <summary>The general purpose bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html),
/// for adapters and options that name a bucket.</summary>
public static class BucketNames
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>Returns why <paramref name="name"/> is not a valid bucket name, or <see langword="null"/> when it is.</summary>
    /// <param name="name">The bucket name.</param>
    /// <returns>A phrase that completes "the name ...", e.g. <c>must be 3 to 63 characters long</c>; <see langword="null"/> for a valid name.</returns>
    public static string? Problem(string? name)
    {
        if (name is null || name.Length is < 3 or > 63)
        {
            return "must be 3 to 63 characters long";
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
            {
                return "may contain only lowercase letters, digits, dots and hyphens";
            }
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return "must begin and end with a letter or digit";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "must not contain two adjacent dots";
        }

        if (name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out _))
        {
            return "must not be formatted as an IP address";
        }

        if (ReservedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) || ReservedSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            return "must not use a reserved prefix or suffix";
        }

        return null;
    }
}
