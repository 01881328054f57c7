using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// Turns what a PowerShell user has — a hashtable, an ordered dictionary, a PSCustomObject or a JSON string — into
    /// the JSON body of an order: every key and nested array kept, nothing added, dates as <c>yyyy-MM-dd</c>. A JSON
    /// string is sent exactly as given.
    /// </summary>
    internal static class OrderJson
    {
        private const int MaxDepth = 64;

        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            // Zuora reads UTF-8: keep names and values readable instead of \u-escaping every non-ASCII character.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <exception cref="OrderInputException">The input cannot be an order body; the message says why.</exception>
        public static byte[] Serialize(object input)
        {
            var value = Unwrap(input);
            switch (value)
            {
                case string text:
                    return Encoding.UTF8.GetBytes(text.Trim());
                case IDictionary _:
                case PSObject _:
                    break;
                default:
                    throw new OrderInputException(
                        $"A {TypeName(value)} is not an order. Pass a hashtable, an ordered dictionary, a PSCustomObject or a JSON string (or -Path for a JSON file).");
            }

            using (var buffer = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
                {
                    Write(writer, value, "order", 0);
                }

                return buffer.ToArray();
            }
        }

        /// <summary>The value a PSObject stands for: its base object, or the PSObject itself for a PSCustomObject.</summary>
        internal static object? Unwrap(object? value)
        {
            while (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject)
                {
                    return wrapped;
                }

                value = wrapped.BaseObject;
            }

            return value;
        }

        private static void Write(Utf8JsonWriter writer, object? raw, string path, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new OrderInputException($"The order nests deeper than {MaxDepth} levels at {path}; does it refer to itself?");
            }

            var value = Unwrap(raw);
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case string s:
                    writer.WriteStringValue(s);
                    return;
                case char c:
                    writer.WriteStringValue(c.ToString());
                    return;
                case bool b:
                    writer.WriteBooleanValue(b);
                    return;
                case SwitchParameter sw:
                    writer.WriteBooleanValue(sw.IsPresent);
                    return;
                case DateTime date:
                    writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    return;
                case DateTimeOffset dateOffset:
                    writer.WriteStringValue(dateOffset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    return;
                case Guid guid:
                    writer.WriteStringValue(guid.ToString("D"));
                    return;
                case Enum e:
                    writer.WriteStringValue(e.ToString());
                    return;
                case Uri uri:
                    writer.WriteStringValue(uri.OriginalString);
                    return;
                case double d:
                    WriteFinite(writer, d, path);
                    return;
                case float f:
                    WriteFinite(writer, f, path);
                    return;
                case decimal m:
                    writer.WriteNumberValue(m);
                    return;
                case IDictionary dictionary:
                    WriteObject(writer, dictionary, path, depth);
                    return;
                case PSObject custom:
                    WriteObject(writer, custom, path, depth);
                    return;
            }

            if (IsInteger(value))
            {
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!, skipInputValidation: true);
                return;
            }

            // PowerShell 7 hands out DateOnly (absent from netstandard2.0): a date like any other.
            if (value.GetType().FullName == "System.DateOnly" && value is IFormattable dateOnly)
            {
                writer.WriteStringValue(dateOnly.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return;
            }

            if (value is IEnumerable items)
            {
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in items)
                {
                    Write(writer, item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", depth + 1);
                    index++;
                }

                writer.WriteEndArray();
                return;
            }

            throw new OrderInputException(
                $"The value at {path} is a {TypeName(value)}, which has no JSON form in an order. Use a string, number, boolean, date, array, hashtable or PSCustomObject.");
        }

        private static void WriteObject(Utf8JsonWriter writer, IDictionary dictionary, string path, int depth)
        {
            writer.WriteStartObject();
            foreach (DictionaryEntry entry in dictionary)
            {
                var name = Unwrap(entry.Key)?.ToString();
                if (string.IsNullOrEmpty(name))
                {
                    throw new OrderInputException($"A key at {path} is empty; every field of an order needs a name.");
                }

                writer.WritePropertyName(name!);
                Write(writer, entry.Value, path + "." + name, depth + 1);
            }

            writer.WriteEndObject();
        }

        private static void WriteObject(Utf8JsonWriter writer, PSObject custom, string path, int depth)
        {
            writer.WriteStartObject();
            foreach (var property in custom.Properties)
            {
                writer.WritePropertyName(property.Name);
                Write(writer, property.Value, path + "." + property.Name, depth + 1);
            }

            writer.WriteEndObject();
        }

        private static void WriteFinite(Utf8JsonWriter writer, double value, string path)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new OrderInputException($"The number at {path} is {value.ToString(CultureInfo.InvariantCulture)}, which JSON cannot carry.");
            }

            writer.WriteNumberValue(value);
        }

        private static bool IsInteger(object value) =>
            value is int || value is long || value is short || value is byte || value is sbyte || value is uint || value is ulong
            || value is ushort || value is System.Numerics.BigInteger;

        internal static string TypeName(object? value) => value == null ? "null value" : value.GetType().FullName ?? value.GetType().Name;
    }

    /// <summary>The pipeline input cannot be turned into an order body.</summary>
    internal sealed class OrderInputException : Exception
    {
        public OrderInputException(string message)
            : base(message)
        {
        }
    }
}
