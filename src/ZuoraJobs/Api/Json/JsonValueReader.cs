using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ZuoraJobs.Api.Json
{
    /// <summary>
    /// Reads JSON values the module has no type for, and coerces values whose type differs from the documented one,
    /// so a shape Zuora changes later degrades to extra data instead of a parse failure.
    /// </summary>
    internal static class JsonValueReader
    {
        // decimal holds 28-29 significant digits; beyond that the value would be silently rounded.
        private const int MaxExactDecimalDigits = 28;

        /// <summary>Reads the value at the reader's current token (scalar, object or array) and leaves the reader on its last token.</summary>
        public static object? ReadValue(ref Utf8JsonReader reader, JsonObjectFactory? factory)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return ReadNumber(ref reader);
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.StartArray:
                    return ReadArray(ref reader, factory);
                case JsonTokenType.StartObject:
                    return ReadObject(ref reader, factory);
                default:
                    throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
            }
        }

        public static object?[] ReadArray(ref Utf8JsonReader reader, JsonObjectFactory? factory)
        {
            var items = new List<object?>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(ReadValue(ref reader, factory));
            }

            return items.ToArray();
        }

        public static object ReadObject(ref Utf8JsonReader reader, JsonObjectFactory? factory)
        {
            var properties = new List<KeyValuePair<string, object?>>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = PropertyNames.Read(ref reader);
                reader.Read();
                properties.Add(new KeyValuePair<string, object?>(name, ReadValue(ref reader, factory)));
            }

            return factory != null ? factory(properties) : ToDictionary(properties);
        }

        /// <summary>A JSON number as decimal when that is exact, otherwise as double (huge or over-precise values).</summary>
        public static object ReadNumber(ref Utf8JsonReader reader)
        {
            if (SignificantDigits(reader.ValueSpan) <= MaxExactDecimalDigits && reader.TryGetDecimal(out var d))
            {
                return d;
            }

            return reader.GetDouble();
        }

        public static bool IsScalar(JsonTokenType type) =>
            type == JsonTokenType.String || type == JsonTokenType.Number || type == JsonTokenType.True
            || type == JsonTokenType.False || type == JsonTokenType.Null;

        /// <summary>Any scalar as text (a number keeps its exact JSON spelling); null for JSON null.</summary>
        public static string? ScalarAsString(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return RawText(ref reader);
                case JsonTokenType.True:
                    return "true";
                case JsonTokenType.False:
                    return "false";
                default:
                    return null;
            }
        }

        public static string RawText(ref Utf8JsonReader reader)
        {
            var span = reader.ValueSpan;
            return span.IsEmpty ? string.Empty : Utf8(span);
        }

        // netstandard2.0 has no span overload of GetString; numbers are short, so the copy is cheap.
        private static string Utf8(ReadOnlySpan<byte> span) => Encoding.UTF8.GetString(span.ToArray());

        private static int SignificantDigits(ReadOnlySpan<byte> number)
        {
            var count = 0;
            var leading = true;
            foreach (var b in number)
            {
                if (b == (byte)'e' || b == (byte)'E')
                {
                    break;
                }

                if (b < (byte)'0' || b > (byte)'9')
                {
                    continue;
                }

                if (leading && b == (byte)'0')
                {
                    continue;
                }

                leading = false;
                count++;
            }

            return count;
        }

        private static Dictionary<string, object?> ToDictionary(List<KeyValuePair<string, object?>> properties)
        {
            // Insertion order is kept by Dictionary as long as nothing is removed, which is what a reader expects to see.
            var dictionary = new Dictionary<string, object?>(properties.Count, StringComparer.Ordinal);
            foreach (var pair in properties)
            {
                dictionary[pair.Key] = pair.Value;
            }

            return dictionary;
        }
    }
}
