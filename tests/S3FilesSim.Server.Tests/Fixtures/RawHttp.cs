using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;

namespace S3FilesSim.Server.Tests.Fixtures;

/// <summary>An HTTP/1.1 exchange written byte by byte on a socket, for requests no HTTP client would send (a lying
/// Content-Length, a truncated body), and the S3 answer parsed.</summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (request line and headers, without the blank line) and <paramref name="body"/>,
    /// closes the sending side when <paramref name="endOfInput"/> (a client that stops sending), and reads the response up
    /// to the server closing the connection.</summary>
    public static async Task<RawResponse> SendAsync(Uri endpoint, string head, byte[] body, bool endOfInput = false, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
        var stream = client.GetStream();
        var bytes = Encoding.ASCII.GetBytes(head.TrimEnd('\r', '\n') + "\r\nHost: " + endpoint.Authority + "\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(bytes, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        if (endOfInput)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        using var response = new MemoryStream();
        try
        {
            await stream.CopyToAsync(response, cancellationToken);
        }
        catch (IOException)
        {
            // The server reset the connection: after answering (it closes connections whose body it did not read), or
            // without an answer (a client that stopped sending mid-body); Status is 0 then.
        }

        return RawResponse.Parse(response.ToArray());
    }
}

/// <summary>A parsed HTTP response.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static RawResponse Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ') is { Length: > 1 } parts && int.TryParse(parts[1], out var code) ? code : 0;
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = split < 0 ? string.Empty : text[(split + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, body);
    }

    /// <summary>Gets the S3 error code of the XML body, or <see langword="null"/>.</summary>
    public string? ErrorCode => Error?.Element("Code")?.Value;

    public XElement? Error => Body.TrimStart().StartsWith("<?xml", StringComparison.Ordinal) || Body.TrimStart().StartsWith("<Error", StringComparison.Ordinal)
        ? XDocument.Parse(Body.Trim()).Root
        : null;

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < body.Length)
        {
            var end = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..end].Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            result.Append(body, end + 2, size);
            position = end + 2 + size + 2;
        }

        return result.ToString();
    }
}
