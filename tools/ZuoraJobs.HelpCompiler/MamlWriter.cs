using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace ZuoraJobs.HelpCompiler
{
    /// <summary>Writes parsed pages as the MAML (<c>&lt;Assembly&gt;.dll-Help.xml</c>) that Get-Help reads for cmdlets.</summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        private static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

        public static XDocument Write(IEnumerable<CommandPage> pages) =>
            new XDocument(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems",
                    new XAttribute("schema", "maml"),
                    pages.Select(CommandElement)));

        private static XElement CommandElement(CommandPage page) =>
            new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", page.Name),
                    new XElement(Command + "verb", page.Verb),
                    new XElement(Command + "noun", page.Noun),
                    Description(new[] { page.Synopsis })),
                Description(page.Description),
                new XElement(Command + "syntax", OrderedSets(page).Select(set => SyntaxItem(page, set))),
                new XElement(Command + "parameters", page.Parameters.Select(p => ParameterElement(p, p.Metadata[0], inSyntax: false))),
                new XElement(Command + "inputTypes", page.Inputs.Select(t => TypeElement(Command + "inputType", t))),
                new XElement(Command + "returnValues", page.Outputs.Select(t => TypeElement(Command + "returnValue", t))),
                new XElement(Maml + "alertSet",
                    new XElement(Maml + "alert", page.Notes.Select(Para))),
                new XElement(Command + "examples", page.Examples.Select(ExampleElement)),
                new XElement(Command + "relatedLinks", Links(page)));

        /// <summary>The default parameter set first, as Get-Command shows it.</summary>
        private static IEnumerable<SyntaxSet> OrderedSets(CommandPage page) =>
            page.Syntax.Where(s => s.IsDefault).Concat(page.Syntax.Where(s => !s.IsDefault));

        private static XElement SyntaxItem(CommandPage page, SyntaxSet set)
        {
            var members = page.Parameters
                .Select((p, index) => (Parameter: p, Index: index, Metadata: p.Metadata.FirstOrDefault(m => m.AppliesTo(set.Name))))
                .Where(x => x.Metadata != null)
                .OrderBy(x => int.TryParse(x.Metadata!.Position, out var position) ? position : int.MaxValue)
                .ThenBy(x => x.Index);
            return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", page.Name),
                members.Select(x => ParameterElement(x.Parameter, x.Metadata!, inSyntax: true)));
        }

        private static XElement ParameterElement(ParameterDoc parameter, ParameterMetadata metadata, bool inSyntax)
        {
            var isSwitch = metadata.Type == "SwitchParameter";
            var element = new XElement(Command + "parameter",
                new XAttribute("required", metadata.Required ? "true" : "false"),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", metadata.Wildcards ? "true" : "false"),
                new XAttribute("pipelineInput", metadata.PipelineInput),
                new XAttribute("position", metadata.Position == "Named" ? "named" : metadata.Position),
                new XAttribute("aliases", metadata.Aliases.Count == 0 ? "none" : string.Join(", ", metadata.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Description(parameter.Description));
            if (inSyntax && metadata.AcceptedValues.Count > 0)
            {
                // Get-Help shows these in the syntax as -Name {A | B}.
                element.Add(new XElement(Command + "parameterValueGroup",
                    metadata.AcceptedValues.Select(v => new XElement(Command + "parameterValue",
                        new XAttribute("required", "false"),
                        new XAttribute(Command + "variableLength", "false"),
                        v))));
            }

            if (!(isSwitch && inSyntax))
            {
                element.Add(new XElement(Command + "parameterValue",
                    new XAttribute("required", isSwitch ? "false" : "true"),
                    new XAttribute("variableLength", "false"),
                    metadata.Type));
            }

            element.Add(
                new XElement(Dev + "type",
                    new XElement(Maml + "name", metadata.Type),
                    new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", metadata.DefaultValue));
            return element;
        }

        private static XElement TypeElement(XName name, TypeDoc type) =>
            new XElement(name,
                new XElement(Dev + "type",
                    new XElement(Maml + "name", type.Name)),
                Description(type.Description));

        private static XElement ExampleElement(Example example) =>
            new XElement(Command + "example",
                new XElement(Maml + "title", ExampleTitle(example.Title)),
                new XElement(Dev + "code", string.Join("\n\n", example.Code.Select(c => c.Text))),
                // platyPS writes none, but without this empty paragraph Get-Help runs one example into the next.
                new XElement(Dev + "remarks", example.Remarks.Select(Para), Para(string.Empty)));

        /// <summary>The title framed by dashes to about 64 characters, as platyPS 0.14 writes it; long titles stay bare.</summary>
        private static string ExampleTitle(string title)
        {
            var dashes = (64 - title.Length - 2) / 2;
            if (dashes <= 0)
            {
                return title;
            }

            var frame = new string('-', dashes);
            return frame + " " + title + " " + frame;
        }

        private static IEnumerable<XElement> Links(CommandPage page)
        {
            if (page.FrontMatter.TryGetValue("online version", out var online) && online.Length > 0)
            {
                yield return Link("Online Version:", online);
            }

            foreach (var link in page.Links)
            {
                var uri = link.Uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? link.Uri : string.Empty;
                yield return Link(link.Text, uri);
            }
        }

        private static XElement Link(string text, string uri) =>
            new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", text),
                new XElement(Maml + "uri", uri));

        private static XElement Description(IEnumerable<string> paragraphs) =>
            new XElement(Maml + "description", paragraphs.Select(Para));

        private static XElement Para(string text) => new XElement(Maml + "para", text);
    }
}
