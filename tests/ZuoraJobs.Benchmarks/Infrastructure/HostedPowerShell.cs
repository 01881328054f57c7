using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Security.Cryptography;

namespace ZuoraJobs.Benchmarks.Infrastructure
{
    /// <summary>
    /// One runspace of the real PowerShell 7.6 engine (NuGet System.Management.Automation) with the laid-out module
    /// imported from out/ZuoraJobs, as a user imports it. Benchmarks reuse it across invocations: the scripts they run
    /// change no preference or scope state, so one invocation cannot leak into the next.
    /// </summary>
    public sealed class HostedPowerShell : IDisposable
    {
        private readonly Runspace _runspace;

        public HostedPowerShell()
        {
            // CreateDefault2 is the only initial state that works with the bare SMA package (no console host assembly).
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
            Invoke("Import-Module $args[0] -ErrorAction Stop", RepoPaths.ModuleManifest);
            ModuleAssembly = VerifyModuleAssembly();
        }

        /// <summary>Where the ZuoraJobs assembly that PowerShell runs was loaded from, and why that is the laid-out one.</summary>
        public string ModuleAssembly { get; }

        public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

        /// <summary>Runs a script (positional arguments arrive as $args); any error record fails the benchmark.</summary>
        public Collection<PSObject> Invoke(string script, params object?[] args)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            foreach (var arg in args)
            {
                ps.AddArgument(arg);
            }

            var output = ps.Invoke();
            if (ps.Streams.Error.Count > 0)
            {
                var first = ps.Streams.Error[0];
                throw new InvalidOperationException($"{ps.Streams.Error.Count} error(s) from `{script}`; first: {first.FullyQualifiedErrorId}: {first}");
            }

            return output;
        }

        /// <summary>Connect-Zuora to the simulator with client credentials; the token is fetched here, not in the benchmark.</summary>
        public void Connect(Uri baseUri, string clientId, string clientSecret, int throttleLimit)
        {
            var credential = new PSCredential(clientId, BenchSimulator.Secure(clientSecret));
            Invoke("Connect-Zuora -BaseUri $args[0] -Credential $args[1] -ThrottleLimit $args[2] -ErrorAction Stop", baseUri, credential, throttleLimit);
        }

        public void Dispose() => _runspace.Dispose();

        /// <summary>
        /// This process also references ZuoraJobs.dll (the API benchmarks need it), so Import-Module may bind to the copy
        /// in this program's bin folder instead of out/ZuoraJobs (one assembly name per load context). Either way the
        /// code must be the laid-out module's: the loaded file must be out/ZuoraJobs/ZuoraJobs.dll or byte-identical to it.
        /// </summary>
        private string VerifyModuleAssembly()
        {
            var fromModule = Invoke("(Get-Module ZuoraJobs).ImplementingAssembly.Location").Select(o => o?.BaseObject as string).FirstOrDefault();
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "ZuoraJobs").ToList();
            if (string.IsNullOrEmpty(fromModule) || loaded.Count != 1)
            {
                throw new InvalidOperationException($"Expected one ZuoraJobs assembly after Import-Module; found {loaded.Count} ({string.Join(", ", loaded.Select(Describe))}), module says '{fromModule}'.");
            }

            // Import-Module resolves the name to the copy this program already carries (its deps.json lists ZuoraJobs),
            // so what runs is this program's Release build of the current sources; out/ZuoraJobs supplies the manifest
            // and format data. Normally both dll files come from the same build and are identical; another build
            // (a Debug `dotnet build` or `dotnet test`) rewrites out/ at any time, which changes nothing measured here.
            var laidOut = Path.Combine(RepoPaths.ModuleFolder, "ZuoraJobs.dll");
            var same = string.Equals(Path.GetFullPath(fromModule!), Path.GetFullPath(laidOut), StringComparison.Ordinal);
            var identical = same || Sha256(fromModule!).SequenceEqual(Sha256(laidOut));
            var note = same ? "loaded from out/ZuoraJobs"
                : identical ? "the program's own copy, byte-identical to out/ZuoraJobs/ZuoraJobs.dll"
                : "the program's own copy; out/ZuoraJobs/ZuoraJobs.dll now differs (rebuilt by another build since), which PowerShell does not load";
            if (!identical && Environment.GetEnvironmentVariable("ZUORAJOBS_BENCH_STRICT") == "1")
            {
                throw new InvalidOperationException($"PowerShell runs ZuoraJobs from {fromModule}, which differs from {laidOut} (ZUORAJOBS_BENCH_STRICT=1).");
            }

            var message = $"// ZuoraJobs module assembly: {fromModule} ({note})";
            Console.WriteLine(message);
            return message;
        }

        private static string Describe(Assembly assembly) => assembly.IsDynamic ? "(dynamic)" : assembly.Location;

        private static byte[] Sha256(string path)
        {
            using var stream = File.OpenRead(path);
            return SHA256.HashData(stream);
        }
    }
}
