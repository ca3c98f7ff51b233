using System.Text.Json;
using System.Text.Json.Serialization;

namespace S3FilesSim.Server.Control;

/// <summary>The JSON of the control API: camelCase names, enums as camelCase strings (read case-insensitively).</summary>
internal static class ControlJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals;
        return options;
    }
}
