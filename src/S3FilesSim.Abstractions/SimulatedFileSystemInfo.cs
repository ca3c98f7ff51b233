using System.IO.Abstractions;
using System.Runtime.Versioning;

namespace S3FilesSim.Abstractions;

/// <summary>
/// <see cref="FileSystemInfo"/> over the mount: the status is read on first use and cached until <see cref="Refresh"/>
/// (or an operation through this object), as System.IO does. ACLs are Windows-only in .NET: the ACL members throw
/// <see cref="PlatformNotSupportedException"/>, as they do on Linux.
/// </summary>
internal abstract class SimulatedFileSystemInfo : IFileSystemInfo, IFileSystemAclSupport
{
    private string? _linkTarget;
    private bool _linkTargetIsValid;

    protected SimulatedFileSystemInfo(SimulatedFileSystem fileSystem, string originalPath, string fullPath, EntryStatus? status = null)
    {
        Owner = fileSystem;
        OriginalPath = originalPath;
        FullPath = fullPath;
        Status = status ?? new EntryStatus();
    }

    public System.IO.Abstractions.IFileSystem FileSystem => Owner;

    protected SimulatedFileSystem Owner { get; }

    protected MountContext Context => Owner.Context;

    protected string OriginalPath { get; set; }

    protected string FullPath { get; set; }

    protected EntryStatus Status { get; }

    protected abstract bool AsDirectory { get; }

    public string FullName => FullPath;

    public string Extension
    {
        get
        {
            for (var i = FullPath.Length - 1; i >= 0; i--)
            {
                if (FullPath[i] == '.')
                {
                    return FullPath[i..];
                }

                if (FullPath[i] == '/')
                {
                    break;
                }
            }

            return string.Empty;
        }
    }

    public abstract string Name { get; }

    public abstract bool Exists { get; }

    public FileAttributes Attributes
    {
        get => Status.GetAttributes(Context, FullPath, Name);
        set => Status.SetAttributes(Context, FullPath, value, AsDirectory);
    }

    public DateTime CreationTime
    {
        get => CreationTimeUtc.ToLocalTime();
        set => CreationTimeUtc = value.ToUniversalTime();
    }

    public DateTime CreationTimeUtc
    {
        get => Status.GetCreationTime(Context, FullPath).UtcDateTime;
        set => Status.SetTime(Context, FullPath, SimulatedFile.ToUtc(value), isAccessTime: false, AsDirectory);
    }

    public DateTime LastAccessTime
    {
        get => LastAccessTimeUtc.ToLocalTime();
        set => LastAccessTimeUtc = value.ToUniversalTime();
    }

    public DateTime LastAccessTimeUtc
    {
        get => Status.GetLastAccessTime(Context, FullPath).UtcDateTime;
        set => Status.SetTime(Context, FullPath, SimulatedFile.ToUtc(value), isAccessTime: true, AsDirectory);
    }

    public DateTime LastWriteTime
    {
        get => LastWriteTimeUtc.ToLocalTime();
        set => LastWriteTimeUtc = value.ToUniversalTime();
    }

    public DateTime LastWriteTimeUtc
    {
        get => Status.GetLastWriteTime(Context, FullPath).UtcDateTime;
        set => Status.SetTime(Context, FullPath, SimulatedFile.ToUtc(value), isAccessTime: false, AsDirectory);
    }

    public string? LinkTarget
    {
        get
        {
            if (!_linkTargetIsValid)
            {
                _linkTarget = Owner.Operations.GetLinkTarget(FullPath);
                _linkTargetIsValid = true;
            }

            return _linkTarget;
        }
    }

    public UnixFileMode UnixFileMode
    {
        get => Status.GetUnixFileMode(Context, FullPath);
        set => Status.SetUnixFileMode(Context, FullPath, value);
    }

    protected bool ExistsCore => Status.GetExists(Context, FullPath, AsDirectory);

    public void CreateAsSymbolicLink(string pathToTarget)
    {
        SimulatedFile.VerifyValidPath(pathToTarget, nameof(pathToTarget));
        Owner.Operations.CreateSymbolicLink(Context.GetFullPath(OriginalPath), pathToTarget);
        Invalidate();
    }

    public abstract void Delete();

    public void Refresh()
    {
        _linkTargetIsValid = false;
        Status.Refresh(Context, FullPath);
    }

    public IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget)
    {
        var target = Owner.Operations.ResolveLinkTarget(FullPath, returnFinalTarget, AsDirectory);
        if (target is null)
        {
            return null;
        }

        var full = Context.GetFullPath(target);
        return AsDirectory ? new SimulatedDirectoryInfo(Owner, target, full) : new SimulatedFileInfo(Owner, target, full);
    }

    public override string ToString() => OriginalPath;

    /// <summary>Drops the cached status and link target (after an operation through this object).</summary>
    protected void Invalidate()
    {
        _linkTargetIsValid = false;
        Status.Invalidate();
    }

    /// <summary>Loads the status now, as <c>FileSystemInfo.Init</c> does for enumerated entries.</summary>
    internal void Initialize() => Status.EnsureInitialized(Context, FullPath);

    [SupportedOSPlatform("windows")]
    public object GetAccessControl() => throw new PlatformNotSupportedException(SystemIOMessages.AccessControl);

    [SupportedOSPlatform("windows")]
    public object GetAccessControl(IFileSystemAclSupport.AccessControlSections includeSections) => throw new PlatformNotSupportedException(SystemIOMessages.AccessControl);

    [SupportedOSPlatform("windows")]
    public void SetAccessControl(object value) => throw new PlatformNotSupportedException(SystemIOMessages.AccessControl);
}
