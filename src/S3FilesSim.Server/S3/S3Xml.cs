using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using S3FilesSim.Server.S3.Body;

namespace S3FilesSim.Server.S3;

/// <summary>S3's XML: response documents written in the 2006-03-01 namespace, request documents read leniently
/// (namespace optional, no DTDs), timestamps and entity tags as S3 prints them.</summary>
internal static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>The largest request document read (a CompleteMultipartUpload of 10,000 parts is about 1.2 MB).</summary>
    public const int MaxRequestBytes = 4 << 20;

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        CheckCharacters = false,
    };

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Writes a document whose root element is <paramref name="root"/> as the response body, with Content-Length.</summary>
    public static async Task WriteAsync(HttpResponse response, string root, Action<XmlWriter> body, int status = StatusCodes.Status200OK, bool withNamespace = true)
    {
        var buffer = Render(root, body, withNamespace);
        response.StatusCode = status;
        response.ContentType = "application/xml";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer, response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Renders a document to UTF-8 bytes.</summary>
    public static ReadOnlyMemory<byte> Render(string root, Action<XmlWriter> body, bool withNamespace = true)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root, withNamespace ? Namespace : string.Empty);
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.GetBuffer().AsMemory(0, (int)stream.Length);
    }

    /// <summary>Writes <c>&lt;name&gt;value&lt;/name&gt;</c>, or nothing when <paramref name="value"/> is <see langword="null"/>;
    /// characters XML 1.0 cannot hold (keys may contain control characters) are written as character references, as S3 does.</summary>
    public static void Element(this XmlWriter writer, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteStartElement(name);
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                writer.WriteString(value[start..i]);
                writer.WriteCharEntity(c);
                start = i + 1;
            }
        }

        writer.WriteString(start == 0 ? value : value[start..]);
        writer.WriteEndElement();
    }

    public static void Element(this XmlWriter writer, string name, long value) =>
        writer.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));

    public static void Element(this XmlWriter writer, string name, bool value) =>
        writer.WriteElementString(name, value ? "true" : "false");

    public static void Element(this XmlWriter writer, string name, DateTimeOffset value) =>
        writer.WriteElementString(name, Timestamp(value));

    /// <summary>Writes the <c>Owner</c> (or <c>Initiator</c>) element of the simulated account.</summary>
    public static void Owner(this XmlWriter writer, S3Account account, string element = "Owner")
    {
        writer.WriteStartElement(element);
        writer.Element("ID", account.Id);
        writer.Element("DisplayName", account.DisplayName);
        writer.WriteEndElement();
    }

    /// <summary>Formats an instant as S3 does in XML: ISO 8601 UTC with milliseconds, e.g. <c>2026-04-07T00:00:00.000Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats an instant as an HTTP date (RFC 7231), e.g. <c>Tue, 07 Apr 2026 00:00:00 GMT</c>.</summary>
    public static string HttpDate(DateTimeOffset value) => value.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Reads the request body as an XML document of at most <see cref="MaxRequestBytes"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="headerChecksums">Whether the <c>x-amz-checksum-*</c> headers describe this body (not so for CompleteMultipartUpload).</param>
    /// <exception cref="S3Exception"><c>MalformedXML</c>: empty, too large, or not well-formed.</exception>
    public static async Task<XElement> ReadAsync(S3RequestContext context, bool headerChecksums = true)
    {
        var bytes = await RequestBody.ReadSmallAsync(context, MaxRequestBytes, headerChecksums).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            throw new S3Exception(S3Error.MalformedXml);
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            return XDocument.Load(reader).Root ?? throw new S3Exception(S3Error.MalformedXml);
        }
        catch (XmlException exception)
        {
            throw new S3Exception(S3Error.MalformedXml, innerException: exception);
        }
    }

    /// <summary>Returns the child elements named <paramref name="name"/>, in any namespace.</summary>
    public static IEnumerable<XElement> Children(this XElement element, string name) =>
        element.Elements().Where(e => e.Name.LocalName == name);

    /// <summary>Returns the value of the first child element named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static string? Child(this XElement element, string name) =>
        element.Children(name).FirstOrDefault()?.Value;
}
