using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace S3FilesSim.Fuse.Tests.Fixtures;

/// <summary>Keeps every log message of a mount, to assert what it reported.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory, ILogger
{
    /// <summary>Gets the messages, in order, with their level.</summary>
    public ConcurrentQueue<(LogLevel Level, string Message)> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue((logLevel, formatter(state, exception)));

    public void Dispose()
    {
    }
}
