using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ZuoraJobs.HelpCompiler
{
    internal sealed record SyntaxSet(string Name, bool IsDefault, string Text);

    internal sealed record Example(string Title, IReadOnlyList<CodeBlock> Code, IReadOnlyList<string> Remarks);

    /// <summary>One yaml metadata block of a parameter; a parameter has one per group of sets that share the values.</summary>
    internal sealed record ParameterMetadata(
        string Type,
        IReadOnlyList<string> Sets,
        IReadOnlyList<string> Aliases,
        bool Required,
        string Position,
        string DefaultValue,
        string PipelineInput,
        bool Wildcards,
        IReadOnlyList<string> AcceptedValues)
    {
        public bool AppliesTo(string set) =>
            set == CommandPage.AllSets || Sets.Contains(CommandPage.AllSets, StringComparer.OrdinalIgnoreCase) || Sets.Contains(set, StringComparer.OrdinalIgnoreCase);
    }

    internal sealed record ParameterDoc(string Name, IReadOnlyList<string> Description, IReadOnlyList<ParameterMetadata> Metadata);

    internal sealed record TypeDoc(string Name, IReadOnlyList<string> Description);

    internal sealed record LinkDoc(string Text, string Uri);

    /// <summary>A cmdlet page in legacy platyPS 0.14 markdown (<c>schema: 2.0.0</c>), parsed strictly.</summary>
    internal sealed class CommandPage
    {
        /// <summary>The set name platyPS writes for a parameter that belongs to every set.</summary>
        public const string AllSets = "(All)";

        private static readonly string[] RequiredSections =
        {
            "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        };

        private static readonly string[] MetadataKeys =
        {
            "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input",
            "Accept wildcard characters",
        };

        private CommandPage(string file)
        {
            File = file;
        }

        public string File { get; }
        public IReadOnlyDictionary<string, string> FrontMatter { get; private set; } = new Dictionary<string, string>();
        public string Name { get; private set; } = string.Empty;
        public string Synopsis { get; private set; } = string.Empty;
        public List<SyntaxSet> Syntax { get; } = new List<SyntaxSet>();
        public List<string> Description { get; private set; } = new List<string>();
        public List<Example> Examples { get; } = new List<Example>();
        public List<ParameterDoc> Parameters { get; } = new List<ParameterDoc>();
        public bool SupportsCommonParameters { get; private set; }
        public List<TypeDoc> Inputs { get; private set; } = new List<TypeDoc>();
        public List<TypeDoc> Outputs { get; private set; } = new List<TypeDoc>();
        public List<string> Notes { get; private set; } = new List<string>();
        public List<LinkDoc> Links { get; } = new List<LinkDoc>();

        public string Verb => Name.Split('-')[0];
        public string Noun => Name.Contains('-') ? Name.Substring(Name.IndexOf('-') + 1) : string.Empty;

        public static CommandPage Parse(string file, string text)
        {
            var page = new CommandPage(file);
            var lines = MarkdownLines.Read(text);
            var body = page.ReadFrontMatter(lines);

            var title = MarkdownLines.Sections(body, 1);
            if (title.Count != 1)
            {
                throw page.Error(1, "A page has exactly one '# <Verb-Noun>' title.");
            }

            page.Name = title[0].Title;
            var expected = Path.GetFileNameWithoutExtension(file);
            if (!string.Equals(page.Name, expected, StringComparison.Ordinal))
            {
                throw page.Error(title[0].Line, $"The title '{page.Name}' does not match the file name '{expected}'.");
            }

            var sections = MarkdownLines.Sections(title[0].Body, 2);
            var names = sections.Select(s => s.Title).ToList();
            if (!names.SequenceEqual(RequiredSections, StringComparer.Ordinal))
            {
                throw page.Error(title[0].Line,
                    $"Sections must be exactly: {string.Join(", ", RequiredSections)} (in that order); found: {string.Join(", ", names)}.");
            }

            Section Get(string name) => sections.First(s => s.Title == name);

            page.Synopsis = string.Join(" ", MarkdownLines.Paragraphs(Get("SYNOPSIS").Body));
            if (page.Synopsis.Length == 0)
            {
                throw page.Error(Get("SYNOPSIS").Line, "SYNOPSIS is empty.");
            }

            page.ReadSyntax(Get("SYNTAX"));
            page.Description = page.NonEmpty(Get("DESCRIPTION"), MarkdownLines.Paragraphs(Get("DESCRIPTION").Body));
            page.ReadExamples(Get("EXAMPLES"));
            page.ReadParameters(Get("PARAMETERS"));
            page.Inputs = page.ReadTypes(Get("INPUTS"));
            page.Outputs = page.ReadTypes(Get("OUTPUTS"));
            page.Notes = page.NonEmpty(Get("NOTES"), MarkdownLines.Paragraphs(Get("NOTES").Body));
            page.ReadLinks(Get("RELATED LINKS"));
            return page;
        }

        public HelpFormatException Error(int line, string message) => new HelpFormatException(File, line, message);

        private List<SourceLine> ReadFrontMatter(List<SourceLine> lines)
        {
            if (lines.Count == 0 || lines[0].Text.Trim() != "---")
            {
                throw Error(1, "The page must start with the platyPS front matter ('---' ... '---').");
            }

            var end = lines.FindIndex(1, l => l.Text.Trim() == "---");
            if (end < 0)
            {
                throw Error(1, "The front matter is not closed with '---'.");
            }

            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1).Take(end - 1))
            {
                var colon = line.Text.IndexOf(':');
                if (colon > 0)
                {
                    values[line.Text.Substring(0, colon).Trim()] = line.Text.Substring(colon + 1).Trim();
                }
            }

            if (!values.TryGetValue("schema", out var schema) || schema != "2.0.0")
            {
                throw Error(1, "The front matter must say 'schema: 2.0.0' (legacy platyPS 0.14 markdown).");
            }

            if (!values.ContainsKey("external help file") || !values.ContainsKey("Module Name"))
            {
                throw Error(1, "The front matter needs 'external help file' and 'Module Name'.");
            }

            FrontMatter = values;
            return lines.Skip(end + 1).ToList();
        }

        private List<string> NonEmpty(Section section, List<string> paragraphs)
        {
            if (paragraphs.Count == 0)
            {
                throw Error(section.Line, $"{section.Title} is empty.");
            }

            return paragraphs;
        }

        private void ReadSyntax(Section section)
        {
            var sets = MarkdownLines.Sections(section.Body, 3);
            if (sets.Count == 0)
            {
                // A cmdlet with one parameter set: platyPS writes its syntax without a set heading.
                sets.Add(new Section(AllSets + " (Default)", section.Line, section.Body));
            }

            foreach (var set in sets)
            {
                var isDefault = set.Title.EndsWith("(Default)", StringComparison.Ordinal);
                var name = isDefault ? set.Title.Substring(0, set.Title.Length - "(Default)".Length).Trim() : set.Title;
                var blocks = MarkdownLines.CodeBlocks(set.Body);
                if (blocks.Count != 1)
                {
                    throw Error(set.Line, $"Parameter set '{name}' needs exactly one code block with its syntax.");
                }

                var text = string.Join(" ", blocks[0].Lines.Select(l => l.Trim()).Where(l => l.Length > 0));
                if (!text.StartsWith(Name + " ", StringComparison.Ordinal) && text != Name)
                {
                    throw Error(blocks[0].Line, $"The syntax of '{name}' must start with '{Name}'.");
                }

                Syntax.Add(new SyntaxSet(name, isDefault, text));
            }

            if (Syntax.Count(s => s.IsDefault) != 1)
            {
                throw Error(section.Line, "SYNTAX marks exactly one parameter set '(Default)'.");
            }
        }

        private void ReadExamples(Section section)
        {
            foreach (var example in MarkdownLines.Sections(section.Body, 3))
            {
                var code = MarkdownLines.CodeBlocks(example.Body);
                if (code.Count == 0)
                {
                    throw Error(example.Line, $"Example '{example.Title}' has no code block.");
                }

                var remarks = MarkdownLines.ProseParagraphs(example.Body);
                if (remarks.Count == 0)
                {
                    throw Error(example.Line, $"Example '{example.Title}' needs a sentence saying what it does.");
                }

                Examples.Add(new Example(example.Title, code, remarks));
            }

            if (Examples.Count == 0)
            {
                throw Error(section.Line, "EXAMPLES needs at least one '### Example N: ...'.");
            }
        }

        private void ReadParameters(Section section)
        {
            foreach (var parameter in MarkdownLines.Sections(section.Body, 3))
            {
                if (parameter.Title == "CommonParameters")
                {
                    SupportsCommonParameters = true;
                    continue;
                }

                if (!parameter.Title.StartsWith("-", StringComparison.Ordinal))
                {
                    throw Error(parameter.Line, $"Parameter headings are '### -Name' or '### CommonParameters', not '{parameter.Title}'.");
                }

                var name = parameter.Title.Substring(1).Trim();
                var description = MarkdownLines.ProseParagraphs(parameter.Body);
                if (description.Count == 0)
                {
                    throw Error(parameter.Line, $"Parameter -{name} has no description.");
                }

                var blocks = MarkdownLines.CodeBlocks(parameter.Body);
                if (blocks.Count == 0 || blocks.Any(b => b.Language != "yaml"))
                {
                    throw Error(parameter.Line, $"Parameter -{name} needs its ```yaml metadata block (and nothing but yaml blocks).");
                }

                Parameters.Add(new ParameterDoc(name, description, blocks.Select(b => ReadMetadata(name, b)).ToList()));
            }

            if (!SupportsCommonParameters)
            {
                throw Error(section.Line, "PARAMETERS must end with '### CommonParameters'.");
            }
        }

        private ParameterMetadata ReadMetadata(string parameter, CodeBlock block)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in block.Lines.Where(l => l.Trim().Length > 0))
            {
                var colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    throw Error(block.Line, $"-{parameter}: '{line}' is not 'Key: value'.");
                }

                values[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }

            var missing = MetadataKeys.Where(k => !values.ContainsKey(k)).ToList();
            if (missing.Count > 0)
            {
                throw Error(block.Line, $"-{parameter}: the metadata block lacks {string.Join(", ", missing)}.");
            }

            static List<string> List(string value) =>
                value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

            bool Bool(string key) => values[key] switch
            {
                "True" => true,
                "False" => false,
                _ => throw Error(block.Line, $"-{parameter}: '{key}' must be True or False."),
            };

            var pipeline = values["Accept pipeline input"];
            if (!pipeline.StartsWith("True", StringComparison.Ordinal) && pipeline != "False")
            {
                throw Error(block.Line, $"-{parameter}: 'Accept pipeline input' must be False or True (ByValue|ByPropertyName, ...).");
            }

            var position = values["Position"];
            if (position != "Named" && !int.TryParse(position, out _))
            {
                throw Error(block.Line, $"-{parameter}: 'Position' must be a number or Named.");
            }

            return new ParameterMetadata(
                values["Type"],
                List(values["Parameter Sets"]),
                List(values["Aliases"]),
                Bool("Required"),
                position,
                values["Default value"],
                pipeline,
                Bool("Accept wildcard characters"),
                values.TryGetValue("Accepted values", out var accepted) ? List(accepted) : new List<string>());
        }

        private List<TypeDoc> ReadTypes(Section section)
        {
            var types = MarkdownLines.Sections(section.Body, 3)
                .Select(t => new TypeDoc(t.Title, MarkdownLines.Paragraphs(t.Body)))
                .ToList();
            if (types.Count == 0)
            {
                throw Error(section.Line, $"{section.Title} needs a '### <TypeName>' per type (or '### None').");
            }

            return types;
        }

        private void ReadLinks(Section section)
        {
            foreach (var line in section.Body.Select(l => l.Text.Trim()).Where(l => l.Length > 0))
            {
                var close = line.IndexOf("](", StringComparison.Ordinal);
                if (!line.StartsWith("[", StringComparison.Ordinal) || close < 0 || !line.EndsWith(")", StringComparison.Ordinal))
                {
                    throw Error(section.Line, $"RELATED LINKS lines are markdown links '[text](target)'; '{line}' is not.");
                }

                Links.Add(new LinkDoc(line.Substring(1, close - 1), line.Substring(close + 2, line.Length - close - 3)));
            }

            if (Links.Count == 0)
            {
                throw Error(section.Line, "RELATED LINKS is empty.");
            }
        }
    }
}
