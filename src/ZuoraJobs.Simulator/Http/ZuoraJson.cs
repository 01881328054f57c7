using System;
using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ZuoraJobs.Simulator;

/// <summary>Builds Zuora-shaped JSON bodies as UTF-8 bytes.</summary>
internal static class ZuoraJson
{
    /// <summary>Relaxed escaping so seeded strings come back byte-identical (no \u escapes for non-ASCII or '+').</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteCode(Utf8JsonWriter writer, string code, bool asNumber)
    {
        if (asNumber && long.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out long numeric))
        {
            writer.WriteNumber("code", numeric);
        }
        else
        {
            writer.WriteString("code", code);
        }
    }

    /// <summary>Zuora's v1 <c>CommonResponse</c>: <c>{success:false, processId, reasons:[{code,message}], requestId}</c>.</summary>
    public static byte[] CommonError(string code, string message, bool codeAsNumber, string requestId) => Build(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("success", false);
        w.WriteString("processId", NewProcessId());
        WriteReasons(w, code, message, codeAsNumber);
        w.WriteString("requestId", requestId);
        w.WriteEndObject();
    });

    /// <summary>Zuora's 500 <c>ErrorResponse</c>: only <c>reasons</c>.</summary>
    public static byte[] ReasonsOnly(string code, string message, bool codeAsNumber) => Build(w =>
    {
        w.WriteStartObject();
        WriteReasons(w, code, message, codeAsNumber);
        w.WriteEndObject();
    });

    public static void WriteReasons(Utf8JsonWriter w, string code, string message, bool codeAsNumber)
    {
        w.WriteStartArray("reasons");
        w.WriteStartObject();
        WriteCode(w, code, codeAsNumber);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>Zuora process ids are 16 upper-case hex digits; they need not be reproducible.</summary>
    public static string NewProcessId()
    {
        Span<byte> bytes = stackalloc byte[8];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexString(bytes);
    }
}
