using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Xunit;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Docs
{
    /// <summary>The docs pages describe the cmdlets the built module really exports, read from Get-Command metadata.</summary>
    public class CmdletPageTests
    {
        /// <summary>The one page allowed to exist before its cmdlet does (it was written alongside the cmdlet).</summary>
        private const string PageAheadOfItsCmdlet = "Wait-ZuoraAsyncJob";

        private static readonly string[] RequiredSections =
        {
            "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        };

        private static readonly string[] MetadataKeys =
        {
            "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input",
            "Accept wildcard characters",
        };

        internal static List<CmdletInfo> ExportedCmdlets()
        {
            using var session = new PowerShellSession();
            var result = session.Run("Get-Command -Module ZuoraJobs -CommandType Cmdlet");
            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            return result.Output.Select(o => (CmdletInfo)o.BaseObject).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        }

        internal static bool IsCommon(string parameter) =>
            Cmdlet.CommonParameters.Contains(parameter) || Cmdlet.OptionalCommonParameters.Contains(parameter);

        [Fact]
        public void Every_exported_cmdlet_has_a_docs_page()
        {
            var pages = DocsPage.CommandPages().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var cmdlets = ExportedCmdlets();

            Assert.NotEmpty(cmdlets);
            var missing = cmdlets.Select(c => c.Name).Where(n => !pages.Contains(n)).ToList();
            Assert.True(missing.Count == 0, "No docs/<cmdlet>.md for: " + string.Join(", ", missing));
        }

        [Fact]
        public void Every_page_documents_an_exported_cmdlet()
        {
            var cmdlets = ExportedCmdlets().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var orphans = DocsPage.CommandPages().Select(p => p.Name)
                .Where(n => !cmdlets.Contains(n) && n != PageAheadOfItsCmdlet)
                .ToList();

            Assert.True(orphans.Count == 0, "Pages without a cmdlet: " + string.Join(", ", orphans));
        }

        [Fact]
        public void Every_page_is_a_complete_platyPS_0_14_page()
        {
            var problems = new List<string>();
            foreach (var page in DocsPage.CommandPages())
            {
                var text = System.IO.File.ReadAllText(page.File);
                if (!text.StartsWith("---", StringComparison.Ordinal) || !text.Contains("\nschema: 2.0.0\n", StringComparison.Ordinal)
                    || !text.Contains("\nexternal help file: ZuoraJobs.dll-Help.xml\n", StringComparison.Ordinal)
                    || !text.Contains("\nModule Name: ZuoraJobs\n", StringComparison.Ordinal))
                {
                    problems.Add($"{page.Name}: front matter must name schema 2.0.0, ZuoraJobs.dll-Help.xml and the module");
                }

                if (!text.Contains($"\n# {page.Name}\n", StringComparison.Ordinal))
                {
                    problems.Add($"{page.Name}: the title must be '# {page.Name}'");
                }

                if (!page.Sections.SequenceEqual(RequiredSections))
                {
                    problems.Add($"{page.Name}: sections are {string.Join(", ", page.Sections)}");
                }

                if (page.Synopsis.Length == 0)
                {
                    problems.Add($"{page.Name}: empty SYNOPSIS");
                }

                if (page.ExampleCount == 0)
                {
                    problems.Add($"{page.Name}: no example");
                }

                foreach (var (name, blocks) in page.Parameters)
                {
                    if (blocks.Count == 0)
                    {
                        problems.Add($"{page.Name} -{name}: no yaml metadata block");
                    }

                    foreach (var key in MetadataKeys.Where(k => blocks.Any(b => !b.Values.ContainsKey(k))))
                    {
                        problems.Add($"{page.Name} -{name}: metadata lacks '{key}'");
                    }
                }

                if (!text.Contains("\n### CommonParameters\n", StringComparison.Ordinal))
                {
                    problems.Add($"{page.Name}: PARAMETERS must end with '### CommonParameters'");
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void Page_parameters_equal_the_cmdlet_parameters()
        {
            var problems = new List<string>();
            var pages = DocsPage.CommandPages().ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var cmdlet in ExportedCmdlets().Where(c => pages.ContainsKey(c.Name)))
            {
                problems.AddRange(Compare(cmdlet, pages[cmdlet.Name]));
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void Page_syntax_lists_each_parameter_set_with_its_parameters()
        {
            var problems = new List<string>();
            var pages = DocsPage.CommandPages().ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var cmdlet in ExportedCmdlets().Where(c => pages.ContainsKey(c.Name)))
            {
                var page = pages[cmdlet.Name];
                var sets = cmdlet.ParameterSets;
                if (sets.Count == 1)
                {
                    if (page.Syntax.Count != 1)
                    {
                        problems.Add($"{cmdlet.Name}: one parameter set, so SYNTAX has one code block and no set heading");
                        continue;
                    }
                }
                else
                {
                    var documented = page.Syntax.Select(s => s.SetName).OrderBy(s => s, StringComparer.Ordinal);
                    var real = sets.Select(s => s.Name).OrderBy(s => s, StringComparer.Ordinal);
                    if (!documented.SequenceEqual(real))
                    {
                        problems.Add($"{cmdlet.Name}: SYNTAX sets [{string.Join(", ", documented)}], cmdlet sets [{string.Join(", ", real)}]");
                        continue;
                    }

                    var defaultSet = sets.Single(s => s.IsDefault).Name;
                    var documentedDefault = page.Syntax.Where(s => s.IsDefault).Select(s => s.SetName).ToList();
                    if (documentedDefault.Count != 1 || documentedDefault[0] != defaultSet)
                    {
                        problems.Add($"{cmdlet.Name}: the default parameter set is {defaultSet}; SYNTAX marks [{string.Join(", ", documentedDefault)}]");
                    }
                }

                foreach (var set in sets)
                {
                    var syntax = sets.Count == 1 ? page.Syntax[0] : page.Syntax.Single(s => s.SetName == set.Name);
                    if (!syntax.Text.StartsWith(cmdlet.Name + " ", StringComparison.Ordinal))
                    {
                        problems.Add($"{cmdlet.Name} [{set.Name}]: the syntax must start with the cmdlet name");
                    }

                    if (!syntax.Text.EndsWith("[<CommonParameters>]", StringComparison.Ordinal))
                    {
                        problems.Add($"{cmdlet.Name} [{set.Name}]: the syntax must end with [<CommonParameters>]");
                    }

                    var named = System.Text.RegularExpressions.Regex.Matches(syntax.Text, @"(?<=[\s\[])-(\w+)")
                        .Select(m => m.Groups[1].Value).Where(n => !IsCommon(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
                    var real = set.Parameters.Select(p => p.Name).Where(n => !IsCommon(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
                    if (!named.SequenceEqual(real))
                    {
                        problems.Add($"{cmdlet.Name} [{set.Name}]: syntax lists [{string.Join(", ", named)}], the set has [{string.Join(", ", real)}]");
                    }

                    foreach (var parameter in set.Parameters.Where(p => !IsCommon(p.Name)))
                    {
                        // Optional: [-Name <T>], [[-Name] <T>] or the switch [-Name]; mandatory: -Name <T> or [-Name] <T>.
                        var n = System.Text.RegularExpressions.Regex.Escape(parameter.Name);
                        var optional = System.Text.RegularExpressions.Regex.IsMatch(syntax.Text,
                            $@"\[-{n} <[^>]+>\]|\[\[-{n}\] <[^>]+>\]|(?<!\[)\[-{n}\](?! <)");
                        if (optional == parameter.IsMandatory)
                        {
                            problems.Add($"{cmdlet.Name} [{set.Name}]: -{parameter.Name} is {(parameter.IsMandatory ? "mandatory" : "optional")} but the syntax shows it otherwise");
                        }
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        private static IEnumerable<string> Compare(CmdletInfo cmdlet, DocsPage page)
        {
            var realNames = cmdlet.Parameters.Keys.Where(n => !IsCommon(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var pageNames = page.Parameters.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
            foreach (var name in realNames.Except(pageNames, StringComparer.Ordinal))
            {
                yield return $"{cmdlet.Name}: -{name} is not documented";
            }

            foreach (var name in pageNames.Except(realNames, StringComparer.Ordinal))
            {
                yield return $"{cmdlet.Name}: the page documents -{name}, which the cmdlet does not have (or spells differently)";
            }

            var setNames = cmdlet.ParameterSets.Select(s => s.Name).ToList();
            foreach (var name in realNames.Intersect(pageNames, StringComparer.Ordinal))
            {
                var metadata = cmdlet.Parameters[name];
                var blocks = page.Parameters[name];
                var where = $"{cmdlet.Name} -{name}";

                foreach (var block in blocks)
                {
                    if (block["Type"] != metadata.ParameterType.Name && block["Type"] != metadata.ParameterType.FullName)
                    {
                        yield return $"{where}: Type is {metadata.ParameterType.Name}, the page says {block["Type"]}";
                    }

                    foreach (var set in block.List("Parameter Sets"))
                    {
                        if (set == "(All)")
                        {
                            if (setNames.Any(s => !metadata.ParameterSets.ContainsKey(s)) && !metadata.ParameterSets.ContainsKey(ParameterAttribute.AllParameterSets))
                            {
                                yield return $"{where}: the page says (All) but it is only in {string.Join(", ", metadata.ParameterSets.Keys)}";
                            }
                        }
                        else if (!setNames.Contains(set, StringComparer.Ordinal))
                        {
                            yield return $"{where}: the page names parameter set '{set}', which the cmdlet does not have";
                        }
                    }

                    var aliases = block.List("Aliases").OrderBy(a => a, StringComparer.Ordinal);
                    if (!aliases.SequenceEqual(metadata.Aliases.OrderBy(a => a, StringComparer.Ordinal)))
                    {
                        yield return $"{where}: Aliases are [{string.Join(", ", metadata.Aliases)}], the page says [{block["Aliases"]}]";
                    }

                    var validateSet = metadata.Attributes.OfType<ValidateSetAttribute>().SelectMany(v => v.ValidValues).OrderBy(v => v, StringComparer.Ordinal);
                    var accepted = block.List("Accepted values").OrderBy(v => v, StringComparer.Ordinal);
                    if (!accepted.SequenceEqual(validateSet))
                    {
                        yield return $"{where}: Accepted values are [{string.Join(", ", validateSet)}], the page says [{block["Accepted values"]}]";
                    }
                }

                foreach (var set in cmdlet.ParameterSets)
                {
                    var parameter = set.Parameters.FirstOrDefault(p => p.Name == name);
                    if (parameter == null)
                    {
                        if (blocks.Any(b => b.List("Parameter Sets").Contains(set.Name)))
                        {
                            yield return $"{where}: the page puts it in set {set.Name}, the cmdlet does not";
                        }

                        continue;
                    }

                    // A cmdlet with one parameter set may be documented as (All), as platyPS does.
                    var block = blocks.FirstOrDefault(b => b.AppliesTo(set.Name));
                    if (block == null)
                    {
                        yield return $"{where}: no metadata block covers parameter set {set.Name}";
                        continue;
                    }

                    var context = $"{where} [{set.Name}]";
                    var required = block["Required"] == "True";
                    if (required != parameter.IsMandatory)
                    {
                        yield return $"{context}: Required is {parameter.IsMandatory}, the page says {block["Required"]}";
                    }

                    var position = parameter.Position == int.MinValue ? "Named" : parameter.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (block["Position"] != position)
                    {
                        yield return $"{context}: Position is {position}, the page says {block["Position"]}";
                    }

                    var pipeline = block["Accept pipeline input"];
                    var byValue = pipeline.StartsWith("True", StringComparison.Ordinal) && pipeline.Contains("ByValue", StringComparison.Ordinal);
                    var byName = pipeline.StartsWith("True", StringComparison.Ordinal) && pipeline.Contains("ByPropertyName", StringComparison.Ordinal);
                    var wellFormed = pipeline == "False" || (pipeline.StartsWith("True (", StringComparison.Ordinal) && (byValue || byName));
                    if (!wellFormed || byValue != parameter.ValueFromPipeline || byName != parameter.ValueFromPipelineByPropertyName)
                    {
                        yield return $"{context}: pipeline input is ByValue={parameter.ValueFromPipeline}, ByPropertyName={parameter.ValueFromPipelineByPropertyName}; the page says '{pipeline}'";
                    }
                }
            }
        }
    }
}
