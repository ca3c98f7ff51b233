using System.Text.Json;
using FluentAssertions;

namespace S3FilesSim.Cli.Tests;

/// <summary>Runs <c>serve</c> in process and reads its ready line.</summary>
internal static class ServeHarness
{
    /// <summary>Waits for serve's one JSON line (the endpoints and mount points) while <paramref name="run"/> keeps running.</summary>
    public static async Task<JsonElement> ReadyLineAsync(LockedStringWriter output, Task<int> run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var line = output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("{\"endpoint\"", StringComparison.Ordinal));
            if (line is not null)
            {
                return JsonDocument.Parse(line).RootElement;
            }

            run.IsCompleted.Should().BeFalse("serve should keep running until cancelled");
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(20);
        }
    }

    /// <summary>A string writer read while another thread writes to it.</summary>
    public sealed class LockedStringWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                base.Write(buffer, index, count);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(string? value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }
}
