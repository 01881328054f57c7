using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ZuoraJobs.HelpCompiler
{
    /// <summary>A line of a markdown file with its 1-based number, for error messages that point at the source.</summary>
    internal readonly record struct SourceLine(int Number, string Text);

    /// <summary>A failure a documentation author must fix; reported in the compiler format MSBuild recognises.</summary>
    internal sealed class HelpFormatException : Exception
    {
        public HelpFormatException(string file, int line, string message)
            : base(message)
        {
            File = file;
            Line = line;
        }

        public string File { get; }
        public int Line { get; }

        public override string ToString() => $"{File}({Line}): error ZJHELP: {Message}";
    }

    /// <summary>A fenced code block: its info string (language) and the lines between the fences.</summary>
    internal sealed record CodeBlock(string Language, IReadOnlyList<string> Lines, int Line)
    {
        public string Text => string.Join("\n", Lines);
    }

    /// <summary>A heading and the lines under it up to the next heading of the same or a higher level.</summary>
    internal sealed record Section(string Title, int Line, IReadOnlyList<SourceLine> Body);

    /// <summary>Line-oriented helpers for the strict markdown layout platyPS 0.14 writes.</summary>
    internal static class MarkdownLines
    {
        public static List<SourceLine> Read(string text)
        {
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            return lines.Select((l, i) => new SourceLine(i + 1, l)).ToList();
        }

        public static bool IsFence(string line) => line.TrimStart().StartsWith("```", StringComparison.Ordinal);

        /// <summary>Splits at headings of exactly this level ("## "), ignoring '#' inside code fences.</summary>
        public static List<Section> Sections(IReadOnlyList<SourceLine> lines, int level)
        {
            var marker = new string('#', level) + " ";
            var sections = new List<Section>();
            string? title = null;
            var titleLine = 0;
            var body = new List<SourceLine>();
            var inFence = false;
            foreach (var line in lines)
            {
                if (IsFence(line.Text))
                {
                    inFence = !inFence;
                }
                else if (!inFence && line.Text.StartsWith(marker, StringComparison.Ordinal))
                {
                    if (title != null)
                    {
                        sections.Add(new Section(title, titleLine, body));
                    }

                    title = line.Text.Substring(marker.Length).Trim();
                    titleLine = line.Number;
                    body = new List<SourceLine>();
                    continue;
                }

                if (title != null)
                {
                    body.Add(line);
                }
            }

            if (title != null)
            {
                sections.Add(new Section(title, titleLine, body));
            }

            return sections;
        }

        /// <summary>The lines before the first heading of the given level (an intro paragraph).</summary>
        public static List<SourceLine> Preamble(IReadOnlyList<SourceLine> lines, int level)
        {
            var marker = new string('#', level) + " ";
            var result = new List<SourceLine>();
            var inFence = false;
            foreach (var line in lines)
            {
                if (IsFence(line.Text))
                {
                    inFence = !inFence;
                }
                else if (!inFence && line.Text.StartsWith(marker, StringComparison.Ordinal))
                {
                    break;
                }

                result.Add(line);
            }

            return result;
        }

        public static List<CodeBlock> CodeBlocks(IReadOnlyList<SourceLine> lines)
        {
            var blocks = new List<CodeBlock>();
            List<string>? current = null;
            var language = string.Empty;
            var start = 0;
            foreach (var line in lines)
            {
                if (IsFence(line.Text))
                {
                    if (current == null)
                    {
                        current = new List<string>();
                        language = line.Text.Trim().Substring(3).Trim();
                        start = line.Number;
                    }
                    else
                    {
                        blocks.Add(new CodeBlock(language, current, start));
                        current = null;
                    }

                    continue;
                }

                current?.Add(line.Text);
            }

            return blocks;
        }

        /// <summary>The prose outside code fences, as paragraphs (see <see cref="Paragraphs"/>).</summary>
        public static List<string> ProseParagraphs(IReadOnlyList<SourceLine> lines)
        {
            var prose = new List<SourceLine>();
            var inFence = false;
            foreach (var line in lines)
            {
                if (IsFence(line.Text))
                {
                    inFence = !inFence;
                    prose.Add(new SourceLine(line.Number, string.Empty));
                    continue;
                }

                if (!inFence)
                {
                    prose.Add(line);
                }
            }

            return Paragraphs(prose);
        }

        /// <summary>
        /// Groups lines into paragraphs: blank lines separate them, list items each become one, tables and code stay
        /// line by line, and other wrapped lines are joined with spaces.
        /// </summary>
        public static List<string> Paragraphs(IReadOnlyList<SourceLine> lines)
        {
            var result = new List<string>();
            var current = new StringBuilder();
            var mode = BlockMode.None;

            void Flush()
            {
                if (current.Length > 0)
                {
                    result.Add(current.ToString());
                    current.Clear();
                }

                mode = BlockMode.None;
            }

            var inFence = false;
            foreach (var line in lines)
            {
                var text = line.Text;
                if (IsFence(text))
                {
                    Flush();
                    inFence = !inFence;
                    mode = inFence ? BlockMode.Code : BlockMode.None;
                    continue;
                }

                if (inFence)
                {
                    if (current.Length > 0)
                    {
                        current.Append('\n');
                    }

                    current.Append("    ").Append(text);
                    continue;
                }

                var trimmed = text.Trim();
                if (trimmed.Length == 0)
                {
                    Flush();
                    continue;
                }

                if (trimmed.StartsWith("|", StringComparison.Ordinal))
                {
                    if (mode != BlockMode.Table)
                    {
                        Flush();
                        mode = BlockMode.Table;
                    }
                    else
                    {
                        current.Append('\n');
                    }

                    current.Append(trimmed);
                    continue;
                }

                if (IsListItem(trimmed))
                {
                    Flush();
                    mode = BlockMode.List;
                    current.Append(trimmed);
                    continue;
                }

                if (mode == BlockMode.Table)
                {
                    Flush();
                }

                if (current.Length > 0)
                {
                    current.Append(' ');
                }

                current.Append(trimmed);
                if (mode == BlockMode.None)
                {
                    mode = BlockMode.Text;
                }
            }

            Flush();
            return result.Select(Inline).ToList();
        }

        private static bool IsListItem(string trimmed)
        {
            if (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("* ", StringComparison.Ordinal))
            {
                return true;
            }

            var digits = 0;
            while (digits < trimmed.Length && char.IsDigit(trimmed[digits]))
            {
                digits++;
            }

            return digits > 0 && digits + 1 < trimmed.Length && trimmed[digits] == '.' && trimmed[digits + 1] == ' ';
        }

        /// <summary>Removes the markdown that reads badly as plain text: emphasis markers and link syntax.</summary>
        public static string Inline(string text)
        {
            var withoutEmphasis = text.Replace("**", string.Empty);
            var sb = new StringBuilder(withoutEmphasis.Length);
            var i = 0;
            while (i < withoutEmphasis.Length)
            {
                var c = withoutEmphasis[i];
                if (c == '[')
                {
                    var close = withoutEmphasis.IndexOf("](", i, StringComparison.Ordinal);
                    var end = close < 0 ? -1 : withoutEmphasis.IndexOf(')', close + 2);
                    if (close > i && end > close && withoutEmphasis.IndexOf('\n', i, end - i) < 0)
                    {
                        var label = withoutEmphasis.Substring(i + 1, close - i - 1);
                        var target = withoutEmphasis.Substring(close + 2, end - close - 2);
                        sb.Append(label);
                        if (target.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                        {
                            sb.Append(" (").Append(target).Append(')');
                        }

                        i = end + 1;
                        continue;
                    }
                }

                sb.Append(c);
                i++;
            }

            return sb.ToString();
        }

        private enum BlockMode
        {
            None,
            Text,
            List,
            Table,
            Code,
        }
    }
}
