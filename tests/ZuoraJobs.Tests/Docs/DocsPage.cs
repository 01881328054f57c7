using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Docs
{
    /// <summary>A fenced code block of a docs page, with the section it is in and its first line number.</summary>
    public sealed record DocsCodeBlock(string File, int Line, string Language, string Section, string Text)
    {
        public override string ToString() => $"{Path.GetFileName(File)}:{Line}";
    }

    /// <summary>One yaml metadata block under a '### -Name' heading.</summary>
    public sealed record DocsParameterBlock(IReadOnlyDictionary<string, string> Values)
    {
        public string this[string key] => Values.TryGetValue(key, out var value) ? value : string.Empty;

        public IReadOnlyList<string> List(string key) =>
            this[key].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

        public bool AppliesTo(string set) => List("Parameter Sets").Any(s => s == "(All)" || string.Equals(s, set, StringComparison.OrdinalIgnoreCase));
    }

    public sealed record DocsSyntax(string SetName, bool IsDefault, string Text);

    /// <summary>
    /// A deliberately independent reading of the platyPS 0.14 pages in docs/ (the help compiler has its own), so a
    /// compiler bug cannot hide a documentation mistake.
    /// </summary>
    public sealed class DocsPage
    {
        public static string DocsFolder => Path.Combine(RepoPaths.Root, "docs");

        private DocsPage(string file, string name)
        {
            File = file;
            Name = name;
        }

        public string File { get; }
        public string Name { get; }
        public string Synopsis { get; private set; } = string.Empty;
        public int ExampleCount { get; private set; }
        public List<DocsSyntax> Syntax { get; } = new List<DocsSyntax>();
        public Dictionary<string, List<DocsParameterBlock>> Parameters { get; } = new Dictionary<string, List<DocsParameterBlock>>(StringComparer.OrdinalIgnoreCase);
        public List<DocsCodeBlock> CodeBlocks { get; } = new List<DocsCodeBlock>();
        public List<string> Sections { get; } = new List<string>();

        /// <summary>Cmdlet pages: docs/Verb-Noun.md (not about_*.md, README.md or other plain documents such as reliability.md).</summary>
        public static IReadOnlyList<DocsPage> CommandPages() =>
            Directory.GetFiles(DocsFolder, "*.md")
                .Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                .Where(f => Path.GetFileNameWithoutExtension(f).IndexOf('-') > 0)
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(Load)
                .ToList();

        /// <summary>Help pages open with platyPS front matter; README.md and reliability.md are plain documentation.</summary>
        public static bool HasFrontMatter(string file) => System.IO.File.ReadLines(file).FirstOrDefault()?.Trim() == "---";

        /// <summary>Every markdown file under docs/, cmdlet pages, about topics and the README alike.</summary>
        public static IReadOnlyList<DocsPage> AllFiles() =>
            Directory.GetFiles(DocsFolder, "*.md").OrderBy(f => f, StringComparer.Ordinal).Select(Load).ToList();

        public static DocsPage Load(string file)
        {
            var page = new DocsPage(file, Path.GetFileNameWithoutExtension(file));
            var lines = System.IO.File.ReadAllText(file).Replace("\r\n", "\n").Split('\n');
            string h2 = string.Empty, h3 = string.Empty;
            List<string>? code = null;
            var codeLanguage = string.Empty;
            var codeLine = 0;
            var synopsis = new List<string>();
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    if (code == null)
                    {
                        code = new List<string>();
                        codeLanguage = line.Trim().Substring(3).Trim();
                        codeLine = i + 1;
                        continue;
                    }

                    var text = string.Join("\n", code);
                    page.CodeBlocks.Add(new DocsCodeBlock(file, codeLine, codeLanguage, h2, text));
                    if (h2 == "SYNTAX" && codeLanguage.Length == 0)
                    {
                        var isDefault = h3.Length == 0 || h3.EndsWith("(Default)", StringComparison.Ordinal);
                        var set = h3.Length == 0 ? string.Empty : h3.Replace("(Default)", string.Empty).Trim();
                        page.Syntax.Add(new DocsSyntax(set, isDefault, string.Join(" ", code.Select(c => c.Trim()))));
                    }
                    else if (h2 == "PARAMETERS" && codeLanguage == "yaml" && h3.StartsWith("-", StringComparison.Ordinal))
                    {
                        var values = new Dictionary<string, string>(StringComparer.Ordinal);
                        foreach (var entry in code.Where(c => c.Contains(':')))
                        {
                            var colon = entry.IndexOf(':');
                            values[entry.Substring(0, colon).Trim()] = entry.Substring(colon + 1).Trim();
                        }

                        page.Parameters[h3.Substring(1)].Add(new DocsParameterBlock(values));
                    }

                    code = null;
                    continue;
                }

                if (code != null)
                {
                    code.Add(line);
                    continue;
                }

                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    h2 = line.Substring(3).Trim();
                    h3 = string.Empty;
                    page.Sections.Add(h2);
                }
                else if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    h3 = line.Substring(4).Trim();
                    if (h2 == "PARAMETERS" && h3.StartsWith("-", StringComparison.Ordinal))
                    {
                        page.Parameters[h3.Substring(1)] = new List<DocsParameterBlock>();
                    }
                    else if (h2 == "EXAMPLES")
                    {
                        page.ExampleCount++;
                    }
                }
                else if (h2 == "SYNOPSIS" && line.Trim().Length > 0)
                {
                    synopsis.Add(line.Trim());
                }
            }

            page.Synopsis = string.Join(" ", synopsis);
            return page;
        }
    }
}
