using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZuoraJobs.Api.Json
{
    /// <summary>Reads any scalar as text (numbers keep their JSON spelling) and skips structured values as null.</summary>
    internal sealed class LenientStringConverter : JsonConverter<string?>
    {
        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (JsonValueReader.IsScalar(reader.TokenType))
            {
                return JsonValueReader.ScalarAsString(ref reader);
            }

            reader.Skip();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
        {
            if (value == null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }
    }
}
