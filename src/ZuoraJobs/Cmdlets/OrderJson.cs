using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using ZuoraJobs.Api.Json;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// Turns what a PowerShell user has — a hashtable, an ordered dictionary, a PSCustomObject or a JSON string — into
    /// the JSON body of an order: every key and nested array kept, nothing added, dates as <c>yyyy-MM-dd</c>. A JSON
    /// string is sent exactly as given.
    /// </summary>
    /// <remarks>
    /// The same order gives the same bytes in every process and edition, because a rerun of a runbook (always a new
    /// process) resends its orders under the same Idempotency-Keys and Zuora refuses a key with different bytes. A
    /// hashtable's enumeration order depends on string hashing, which differs between processes, so unordered
    /// dictionaries are written in ordinal key order at every depth; ordered dictionaries and PSCustomObjects keep the
    /// order they were built in.
    /// </remarks>
    internal static class OrderJson
    {
        /// <summary>The nesting System.Text.Json reads by default; the body is parsed again with the same limit.</summary>
        public const int MaxDepth = 64;

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

            var writer = new CanonicalJsonWriter();
            Write(writer, value, "order");
            return writer.ToUtf8();
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

        private static void Write(CanonicalJsonWriter writer, object? raw, string path)
        {
            var value = Unwrap(raw);
            switch (value)
            {
                case null:
                    writer.Null();
                    return;
                case string s:
                    writer.String(s);
                    return;
                case char c:
                    writer.String(c.ToString());
                    return;
                case bool b:
                    writer.Boolean(b);
                    return;
                case SwitchParameter sw:
                    writer.Boolean(sw.IsPresent);
                    return;
                case DateTime date:
                    writer.String(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    return;
                case DateTimeOffset dateOffset:
                    writer.String(dateOffset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    return;
                case Guid guid:
                    writer.String(guid.ToString("D"));
                    return;
                case Enum e:
                    writer.String(e.ToString());
                    return;
                case Uri uri:
                    writer.String(uri.OriginalString);
                    return;
                case double d:
                    CheckFinite(d, path);
                    writer.Number(d);
                    return;
                case float f:
                    CheckFinite(f, path);
                    writer.Number(f);
                    return;
                case decimal m:
                    writer.Number(m);
                    return;
                case IDictionary dictionary:
                    WriteObject(writer, dictionary, path);
                    return;
                case PSObject custom:
                    WriteObject(writer, custom, path);
                    return;
            }

            if (IsInteger(value))
            {
                writer.Integer((IFormattable)value);
                return;
            }

            // PowerShell 7 hands out DateOnly (absent from netstandard2.0): a date like any other.
            if (value.GetType().FullName == "System.DateOnly" && value is IFormattable dateOnly)
            {
                writer.String(dateOnly.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return;
            }

            if (value is IEnumerable items)
            {
                Enter(writer, path);
                writer.StartArray();
                var index = 0;
                foreach (var item in Read(() => items, path))
                {
                    Write(writer, item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                    index++;
                }

                writer.EndArray();
                return;
            }

            throw new OrderInputException(
                $"The value at {path} is a {TypeName(value)}, which has no JSON form in an order. Use a string, number, boolean, date, array, hashtable or PSCustomObject.");
        }

        private static void WriteObject(CanonicalJsonWriter writer, IDictionary dictionary, string path)
        {
            Enter(writer, path);
            var fields = new List<KeyValuePair<string, object?>>(dictionary.Count);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in Read(() => dictionary, path))
            {
                var name = Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture);
                if (string.IsNullOrEmpty(name))
                {
                    throw new OrderInputException($"A key at {path} is empty; every field of an order needs a name.");
                }

                if (!names.Add(name!))
                {
                    throw new OrderInputException($"Two keys at {path} are both written as '{name}'; a JSON object needs distinct names.");
                }

                fields.Add(new KeyValuePair<string, object?>(name!, entry.Value));
            }

            if (!IsOrdered(dictionary))
            {
                fields.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            }

            writer.StartObject();
            foreach (var field in fields)
            {
                writer.Name(field.Key);
                Write(writer, field.Value, path + "." + field.Key);
            }

            writer.EndObject();
        }

        private static void WriteObject(CanonicalJsonWriter writer, PSObject custom, string path)
        {
            Enter(writer, path);
            writer.StartObject();
            foreach (var property in custom.Properties)
            {
                var name = property.Name;
                writer.Name(name);
                Write(writer, Read(() => property.Value, path + "." + name), path + "." + name);
            }

            writer.EndObject();
        }

        /// <summary>
        /// [ordered] and ConvertFrom-Json -AsHashtable keep the order a user sees. Everything else is sorted, sorted
        /// collections included: their default comparer follows the current culture.
        /// </summary>
        private static bool IsOrdered(IDictionary dictionary) =>
            dictionary is IOrderedDictionary || dictionary.GetType().FullName == "System.Management.Automation.OrderedHashtable";

        /// <summary>A self-referencing order would otherwise recurse until the process dies.</summary>
        private static void Enter(CanonicalJsonWriter writer, string path)
        {
            if (writer.Depth >= MaxDepth)
            {
                throw new OrderInputException($"The order nests deeper than {MaxDepth} levels at {path}; does it refer to itself?");
            }
        }

        /// <summary>
        /// Reads a value the user's object computes (a ScriptProperty, an enumerator): its failure is this order's
        /// problem, reported with where it happened, never an exception that ends the command.
        /// </summary>
        private static T Read<T>(Func<T> read, string path)
        {
            try
            {
                return read();
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !(e is OrderInputException) && !(e is OutOfMemoryException))
            {
                throw new OrderInputException($"Reading the value at {path} failed: {Innermost(e).Message}");
            }
        }

        private static IEnumerable<object?> Read(Func<IEnumerable> items, string path)
        {
            var enumerator = Read(() => items().GetEnumerator(), path);
            while (Read(() => enumerator.MoveNext(), path))
            {
                yield return Read(() => enumerator.Current, path);
            }
        }

        private static IEnumerable<DictionaryEntry> Read(Func<IDictionary> dictionary, string path)
        {
            var enumerator = Read(() => dictionary().GetEnumerator(), path);
            while (Read(() => enumerator.MoveNext(), path))
            {
                yield return Read(() => enumerator.Entry, path);
            }
        }

        private static Exception Innermost(Exception e)
        {
            // GetValueInvocationException wraps the script's own error, which is the part worth showing.
            while (e.InnerException != null && (e is GetValueInvocationException || e is System.Reflection.TargetInvocationException || e is MethodInvocationException))
            {
                e = e.InnerException;
            }

            return e;
        }

        private static void CheckFinite(double value, string path)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new OrderInputException($"The number at {path} is {value.ToString(CultureInfo.InvariantCulture)}, which JSON cannot carry.");
            }
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
