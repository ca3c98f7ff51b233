using System.Globalization;
using System.Text;

namespace S3FilesSim.Tests.Reliability.Model;

/// <summary>One step of a reference-model run; <see cref="object.ToString"/> prints it as C# that rebuilds the step.</summary>
internal abstract record ModelOp
{
    /// <summary>Formats a constructor call: <c>new Name(arg, ...)</c>, strings as C# literals.</summary>
    protected static string Code(string name, params object?[] args) =>
        $"new {name}({string.Join(", ", args.Select(Literal))})";

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => Quote(text),
        Raw raw => raw.Text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    /// <summary>Formats a permission mode as a C# integer literal with its octal value in a comment.</summary>
    protected static object Octal(int mode) => new Raw(string.Create(CultureInfo.InvariantCulture, $"0x{mode:X} /* 0{Convert.ToString(mode, 8)} */"));

    /// <summary>Formats a boolean as C#.</summary>
    protected static object Bool(bool value) => new Raw(value ? "true" : "false");

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\0' => "\\0",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private sealed record Raw(string Text);
}

/// <summary>A file-system operation through mount <see cref="Mount"/> (0 or 1).</summary>
internal abstract record FsOp(int Mount) : ModelOp
{
    /// <summary>Gets the paths the operation reads or changes.</summary>
    public abstract IReadOnlyList<string> Paths { get; }
}

/// <summary><c>open(O_WRONLY|O_CREAT[|O_EXCL], mode)</c> then <c>close</c>.</summary>
internal sealed record Create(int Mount, string Path, int Mode, bool Exclusive) : FsOp(Mount)
{
    public override IReadOnlyList<string> Paths => [Path];

    public override string ToString() => Code(nameof(Create), Mount, Path, Octal(Mode), Bool(Exclusive));
}

/// <summary><c>open(O_WRONLY)</c>, <c>pwrite(data, offset)</c>, <c>close</c>.</summary>
internal sealed record Write(int Mount, string Path, int Offset, string Data) : FsOp(Mount)
{
    public override IReadOnlyList<string> Paths => [Path];

    public override string ToString() => Code(nameof(Write), Mount, Path, Offset, Data);
}

/// <summary><c>truncate(path, length)</c>.</summary>
internal sealed record Truncate(int Mount, string Path, int Length) : FsOp(Mount)
{
    public override IReadOnlyList<string> Paths => [Path];

    public override string ToString() => Code(nameof(Truncate), Mount, Path, Length);
}

/// <summary><c>rename(from, to)</c>.</summary>
internal sealed record Rename(int Mount, string From, string To) : FsOp(Mount)
{
    public override IReadOnlyList<string> Paths => [From, To];

    public override string ToString() => Code(nameof(Rename), Mount, From, To);
}

/// <summary><c>unlink(path)</c>.</summary>
internal sealed record Unlink(int Mount, string Path) : FsOp(Mount)
{
    public override IReadOnlyList<string> Paths => [Path];

    public override string ToString() => Code(nameof(Unlink), Mount, Path);
}

/// <summary><c>mkdir(path, mode)</c>.</summary>
internal sealed record Mkdir(int Mount, string Path, int Mode) : FsOp(Mount)
{
    public override IReadOnlyList<string> Paths => [Path];

    public override string ToString() => Code(nameof(Mkdir), Mount, Path, Octal(Mode));
}

/// <summary><c>rmdir(path)</c>.</summary>
internal sealed record Rmdir(int Mount, string Path) : FsOp(Mount)
{
    public override IReadOnlyList<string> Paths => [Path];

    public override string ToString() => Code(nameof(Rmdir), Mount, Path);
}

/// <summary><c>chmod(path, mode)</c>.</summary>
internal sealed record Chmod(int Mount, string Path, int Mode) : FsOp(Mount)
{
    public override IReadOnlyList<string> Paths => [Path];

    public override string ToString() => Code(nameof(Chmod), Mount, Path, Octal(Mode));
}

/// <summary><c>symlink(target, path)</c>; targets point below <c>/zz</c>, which never exists, so links always dangle.</summary>
internal sealed record Symlink(int Mount, string Target, string Path) : FsOp(Mount)
{
    public override IReadOnlyList<string> Paths => [Path];

    public override string ToString() => Code(nameof(Symlink), Mount, Target, Path);
}

/// <summary>Another client's PutObject on the bucket; <see cref="Mode"/> null writes no POSIX metadata.</summary>
internal sealed record PutObject(string Key, string Data, int? Mode, int Owner) : ModelOp
{
    public override string ToString() => Code(nameof(PutObject), Key, Data, Mode is { } mode ? Octal(mode) : null, Owner);
}

/// <summary>Another client's DeleteObject on the bucket.</summary>
internal sealed record DeleteObject(string Key) : ModelOp
{
    public override string ToString() => Code(nameof(DeleteObject), Key);
}

/// <summary>Another client's CopyObject on the bucket (metadata copied).</summary>
internal sealed record CopyObject(string Source, string Destination) : ModelOp
{
    public override string ToString() => Code(nameof(CopyObject), Source, Destination);
}

/// <summary>Advances virtual time by <see cref="Seconds"/>; nothing is compared afterwards.</summary>
internal sealed record Advance(double Seconds) : ModelOp
{
    public override string ToString() => Code(nameof(Advance), Seconds);
}

/// <summary>Advances virtual time past the commit delay, event delays and the exports they cause, then compares everything.</summary>
internal sealed record Quiet : ModelOp
{
    public override string ToString() => "new Quiet()";
}
