using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;

namespace S3FilesSim.TestSupport.Posix;

/// <summary>
/// Base of test classes written once against <see cref="IFileSystem"/>: a subclass provides <see cref="MountAsync"/>,
/// each test gets a fresh mount over an empty root directory, disposed after the test.
/// </summary>
public abstract class FileSystemTestBase : IAsyncLifetime
{
    private IFileSystem? _fileSystem;

    /// <summary>Gets the mount under test.</summary>
    protected IFileSystem Fs => _fileSystem ?? throw new InvalidOperationException("The mount is created in InitializeAsync.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _fileSystem = await MountAsync();

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_fileSystem is not null)
        {
            await _fileSystem.DisposeAsync();
        }
    }

    /// <summary>Mounts the implementation under test over an empty root directory owned by the mount's user.</summary>
    /// <returns>The mount; disposed after the test.</returns>
    protected abstract Task<IFileSystem> MountAsync();

    /// <summary>Asserts that <paramref name="call"/> fails with a <see cref="FileSystemException"/> carrying <paramref name="errno"/>.</summary>
    /// <param name="errno">The expected errno.</param>
    /// <param name="call">The call.</param>
    /// <returns>The exception.</returns>
    protected static async Task<FileSystemException> ExpectErrnoAsync(Errno errno, Func<Task> call)
    {
        var exception = (await FluentActions.Awaiting(call).Should().ThrowAsync<FileSystemException>()).Which;
        exception.Errno.Should().Be(errno, exception.Message);
        return exception;
    }

    /// <summary>Asserts that <paramref name="call"/> fails with <paramref name="errno"/>.</summary>
    /// <param name="errno">The expected errno.</param>
    /// <param name="call">The call.</param>
    /// <returns>The exception.</returns>
    protected static Task<FileSystemException> ExpectErrnoAsync(Errno errno, Func<ValueTask> call) =>
        ExpectErrnoAsync(errno, () => call().AsTask());

    /// <summary>Asserts that <paramref name="call"/> fails with <paramref name="errno"/>.</summary>
    /// <typeparam name="T">The call's result type.</typeparam>
    /// <param name="errno">The expected errno.</param>
    /// <param name="call">The call.</param>
    /// <returns>The exception.</returns>
    protected static Task<FileSystemException> ExpectErrnoAsync<T>(Errno errno, Func<ValueTask<T>> call) =>
        ExpectErrnoAsync(errno, () => call().AsTask());

    /// <summary>Returns the UTF-8 bytes of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The bytes.</returns>
    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Creates or truncates <paramref name="path"/> and writes <paramref name="text"/> with open, write and close.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="text">The contents.</param>
    /// <returns>A task that completes when the file is closed.</returns>
    protected async Task WriteFileAsync(string path, string text)
    {
        var handle = await Fs.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate);
        await Fs.WriteAsync(handle, Bytes(text));
        await Fs.CloseAsync(handle);
    }

    /// <summary>Reads the whole file at <paramref name="path"/> with open, fstat, pread and close.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The bytes.</returns>
    protected async Task<byte[]> ReadBytesAsync(string path)
    {
        var handle = await Fs.OpenAsync(path, OpenFlags.ReadOnly);
        var buffer = new byte[(await Fs.FstatAsync(handle)).Size];
        var read = await Fs.ReadAsync(handle, buffer, 0);
        await Fs.CloseAsync(handle);
        return buffer[..read];
    }

    /// <summary>Reads the whole file at <paramref name="path"/> as UTF-8.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The text.</returns>
    protected async Task<string> ReadFileAsync(string path) => Encoding.UTF8.GetString(await ReadBytesAsync(path));
}
