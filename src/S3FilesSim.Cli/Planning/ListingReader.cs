using System.Globalization;

namespace S3FilesSim.Cli.Planning;

/// <summary>
/// Reads the text output of <c>aws s3 ls s3://bucket --recursive</c> (optionally with <c>--summarize</c>): one object per
/// line, <c>YYYY-MM-DD HH:MM:SS</c>, the size in bytes right-aligned, one space, the key
/// (https://docs.aws.amazon.com/cli/latest/reference/s3/ls.html).
/// </summary>
internal static class ListingReader
{
    /// <summary>Reads <paramref name="path"/> into <paramref name="dataset"/>.</summary>
    /// <param name="path">The listing file.</param>
    /// <param name="dataset">Receives the objects and the problems.</param>
    /// <param name="strict">Stop at the first unparsable line instead of skipping it.</param>
    /// <exception cref="CliException">The file cannot be read, or (strict) a line cannot be parsed.</exception>
    public static void Read(string path, Dataset dataset, bool strict)
    {
        try
        {
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
            long number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (Parse(line, out var key, out var size) is { } problem)
                {
                    dataset.AddProblem(number, problem);
                    if (strict)
                    {
                        throw new CliException($"{path} line {number}: {problem} (without --strict such lines are skipped)");
                    }

                    continue;
                }

                if (size >= 0)
                {
                    dataset.Add(line.AsSpan(key), size);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read the listing '{path}': {exception.Message}");
        }
    }

    /// <summary>Parses one line: the key's start index and the size, a size of -1 for lines to ignore (blank,
    /// <c>--summarize</c> totals), or a problem.</summary>
    internal static string? Parse(string line, out int keyStart, out long size)
    {
        keyStart = 0;
        size = -1;
        var text = line.AsSpan();
        var trimmed = text.Trim();
        if (trimmed.IsEmpty || trimmed.StartsWith("Total Objects:", StringComparison.Ordinal) || trimmed.StartsWith("Total Size:", StringComparison.Ordinal))
        {
            return null;
        }

        if (trimmed.StartsWith("PRE ", StringComparison.Ordinal))
        {
            return "a 'PRE' line: the listing was made without --recursive, so objects under this prefix are missing";
        }

        if (text.Length < 21 || !DateTime.TryParseExact(text[..19], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return "expected 'YYYY-MM-DD HH:MM:SS  SIZE KEY' (the output of aws s3 ls --recursive)";
        }

        var position = 19;
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }

        var digits = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        if (position == digits || position >= text.Length || text[position] != ' ' || position + 1 >= text.Length)
        {
            return "expected a size in bytes and a key after the date and time";
        }

        if (!long.TryParse(text[digits..position], NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
            size = -1;
            return "the size does not fit in 64 bits";
        }

        keyStart = position + 1;
        return null;
    }
}
