namespace S3FilesSim.Cli;

/// <summary>A user-facing error (missing directory, unreadable file, option out of range): printed as one line on stderr.</summary>
internal sealed class CliException(string message) : Exception(message);
