using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Xunit;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Docs
{
    /// <summary>
    /// The PowerShell in the docs, the Pester tests and build.ps1 parses, and every call to this module's cmdlets in
    /// the docs uses parameters those cmdlets have (no pwsh is needed: the parser is the engine's own).
    /// </summary>
    public class ScriptTests
    {
        private static IEnumerable<string> PesterFiles() =>
            Directory.Exists(Path.Combine(RepoPaths.Root, "tests", "Pester"))
                ? Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "Pester"), "*.ps1", SearchOption.AllDirectories)
                : Enumerable.Empty<string>();

        private static string BuildScript => Path.Combine(RepoPaths.Root, "build.ps1");

        /// <summary>The scripts build.ps1 and the Pester tests run: the simulator helper and the demo.</summary>
        private static IEnumerable<string> ToolScripts() =>
            Directory.GetFiles(Path.Combine(RepoPaths.Root, "tools"), "*.ps1", SearchOption.TopDirectoryOnly);

        private static List<DocsCodeBlock> PowerShellBlocks() =>
            DocsPage.AllFiles().SelectMany(p => p.CodeBlocks).Where(b => b.Language == "powershell").ToList();

        private static string ParseErrors(ParseError[] errors) =>
            string.Join("; ", errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}"));

        [Fact]
        public void Docs_code_blocks_are_PowerShell_yaml_or_syntax()
        {
            var problems = new List<string>();
            foreach (var page in DocsPage.AllFiles())
            {
                foreach (var block in page.CodeBlocks)
                {
                    var allowed = block.Language switch
                    {
                        "powershell" => true,
                        "yaml" => block.Section == "PARAMETERS",
                        "" => block.Section == "SYNTAX",
                        _ => Path.GetFileName(block.File) == "README.md" || (!DocsPage.HasFrontMatter(block.File) && !page.Name.StartsWith("about_", StringComparison.Ordinal)),
                    };
                    if (!allowed)
                    {
                        problems.Add($"{block}: a '{block.Language}' block in {block.Section}; examples are ```powershell");
                    }
                }

                if (page.Sections.Contains("EXAMPLES") && page.CodeBlocks.All(b => b.Section != "EXAMPLES"))
                {
                    problems.Add($"{page.Name}: EXAMPLES has no code");
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            Assert.True(PowerShellBlocks().Count >= 20, "Fewer PowerShell examples than expected: is the fence language 'powershell'?");
        }

        [Fact]
        public void Every_PowerShell_code_block_in_the_docs_parses()
        {
            var problems = new List<string>();
            foreach (var block in PowerShellBlocks())
            {
                Parser.ParseInput(block.Text, out _, out var errors);
                if (errors.Length > 0)
                {
                    problems.Add($"{block}: {ParseErrors(errors)}");
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void Docs_call_this_modules_cmdlets_only_with_parameters_they_have()
        {
            var cmdlets = CmdletPageTests.ExportedCmdlets().ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
            var problems = new List<string>();
            var calls = 0;
            foreach (var block in PowerShellBlocks())
            {
                var ast = Parser.ParseInput(block.Text, out _, out _);
                foreach (var command in ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
                {
                    var name = command.GetCommandName();
                    if (name == null || !cmdlets.TryGetValue(name, out var cmdlet))
                    {
                        continue;
                    }

                    calls++;
                    if (!string.Equals(name, cmdlet.Name, StringComparison.Ordinal))
                    {
                        problems.Add($"{block}: write {cmdlet.Name}, not {name}");
                    }

                    var known = cmdlet.Parameters.Values
                        .SelectMany(p => p.Aliases.Prepend(p.Name))
                        .ToHashSet(StringComparer.OrdinalIgnoreCase);
                    foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
                    {
                        if (!known.Contains(parameter.ParameterName))
                        {
                            problems.Add($"{block}: {cmdlet.Name} has no parameter -{parameter.ParameterName}");
                        }
                        else if (!cmdlet.Parameters.Values.Any(p => string.Equals(p.Name, parameter.ParameterName, StringComparison.Ordinal))
                                 && !cmdlet.Parameters.Values.SelectMany(p => p.Aliases).Contains(parameter.ParameterName, StringComparer.Ordinal))
                        {
                            problems.Add($"{block}: spell -{parameter.ParameterName} as the cmdlet does");
                        }
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            Assert.True(calls >= 20, $"Only {calls} calls to the module's cmdlets found in the docs' examples");
        }

        [Fact]
        public void Docs_examples_show_the_pipelines_users_ask_for()
        {
            var code = string.Join("\n", PowerShellBlocks().Select(b => b.Text));
            Assert.Contains("Import-Csv .\\jobs.csv | Get-ZuoraAsyncJob", code, StringComparison.Ordinal);
            Assert.Contains("Wait-ZuoraAsyncJob -Timeout 600 | Where-Object Status -eq 'Completed' | ForEach-Object Subscriptions", code, StringComparison.Ordinal);
            Assert.Contains("-Credential (Get-AutomationPSCredential -Name 'Zuora')", code, StringComparison.Ordinal);
            Assert.Contains("-BaseUri http://127.0.0.1:5080", code, StringComparison.Ordinal);
        }

        [Fact]
        public void Pester_tests_exist_and_parse()
        {
            var files = PesterFiles().ToList();
            Assert.Contains(files, f => f.EndsWith(".Tests.ps1", StringComparison.OrdinalIgnoreCase));
            var problems = new List<string>();
            foreach (var file in files)
            {
                Parser.ParseFile(file, out _, out var errors);
                if (errors.Length > 0)
                {
                    problems.Add($"{Path.GetFileName(file)}: {ParseErrors(errors)}");
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void Build_script_parses_and_declares_its_tasks()
        {
            Assert.True(File.Exists(BuildScript), "build.ps1 is missing");
            var ast = Parser.ParseFile(BuildScript, out _, out var errors);

            Assert.True(errors.Length == 0, ParseErrors(errors));
            var expected = new[] { "Build", "Test", "Pester", "Docs", "Demo", "Package", "Clean", "All" };

            // -Task is checked in the script body (pwsh -File passes a list as one string), against $validTasks...
            var validTasks = ast.EndBlock.Statements.OfType<AssignmentStatementAst>()
                .Single(a => a.Left is VariableExpressionAst { VariablePath.UserPath: "validTasks" });
            var declared = validTasks.Right.FindAll(n => n is StringConstantExpressionAst, false)
                .Cast<StringConstantExpressionAst>().Select(s => s.Value);
            Assert.Equal(expected, declared);

            // ...and tab completion offers the same names.
            var task = Assert.Single(ast.ParamBlock!.Parameters, p => p.Name.VariablePath.UserPath == "Task");
            var completer = task.Attributes.OfType<AttributeAst>().Single(a => a.TypeName.Name == "ArgumentCompleter");
            var offered = completer.FindAll(n => n is StringConstantExpressionAst { StringConstantType: StringConstantType.SingleQuoted }, true)
                .Cast<StringConstantExpressionAst>().Select(s => s.Value);
            Assert.Equal(expected, offered);
            Assert.Contains(ast.ParamBlock.Parameters, p => p.Name.VariablePath.UserPath == "Configuration");
        }

        [Fact]
        public void Build_script_its_tools_and_Pester_tests_parse_and_run_on_Windows_PowerShell_5_1()
        {
            var problems = new List<string>();
            foreach (var file in PesterFiles().Concat(ToolScripts()).Append(BuildScript).Where(File.Exists))
            {
                var ast = Parser.ParseFile(file, out _, out var errors);
                if (errors.Length > 0)
                {
                    problems.Add($"{Path.GetFileName(file)}: {ParseErrors(errors)}");
                }

                foreach (var node in ast.FindAll(_ => true, searchNestedScriptBlocks: true))
                {
                    var unsupported = node switch
                    {
                        PipelineChainAst => "&& or || between pipelines",
                        TernaryExpressionAst => "the ternary operator",
                        BinaryExpressionAst { Operator: TokenKind.QuestionQuestion } => "??",
                        AssignmentStatementAst { Operator: TokenKind.QuestionQuestionEquals } => "??=",
                        MemberExpressionAst { NullConditional: true } => "?. or ?[]",
                        _ => null,
                    };
                    if (unsupported != null)
                    {
                        problems.Add($"{Path.GetFileName(file)} line {node.Extent.StartLineNumber}: {unsupported} does not exist in Windows PowerShell 5.1");
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
    }
}
