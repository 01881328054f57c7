using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ZuoraJobs.HelpCompiler
{
    /// <summary>
    /// Renders an about topic (<c># about_X</c>, <c>## SHORT DESCRIPTION</c>, <c>## LONG DESCRIPTION</c>, further
    /// <c>##</c>/<c>###</c> sections) as the plain text Get-Help shows: section names in capitals at the margin, text
    /// indented four spaces and wrapped at 80 columns, code and tables kept line for line.
    /// </summary>
    internal static class AboutWriter
    {
        private const int Width = 80;
        private const string Indent = "    ";

        public static string Render(string file, string markdown)
        {
            var lines = MarkdownLines.Read(markdown);
            var topics = MarkdownLines.Sections(lines, 1);
            var expected = Path.GetFileNameWithoutExtension(file);
            if (topics.Count != 1 || topics[0].Title != expected)
            {
                throw new HelpFormatException(file, 1, $"An about page has one title '# {expected}'.");
            }

            var sections = MarkdownLines.Sections(topics[0].Body, 2);
            if (sections.Count < 2 || sections[0].Title != "SHORT DESCRIPTION" || sections[1].Title != "LONG DESCRIPTION")
            {
                throw new HelpFormatException(file, topics[0].Line, "An about page starts with '## SHORT DESCRIPTION' then '## LONG DESCRIPTION'.");
            }

            var text = new StringBuilder();
            text.Append("TOPIC\n").Append(Indent).Append(expected).Append('\n');
            foreach (var section in sections)
            {
                text.Append('\n').Append(section.Title.ToUpperInvariant()).Append('\n');
                RenderBody(text, MarkdownLines.Preamble(section.Body, 3));
                foreach (var sub in MarkdownLines.Sections(section.Body, 3))
                {
                    text.Append('\n').Append(Indent).Append(sub.Title).Append('\n');
                    text.Append(Indent).Append(new string('-', sub.Title.Length)).Append('\n');
                    RenderBody(text, sub.Body);
                }
            }

            return text.ToString();
        }

        private static void RenderBody(StringBuilder text, IReadOnlyList<SourceLine> body)
        {
            var inFence = false;
            var paragraph = new List<SourceLine>();

            void FlushParagraph()
            {
                foreach (var block in MarkdownLines.Paragraphs(paragraph))
                {
                    text.Append('\n');
                    if (block.StartsWith("|", StringComparison.Ordinal))
                    {
                        foreach (var row in block.Split('\n'))
                        {
                            text.Append(Indent).Append(row).Append('\n');
                        }
                    }
                    else if (block.StartsWith("- ", StringComparison.Ordinal) || block.StartsWith("* ", StringComparison.Ordinal))
                    {
                        Wrap(text, "- " + block.Substring(2), Indent, Indent + "  ");
                    }
                    else
                    {
                        Wrap(text, block, Indent, Indent);
                    }
                }

                paragraph.Clear();
            }

            foreach (var line in body)
            {
                if (MarkdownLines.IsFence(line.Text))
                {
                    if (!inFence)
                    {
                        FlushParagraph();
                        text.Append('\n');
                    }

                    inFence = !inFence;
                    continue;
                }

                if (inFence)
                {
                    text.Append(line.Text.Length == 0 ? string.Empty : Indent + Indent + line.Text).Append('\n');
                }
                else
                {
                    paragraph.Add(line);
                }
            }

            FlushParagraph();
        }

        private static void Wrap(StringBuilder text, string paragraph, string first, string rest)
        {
            var line = new StringBuilder(first);
            var empty = true;
            foreach (var word in paragraph.Split(' ').Where(w => w.Length > 0))
            {
                if (!empty && line.Length + 1 + word.Length > Width)
                {
                    text.Append(line).Append('\n');
                    line.Clear().Append(rest);
                    empty = true;
                }

                if (!empty)
                {
                    line.Append(' ');
                }

                line.Append(word);
                empty = false;
            }

            text.Append(line).Append('\n');
        }
    }
}
