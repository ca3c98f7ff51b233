namespace S3FilesSim.FileSystem;

/// <summary>POSIX error numbers returned by the simulated S3 Files mount, with their Linux values.</summary>
/// <remarks>See errno(3). The values match Linux x86-64 so they compare equal to what a real mount reports.</remarks>
public enum Errno
{
    /// <summary>Operation not permitted.</summary>
    EPERM = 1,

    /// <summary>No such file or directory.</summary>
    ENOENT = 2,

    /// <summary>Input/output error.</summary>
    EIO = 5,

    /// <summary>No such device or address (open(2) of a UNIX socket, or of a FIFO through an in-process mount).</summary>
    ENXIO = 6,

    /// <summary>Argument list too long (setxattr(2): a value over 65,536 bytes).</summary>
    E2BIG = 7,

    /// <summary>Bad file descriptor.</summary>
    EBADF = 9,

    /// <summary>Resource temporarily unavailable.</summary>
    EAGAIN = 11,

    /// <summary>Permission denied.</summary>
    EACCES = 13,

    /// <summary>Bad address.</summary>
    EFAULT = 14,

    /// <summary>Device or resource busy.</summary>
    EBUSY = 16,

    /// <summary>File exists.</summary>
    EEXIST = 17,

    /// <summary>Invalid cross-device link.</summary>
    EXDEV = 18,

    /// <summary>Not a directory.</summary>
    ENOTDIR = 20,

    /// <summary>Is a directory.</summary>
    EISDIR = 21,

    /// <summary>Invalid argument.</summary>
    EINVAL = 22,

    /// <summary>Too many open files.</summary>
    EMFILE = 24,

    /// <summary>File too large.</summary>
    EFBIG = 27,

    /// <summary>No space left on device.</summary>
    ENOSPC = 28,

    /// <summary>Illegal seek.</summary>
    ESPIPE = 29,

    /// <summary>Read-only file system.</summary>
    EROFS = 30,

    /// <summary>Too many links.</summary>
    EMLINK = 31,

    /// <summary>Result too large (getxattr(2), setxattr(2): an attribute name that is empty or over 255 bytes).</summary>
    ERANGE = 34,

    /// <summary>Resource deadlock avoided.</summary>
    EDEADLK = 35,

    /// <summary>File name too long.</summary>
    ENAMETOOLONG = 36,

    /// <summary>No locks available.</summary>
    ENOLCK = 37,

    /// <summary>Function not implemented.</summary>
    ENOSYS = 38,

    /// <summary>Directory not empty.</summary>
    ENOTEMPTY = 39,

    /// <summary>Too many levels of symbolic links.</summary>
    ELOOP = 40,

    /// <summary>No data available (the extended attribute does not exist).</summary>
    ENODATA = 61,

    /// <summary>Value too large for defined data type.</summary>
    EOVERFLOW = 75,

    /// <summary>Operation not supported.</summary>
    EOPNOTSUPP = 95,

    /// <summary>Stale file handle.</summary>
    ESTALE = 116,

    /// <summary>Operation not supported (the NFS-internal ENOTSUPP, 524, that Linux returns for setting <c>user.s3files.status</c>).</summary>
    ENOTSUPP = 524,
}
