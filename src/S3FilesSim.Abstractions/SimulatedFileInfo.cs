using System.IO.Abstractions;
using System.Text;

namespace S3FilesSim.Abstractions;

/// <summary><see cref="FileInfo"/> over the mount.</summary>
internal sealed class SimulatedFileInfo : SimulatedFileSystemInfo, IFileInfo
{
    private string? _name;

    public SimulatedFileInfo(SimulatedFileSystem fileSystem, string originalPath, string fullPath, EntryStatus? status = null, string? name = null)
        : base(fileSystem, originalPath, fullPath, status)
    {
        _name = name;
    }

    protected override bool AsDirectory => false;

    public override string Name => _name ??= UnixPath.GetFileName(OriginalPath)!;

    public override bool Exists
    {
        get
        {
            try
            {
                return ExistsCore;
            }
            catch (Exception exception) when (exception is not PathOutsideMountException)
            {
                return false;
            }
        }
    }

    public long Length
    {
        get
        {
            if ((Attributes & FileAttributes.Directory) != 0)
            {
                throw new FileNotFoundException(SystemIOMessages.Format(SystemIOMessages.FileNotFound, FullPath), FullPath);
            }

            return Status.GetLength(Context, FullPath);
        }
    }

    public string? DirectoryName => UnixPath.GetDirectoryName(FullPath);

    public IDirectoryInfo? Directory => DirectoryName is { } directory ? new SimulatedDirectoryInfo(Owner, directory, Context.GetFullPath(directory)) : null;

    public bool IsReadOnly
    {
        get => (Attributes & FileAttributes.ReadOnly) != 0;
        set => Attributes = value ? Attributes | FileAttributes.ReadOnly : Attributes & ~FileAttributes.ReadOnly;
    }

    private SimulatedFile File => (SimulatedFile)Owner.File;

    public StreamWriter AppendText()
    {
        var writer = File.Writer(FullPath, append: true, SimulatedFile.Utf8NoBom);
        Invalidate();
        return writer;
    }

    public StreamWriter CreateText()
    {
        var writer = File.Writer(FullPath, append: false, SimulatedFile.Utf8NoBom);
        Invalidate();
        return writer;
    }

    public StreamReader OpenText() => File.Reader(FullPath, Encoding.UTF8);

    public IFileInfo CopyTo(string destFileName) => CopyTo(destFileName, overwrite: false);

    public IFileInfo CopyTo(string destFileName, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        var destination = Context.GetFullPath(destFileName);
        Owner.Operations.CopyFile(FullPath, destination, overwrite);
        return new SimulatedFileInfo(Owner, destination, destination);
    }

    public FileSystemStream Create()
    {
        var stream = File.Create(FullPath);
        Invalidate();
        return stream;
    }

    public override void Delete()
    {
        Owner.Operations.DeleteFile(FullPath);
        Invalidate();
    }

    public void Decrypt() => File.Decrypt(FullPath);

    public void Encrypt() => File.Encrypt(FullPath);

    public void MoveTo(string destFileName) => MoveTo(destFileName, overwrite: false);

    public void MoveTo(string destFileName, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        var destination = Context.GetFullPath(destFileName);
        var directory = UnixPath.GetDirectoryName(FullPath);
        if (directory is not null && !Context.DirectoryExists(directory))
        {
            throw new DirectoryNotFoundException(SystemIOMessages.Format(SystemIOMessages.PathNotFound, FullPath));
        }

        if (!Exists)
        {
            throw new FileNotFoundException(SystemIOMessages.Format(SystemIOMessages.FileNotFound, FullPath), FullPath);
        }

        Owner.Operations.MoveFile(FullPath, destination, overwrite);
        FullPath = destination;
        OriginalPath = destFileName;
        _name = UnixPath.GetFileName(destination);
        Invalidate();
    }

    public FileSystemStream Open(FileMode mode) => Open(mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Open(FileMode mode, FileAccess access) => Open(mode, access, FileShare.None);

    public FileSystemStream Open(FileMode mode, FileAccess access, FileShare share) => Owner.FileStream.New(FullPath, mode, access, share);

    public FileSystemStream Open(FileStreamOptions options) => File.Open(FullPath, options);

    public FileSystemStream OpenRead() => Owner.FileStream.New(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, SimulatedFileStreamFactory.DefaultBufferSize, false);

    public FileSystemStream OpenWrite() => Owner.FileStream.New(FullPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName) =>
        Replace(destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        ArgumentNullException.ThrowIfNull(destinationFileName);
        Owner.Operations.ReplaceFile(
            FullPath,
            Context.GetFullPath(destinationFileName),
            destinationBackupFileName is null ? null : Context.GetFullPath(destinationBackupFileName));
        return new SimulatedFileInfo(Owner, destinationFileName, Context.GetFullPath(destinationFileName));
    }
}

/// <summary><c>new FileInfo(path)</c> over the mount.</summary>
internal sealed class SimulatedFileInfoFactory(SimulatedFileSystem fileSystem) : IFileInfoFactory
{
    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    public IFileInfo New(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return new SimulatedFileInfo(fileSystem, fileName, fileSystem.Context.GetFullPath(fileName));
    }

    /// <summary>A real <see cref="FileInfo"/> is taken by its full name, which must be inside the mount.</summary>
    public IFileInfo? Wrap(FileInfo? fileInfo) => fileInfo is null ? null : New(fileInfo.FullName);
}
