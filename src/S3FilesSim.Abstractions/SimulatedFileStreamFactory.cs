using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace S3FilesSim.Abstractions;

/// <summary><c>new FileStream(...)</c> over the mount, with FileStream's argument checks and defaults
/// (buffer 4,096 bytes, <see cref="FileShare.Read"/>).</summary>
internal sealed class SimulatedFileStreamFactory(SimulatedFileSystem fileSystem) : IFileStreamFactory
{
    public const int DefaultBufferSize = 4096;
    private readonly MountContext _context = fileSystem.Context;

    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    public FileSystemStream New(SafeFileHandle handle, FileAccess access) => throw SimulatedFileSystem.NoSafeFileHandle();

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => throw SimulatedFileSystem.NoSafeFileHandle();

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => throw SimulatedFileSystem.NoSafeFileHandle();

    public FileSystemStream New(string path, FileMode mode) =>
        New(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.Read);

    public FileSystemStream New(string path, FileMode mode, FileAccess access) => New(path, mode, access, FileShare.Read);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) =>
        Open(path, mode, access, share, DefaultBufferSize, FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) =>
        Open(path, mode, access, share, bufferSize, FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) =>
        Open(path, mode, access, share, bufferSize, useAsync ? FileOptions.Asynchronous : FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) =>
        Open(path, mode, access, share, bufferSize, options);

    public FileSystemStream New(string path, FileStreamOptions options) => Open(path, options);

    /// <summary>A real <see cref="FileStream"/> is a file on the real disk, which the adapter never reaches.</summary>
    public FileSystemStream Wrap(FileStream fileStream) => throw new NotSupportedException(
        "A System.IO.FileStream is a file on the real disk; the adapter over the simulated S3 Files mount cannot wrap it. Open the file through the adapter instead.");

    /// <summary><c>new FileStream(path, FileStreamOptions)</c>.</summary>
    public FileSystemStream Open(string path, FileStreamOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        if ((options.Access & FileAccess.Read) != 0 && options.Mode == FileMode.Append)
        {
            throw new ArgumentException(SystemIOMessages.InvalidAppendMode, nameof(options));
        }

        if ((options.Access & FileAccess.Write) == 0 && options.Mode is FileMode.Truncate or FileMode.CreateNew or FileMode.Create or FileMode.Append)
        {
            throw new ArgumentException(SystemIOMessages.Format(SystemIOMessages.InvalidFileModeAndAccessCombo, options.Mode, options.Access), nameof(options));
        }

        if (options.PreallocationSize > 0)
        {
            ValidatePreallocation(options.Mode, options.Access);
        }

        if (options.UnixCreateMode.HasValue && options.Mode is FileMode.Truncate or FileMode.Open)
        {
            throw new ArgumentException(SystemIOMessages.InvalidUnixCreateMode, nameof(options));
        }

        return OpenCore(path, options.Mode, options.Access, options.Share, options.BufferSize, options.Options, options.UnixCreateMode);
    }

    /// <summary><c>new FileStream(path, mode, access, share, bufferSize, options)</c>.</summary>
    public FileSystemStream Open(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options)
    {
        Validate(path, mode, access, share, bufferSize, options);
        return OpenCore(path, mode, access, share, bufferSize, options, null);
    }

    /// <summary>Opens asynchronously (FileStream's constructor is synchronous; the async File members use this).</summary>
    public async ValueTask<MountStream> OpenAsync(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options, CancellationToken cancellationToken)
    {
        Validate(path, mode, access, share, bufferSize, options);
        var fullPath = _context.GetFullPath(path);
        var file = await OpenedFile.OpenAsync(_context, fullPath, mode, access, share, options, null, null, cancellationToken).ConfigureAwait(false);
        try
        {
            var position = mode == FileMode.Append ? await file.GetLengthAsync(cancellationToken).ConfigureAwait(false) : 0;
            return new MountStream(_context, file, bufferSize, position, mode == FileMode.Append);
        }
        catch
        {
            await file.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private SimulatedFileStream OpenCore(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options, UnixFileMode? createMode)
    {
        var fullPath = _context.GetFullPath(path);
        var file = _context.Wait(OpenedFile.OpenAsync(_context, fullPath, mode, access, share, options, createMode));
        try
        {
            var position = mode == FileMode.Append ? _context.Wait(file.GetLengthAsync()) : 0;
            return new SimulatedFileStream(new MountStream(_context, file, bufferSize, position, mode == FileMode.Append), (options & FileOptions.Asynchronous) != 0);
        }
        catch
        {
            _context.Wait(file.CloseAsync());
            throw;
        }
    }

    /// <summary>FileStreamHelpers.ValidateArguments.</summary>
    private static void Validate(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var shareWithoutInheritable = share & ~FileShare.Inheritable;
        string? bad = null;
        if (mode is < FileMode.CreateNew or > FileMode.Append)
        {
            bad = nameof(mode);
        }
        else if (access is < FileAccess.Read or > FileAccess.ReadWrite)
        {
            bad = nameof(access);
        }
        else if (shareWithoutInheritable is < FileShare.None or > (FileShare.ReadWrite | FileShare.Delete))
        {
            bad = nameof(share);
        }

        if (bad is not null)
        {
            throw new ArgumentOutOfRangeException(bad, SystemIOMessages.EnumOutOfRange);
        }

        const FileOptions invalid = (FileOptions)0x01FFBFFF; // bits 0 to 24 except Encrypted, as FileStreamHelpers.AreInvalid
        if ((options & invalid) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), SystemIOMessages.EnumOutOfRange);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bufferSize);
        if ((access & FileAccess.Write) == 0 && mode is FileMode.Truncate or FileMode.CreateNew or FileMode.Create or FileMode.Append)
        {
            throw new ArgumentException(SystemIOMessages.Format(SystemIOMessages.InvalidFileModeAndAccessCombo, mode, access), nameof(access));
        }

        if ((access & FileAccess.Read) != 0 && mode == FileMode.Append)
        {
            throw new ArgumentException(SystemIOMessages.InvalidAppendMode, nameof(access));
        }
    }

    private static void ValidatePreallocation(FileMode mode, FileAccess access)
    {
        if ((access & FileAccess.Write) == 0)
        {
            throw new ArgumentException(SystemIOMessages.InvalidPreallocateAccess, nameof(access));
        }

        if (mode is not (FileMode.Create or FileMode.CreateNew))
        {
            throw new ArgumentException(SystemIOMessages.InvalidPreallocateMode, nameof(mode));
        }
    }
}
