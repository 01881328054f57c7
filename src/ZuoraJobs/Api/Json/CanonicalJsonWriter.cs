using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ZuoraJobs.Api.Json
{
    /// <summary>
    /// Writes JSON text whose bytes depend only on the values written: no indentation, the fewest escapes JSON allows,
    /// numbers in one invariant form. An Idempotency-Key is only safe to resend when the body is byte-identical, and
    /// the System.Text.Json writer's escaping and number formatting differ between the package version Windows
    /// PowerShell loads and the one PowerShell 7 ships; this writer is the same code on both.
    /// </summary>
    internal sealed class CanonicalJsonWriter
    {
        private readonly StringBuilder _text = new StringBuilder(256);

        // One entry per open container: whether a value was already written in it (so the next needs a comma).
        private readonly Stack<bool> _open = new Stack<bool>();
        private bool _afterName;

        public int Depth => _open.Count;

        public void StartObject()
        {
            BeforeValue();
            _text.Append('{');
            _open.Push(false);
        }

        public void EndObject() => End('}');

        public void StartArray()
        {
            BeforeValue();
            _text.Append('[');
            _open.Push(false);
        }

        public void EndArray() => End(']');

        public void Name(string name)
        {
            BeforeValue();
            AppendString(name);
            _text.Append(':');
            _afterName = true;
        }

        public void String(string value)
        {
            BeforeValue();
            AppendString(value);
        }

        public void Boolean(bool value) => Raw(value ? "true" : "false");

        public void Null() => Raw("null");

        public void Integer(IFormattable value) => Raw(value.ToString(null, CultureInfo.InvariantCulture));

        public void Number(decimal value) => Raw(value.ToString(CultureInfo.InvariantCulture));

        /// <summary>
        /// Fifteen significant digits when they give the same double back, else seventeen: what .NET Framework's "R"
        /// produced, computed the same way on every runtime (.NET's own "R" is shorter for some values).
        /// </summary>
        public void Number(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "JSON has no form for NaN or infinity.");
            }

            if (value == 0)
            {
                // Negative zero prints as "-0" on .NET and "0" on .NET Framework.
                Raw("0");
                return;
            }

            var text = value.ToString("G15", CultureInfo.InvariantCulture);
            if (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value)
            {
                text = value.ToString("G17", CultureInfo.InvariantCulture);
            }

            Raw(text);
        }

        /// <summary>A single, as PowerShell's [float]: its own shortest form, not the double it widens to.</summary>
        public void Number(float value)
        {
            if (float.IsNaN(value) || float.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "JSON has no form for NaN or infinity.");
            }

            if (value == 0)
            {
                Raw("0");
                return;
            }

            var text = value.ToString("G7", CultureInfo.InvariantCulture);
            if (float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value)
            {
                text = value.ToString("G9", CultureInfo.InvariantCulture);
            }

            Raw(text);
        }

        public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_text.ToString());

        public override string ToString() => _text.ToString();

        private void Raw(string token)
        {
            BeforeValue();
            _text.Append(token);
        }

        private void End(char close)
        {
            _open.Pop();
            _text.Append(close);
        }

        private void BeforeValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_open.Count > 0)
            {
                if (_open.Pop())
                {
                    _text.Append(',');
                }

                _open.Push(true);
            }
        }

        /// <summary>Escapes only what JSON requires, plus unpaired surrogates, which UTF-8 cannot carry.</summary>
        private void AppendString(string value)
        {
            _text.Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"':
                        _text.Append("\\\"");
                        continue;
                    case '\\':
                        _text.Append("\\\\");
                        continue;
                    case '\n':
                        _text.Append("\\n");
                        continue;
                    case '\r':
                        _text.Append("\\r");
                        continue;
                    case '\t':
                        _text.Append("\\t");
                        continue;
                    case '\b':
                        _text.Append("\\b");
                        continue;
                    case '\f':
                        _text.Append("\\f");
                        continue;
                }

                if (c < 0x20 || IsUnpairedSurrogate(value, i))
                {
                    _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    continue;
                }

                if (char.IsHighSurrogate(c))
                {
                    _text.Append(c).Append(value[++i]);
                    continue;
                }

                _text.Append(c);
            }

            _text.Append('"');
        }

        private static bool IsUnpairedSurrogate(string value, int i)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
            }

            return char.IsLowSurrogate(c);
        }
    }
}
