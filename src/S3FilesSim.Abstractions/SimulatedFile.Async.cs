using System.Runtime.CompilerServices;
using System.Text;

namespace S3FilesSim.Abstractions;

/// <content>The asynchronous File members: they await the simulator's calls and never block a thread.</content>
internal sealed partial class SimulatedFile
{
    public Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<byte[]>(cancellationToken)
            : ReadAllBytesCoreAsync(path, FileOptions.Asynchronous, cancellationToken).AsTask();
    }

    public Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return WriteAllBytesAsync(path, bytes.AsMemory(), cancellationToken);
    }

    public Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled(cancellationToken)
            : WriteBytesCoreAsync(path, FileMode.Create, bytes, FileOptions.Asynchronous, cancellationToken).AsTask();
    }

    public Task AppendAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return AppendAllBytesAsync(path, bytes.AsMemory(), cancellationToken);
    }

    public Task AppendAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled(cancellationToken)
            : WriteBytesCoreAsync(path, FileMode.Append, bytes, FileOptions.Asynchronous, cancellationToken).AsTask();
    }

    public Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken = default) => ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);

    public Task<string> ReadAllTextAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        Validate(path, encoding);
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled<string>(cancellationToken) : Core();

        async Task<string> Core()
        {
            using var reader = await DecodeAsync(path, encoding, cancellationToken).ConfigureAwait(false);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<string[]> ReadAllLinesAsync(string path, CancellationToken cancellationToken = default) => ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken);

    public Task<string[]> ReadAllLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        Validate(path, encoding);
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled<string[]>(cancellationToken) : Core();

        async Task<string[]> Core()
        {
            using var reader = await DecodeAsync(path, encoding, cancellationToken).ConfigureAwait(false);
            var lines = new List<string>();
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lines.Add(line);
            }

            return [.. lines];
        }
    }

    public IAsyncEnumerable<string> ReadLinesAsync(string path, CancellationToken cancellationToken = default) => ReadLinesAsync(path, Encoding.UTF8, cancellationToken);

    public IAsyncEnumerable<string> ReadLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        Validate(path, encoding);
        var reader = Reader(path, encoding);
        return Lines(reader, cancellationToken);

        static async IAsyncEnumerable<string> Lines(StreamReader reader, CancellationToken enumerableToken, [EnumeratorCancellation] CancellationToken enumeratorToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(enumerableToken, enumeratorToken);
            using (reader)
            {
                while (await reader.ReadLineAsync(linked.Token).ConfigureAwait(false) is { } line)
                {
                    yield return line;
                }
            }
        }
    }

    public Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents.AsMemory(), Utf8NoBom, cancellationToken);

    public Task WriteAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents.AsMemory(), encoding, cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        TextAsync(path, FileMode.Create, contents, encoding, cancellationToken);

    public Task AppendAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, contents.AsMemory(), Utf8NoBom, cancellationToken);

    public Task AppendAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, contents.AsMemory(), encoding, cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        TextAsync(path, FileMode.Append, contents, encoding, cancellationToken);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        WriteAllLinesAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        LinesAsync(path, append: false, contents, encoding, cancellationToken);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        AppendAllLinesAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        LinesAsync(path, append: true, contents, encoding, cancellationToken);

    private Task TextAsync(string path, FileMode mode, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken)
    {
        Validate(path, encoding);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var bytes = new byte[encoding.GetMaxByteCount(contents.Length)];
        var count = encoding.GetBytes(contents.Span, bytes);
        return WriteTextCoreAsync(path, mode, bytes.AsMemory(0, count), encoding, contents.IsEmpty, FileOptions.Asynchronous, cancellationToken).AsTask();
    }

    private Task LinesAsync(string path, bool append, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken)
    {
        Validate(path, encoding);
        ArgumentNullException.ThrowIfNull(contents);
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Core();

        async Task Core()
        {
            var stream = await _streams.OpenAsync(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, SimulatedFileStreamFactory.DefaultBufferSize, FileOptions.Asynchronous, cancellationToken).ConfigureAwait(false);
            var writer = new StreamWriter(stream, encoding) { NewLine = "\n" };
            await using (writer.ConfigureAwait(false))
            {
                foreach (var line in contents)
                {
                    await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A reader over the file's bytes, read asynchronously in one go (byte order marks detected).</summary>
    private async Task<StreamReader> DecodeAsync(string path, Encoding encoding, CancellationToken cancellationToken)
    {
        var bytes = await ReadAllBytesCoreAsync(path, FileOptions.Asynchronous, cancellationToken).ConfigureAwait(false);
        return new StreamReader(new MemoryStream(bytes, writable: false), encoding, detectEncodingFromByteOrderMarks: true);
    }
}
