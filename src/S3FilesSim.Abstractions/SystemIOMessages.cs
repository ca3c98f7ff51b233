using System.Globalization;

namespace S3FilesSim.Abstractions;

/// <summary>The exception messages of System.IO on Linux (.NET 10, en-US), so the adapter's messages read the same.</summary>
internal static class SystemIOMessages
{
    public const string SharingViolation = "The process cannot access the file '{0}' because it is being used by another process.";
    public const string SharingViolationNoPath = "The process cannot access the file because it is being used by another process.";
    public const string FileExists = "The file '{0}' already exists.";
    public const string AccessDenied = "Access to the path '{0}' is denied.";
    public const string AccessDeniedNoPath = "Access to the path is denied.";
    public const string PathNotFound = "Could not find a part of the path '{0}'.";
    public const string PathNotFoundNoPath = "Could not find a part of the path.";
    public const string FileNotFound = "Could not find file '{0}'.";
    public const string FileNotFoundNoPath = "Unable to find the specified file.";
    public const string PathTooLong = "The path '{0}' is too long, or a component of the specified path is too long.";
    public const string PathTooLongNoPath = "The specified file name or path is too long, or a component of the specified path is too long.";
    public const string FileLengthTooBig = "Specified file length was too large for the file system.";
    public const string AlreadyExists = "Cannot create '{0}' because a file or directory with the same name already exists.";
    public const string FileIsDirectory = "The target file '{0}' is a directory, not a file.";
    public const string NotAFile = "The specified path '{0}' is not a file.";
    public const string CannotReplaceSameFile = "The source '{0}' and destination '{1}' are the same file.";
    public const string SourceDestMustBeDifferent = "Source and destination path must be different.";
    public const string SeekAppendOverwrite = "Unable seek backward to overwrite data that previously existed in a file opened in Append mode.";
    public const string SetLengthAppendTruncate = "Unable to truncate data that previously existed in a file opened in Append mode.";
    public const string FileTooLong2GB = "The file is too long. This operation is currently limited to supporting files less than 2 gigabytes in size.";
    public const string InvalidFileModeAndAccessCombo = "Combining FileMode: {0} with FileAccess: {1} is invalid.";
    public const string InvalidAppendMode = "Append access can be requested only in write-only mode.";
    public const string NullCharInPath = "Null character in path.";
    public const string Path2IsRooted = "Second path fragment must not be a drive or UNC name.";
    public const string InvalidSubPath = "The directory specified, '{0}', is not a subdirectory of '{1}'.";
    public const string PathEmpty = "Path cannot be the empty string or all whitespace.";
    public const string UnreadableStream = "Stream does not support reading.";
    public const string UnwritableStream = "Stream does not support writing.";
    public const string FileClosed = "Cannot access a closed file.";
    public const string TooManySymbolicLinkLevels = "Too many levels of symbolic links in '{0}'.";
    public const string InvalidFileAttributes = "Invalid File or Directory attributes value.";
    public const string InvalidUnixFileMode = "Invalid UnixFileMode value.";
    public const string FileEncryption = "File encryption is not supported on this platform.";
    public const string BasePathNotFullyQualified = "Basepath argument is not fully qualified.";
    public const string EnumOutOfRange = "Enum value was out of legal range.";
    public const string InvalidPreallocateAccess = "Preallocation size can be requested only in write mode.";
    public const string InvalidPreallocateMode = "Preallocation size can be requested only for new files.";
    public const string InvalidUnixCreateMode = "UnixCreateMode can be requested only for modes that can create new files.";
    public const string AccessControl = "Access Control List (ACL) APIs are part of resource management on Windows and are not supported on this platform.";

    public static string Format(string format, object? arg) => string.Format(CultureInfo.InvariantCulture, format, arg);

    public static string Format(string format, object? arg0, object? arg1) => string.Format(CultureInfo.InvariantCulture, format, arg0, arg1);
}
