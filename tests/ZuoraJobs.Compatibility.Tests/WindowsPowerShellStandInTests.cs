using Xunit;

namespace ZuoraJobs.Compatibility.Tests
{
    /// <summary>
    /// Windows PowerShell 5.1 runs the module on .NET Framework, which gives a module no binding redirects. Mono in strict
    /// loader mode binds strong names as strictly, so the module's API under Mono fails the way 5.1 would without the
    /// module's resolver (System.Memory asks for Unsafe 4.0.4.1; the folder ships 6.0.0.0) and works with it.
    /// </summary>
    public class WindowsPowerShellStandInTests : IClassFixture<SimulatorScript>
    {
        private readonly SimulatorScript _simulator;

        public WindowsPowerShellStandInTests(SimulatorScript simulator) => _simulator = simulator;

        private DriverRun Run(params string[] extra)
        {
            var arguments = new System.Collections.Generic.List<string> { "--assembly-loader=strict", HostPaths.FrameworkDriver };
            arguments.AddRange(_simulator.Arguments(extra));
            return DriverRun.Start(MonoRuntime.Require(), arguments);
        }

        [MonoFact]
        public void The_API_works_on_a_strict_Framework_binder_with_the_resolver()
        {
            var run = Run();

            ScriptAssertions.Succeeded(run, _simulator.JobId);
            Assert.Contains("resolver attached", run.Lines);
            Assert.Equal("ok declined", run.Step("neighbour-request"));
            ScriptAssertions.FromModuleFolder(run, "System.Text.Json", "8.0.0.0");
            ScriptAssertions.FromModuleFolder(run, "System.Runtime.CompilerServices.Unsafe", "6.0.0.0");
            ScriptAssertions.FromModuleFolder(run, "System.Buffers", "4.0.3.0");
        }

        [MonoFact]
        public void A_wait_of_30_days_ends_normally_when_something_is_posted_or_the_pipeline_stops()
        {
            var run = Run();

            Assert.Equal("ok posted=ran cancelled=OperationCanceledException", run.Step("long-wait"));
        }

        [MonoFact]
        public void Removing_the_module_from_its_last_runspace_detaches_the_resolver_and_not_before()
        {
            var run = Run();

            Assert.Equal("ok before=6.0.0.0 first-removal-detached=False between=6.0.0.0 last-removal-detached=True after=unanswered", run.Step("cleanup"));
        }

        [MonoFact]
        public void Without_the_resolver_the_JSON_stack_fails_to_bind_as_on_Windows_PowerShell()
        {
            var run = Run("--no-resolver");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("resolver not attached", run.Lines);
            Assert.StartsWith("FAIL ", run.Step("job"), System.StringComparison.Ordinal);
            Assert.Contains("Could not load file or assembly 'System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1", run.Output, System.StringComparison.Ordinal);
        }

        [MonoTheory]
        [InlineData("older", "System.Text.Encodings.Web 6.0.0.0")]
        [InlineData("newer", "System.Text.Encodings.Web 9.0.0.0")]
        public void Another_modules_copies_loaded_first_neither_break_it_nor_get_its_requests_answered(string set, string marker)
        {
            var run = Run("--neighbours", System.IO.Path.Combine(System.IO.Path.GetDirectoryName(HostPaths.FrameworkDriver)!, "neighbours", set));

            Assert.Contains("neighbour " + marker, run.Lines);
            ScriptAssertions.Succeeded(run, _simulator.JobId);
            Assert.Equal("ok declined", run.Step("neighbour-request"));
            ScriptAssertions.FromModuleFolder(run, "System.Text.Json", "8.0.0.0");
            ScriptAssertions.FromModuleFolder(run, "System.Text.Encodings.Web", "8.0.0.0");
            ScriptAssertions.FromModuleFolder(run, "System.Runtime.CompilerServices.Unsafe", "6.0.0.0");
        }
    }
}
