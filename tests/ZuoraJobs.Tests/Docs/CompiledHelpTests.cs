using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Docs
{
    /// <summary>The MAML and about topic the build compiles from docs/ are what Get-Help shows in the real engine.</summary>
    public class CompiledHelpTests
    {
        private static string HelpFolder => Path.Combine(RepoPaths.ModuleFolder, "en-US");

        [Fact]
        public void The_build_lays_out_the_compiled_help_beside_the_assembly()
        {
            foreach (var file in new[] { "ZuoraJobs.dll-Help.xml", "about_ZuoraJobs.help.txt" })
            {
                var path = Path.Combine(HelpFolder, file);
                Assert.True(File.Exists(path), path + " is missing: the build should compile it from docs/");
                Assert.True(new FileInfo(path).Length > 1000, path + " is suspiciously small");
            }
        }

        [Fact]
        public void The_compiled_help_is_not_older_than_the_docs()
        {
            var compiled = File.GetLastWriteTimeUtc(Path.Combine(HelpFolder, "ZuoraJobs.dll-Help.xml"));
            var stale = Directory.GetFiles(DocsPage.DocsFolder, "*.md")
                .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
                .Where(f => File.GetLastWriteTimeUtc(f) > compiled)
                .Select(Path.GetFileName)
                .ToList();

            Assert.True(stale.Count == 0, "Edited after the help was compiled (run dotnet build): " + string.Join(", ", stale));
        }

        [Fact]
        public void Get_Help_Full_shows_synopsis_description_examples_and_every_parameter()
        {
            var pages = DocsPage.CommandPages().ToDictionary(p => p.Name, StringComparer.Ordinal);
            var problems = new List<string>();
            using var session = new PowerShellSession();
            foreach (var cmdlet in CmdletPageTests.ExportedCmdlets())
            {
                var result = session.Run(
                    """
                    $help = Get-Help -Name $args[0] -Full
                    [string]$help.Synopsis
                    [string](@($help.description | ForEach-Object Text) -join ' ')
                    [string]@($help.examples.example).Count
                    [string](@($help.examples.example | ForEach-Object { [string]$_.code }) -join ' ')
                    foreach ($parameter in @($help.parameters.parameter)) {
                        '{0}={1}' -f $parameter.name, (@($parameter.description | ForEach-Object Text) -join ' ')
                    }
                    """,
                    cmdlet.Name);
                if (result.Errors.Count > 0 || result.Output.Count < 4)
                {
                    problems.Add($"{cmdlet.Name}: Get-Help failed: {result.ErrorSummary}");
                    continue;
                }

                var lines = result.Output.Select(o => o?.ToString() ?? string.Empty).ToList();
                var page = pages[cmdlet.Name];
                if (lines[0] != page.Synopsis)
                {
                    problems.Add($"{cmdlet.Name}: Get-Help synopsis is '{lines[0]}', the page's is '{page.Synopsis}' (is the MAML found?)");
                }

                if (lines[1].Trim().Length < 40)
                {
                    problems.Add($"{cmdlet.Name}: Get-Help shows no description");
                }

                if (lines[2] != page.ExampleCount.ToString(System.Globalization.CultureInfo.InvariantCulture) || page.ExampleCount == 0)
                {
                    problems.Add($"{cmdlet.Name}: Get-Help shows {lines[2]} examples, the page has {page.ExampleCount}");
                }

                if (!lines[3].Contains(cmdlet.Name, StringComparison.Ordinal))
                {
                    problems.Add($"{cmdlet.Name}: no example code calls the cmdlet itself");
                }

                var described = lines.Skip(4).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in cmdlet.Parameters.Keys.Where(n => !CmdletPageTests.IsCommon(n)))
                {
                    if (!described.TryGetValue(parameter, out var text) || text.Trim().Length == 0)
                    {
                        problems.Add($"{cmdlet.Name}: Get-Help shows no description for -{parameter}");
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void Get_Help_about_ZuoraJobs_shows_the_topic()
        {
            using var session = new PowerShellSession();
            var result = session.Run("Get-Help -Name about_ZuoraJobs | ForEach-Object { [string]$_ }");

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var text = string.Join("\n", result.Output.Select(o => o.ToString()));
            Assert.Contains("about_ZuoraJobs", text, StringComparison.Ordinal);
            Assert.Contains("SHORT DESCRIPTION", text, StringComparison.Ordinal);
            Assert.Contains("Get-AutomationPSCredential", text, StringComparison.Ordinal);
            Assert.Contains("AsyncJobTimeout", text, StringComparison.Ordinal);
        }
    }
}
