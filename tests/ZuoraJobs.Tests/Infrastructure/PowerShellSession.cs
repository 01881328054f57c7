using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Security;

namespace ZuoraJobs.Tests.Infrastructure
{
    /// <summary>
    /// A fresh runspace with the laid-out module imported from out/ZuoraJobs, the way a user imports it. One per test:
    /// preferences set by a script would otherwise leak into the next.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace _runspace;

        public PowerShellSession(bool importModule = true, CapturingHost? host = null)
        {
            var state = InitialSessionState.CreateDefault2();
            _runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
            _runspace.Open();
            if (importModule)
            {
                var result = Run("Import-Module $args[0] -ErrorAction Stop", RepoPaths.ModuleManifest);
                if (result.Errors.Count > 0)
                {
                    throw new InvalidOperationException("Import-Module failed: " + result.Errors[0]);
                }
            }
        }

        public Runspace Runspace => _runspace;

        /// <summary>Runs a script; positional arguments arrive as $args, named ones as variables.</summary>
        public RunResult Run(string script, params object?[] args) => Run(script, null, args);

        public RunResult Run(string script, IDictionary<string, object?>? variables, params object?[] args)
        {
            using var ps = Create(script, variables, args);
            var output = ps.Invoke();
            return new RunResult(output, ps.Streams);
        }

        /// <summary>A PowerShell instance ready to invoke (for tests that stream output or call Stop).</summary>
        public PowerShell Create(string script, IDictionary<string, object?>? variables = null, params object?[] args)
        {
            if (variables != null)
            {
                foreach (var pair in variables)
                {
                    _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
                }
            }

            var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            foreach (var arg in args)
            {
                ps.AddArgument(arg);
            }

            return ps;
        }

        public static PSCredential Credential(string user, string secret)
        {
            return new PSCredential(user, new NetworkCredential(string.Empty, secret).SecurePassword);
        }

        public static SecureString Secure(string value) => new NetworkCredential(string.Empty, value).SecurePassword;

        public void Dispose() => _runspace.Dispose();
    }

    public sealed class RunResult
    {
        public RunResult(Collection<PSObject> output, PSDataStreams streams)
        {
            Output = output;
            Errors = streams.Error.ToList();
            Verbose = streams.Verbose.Select(v => v.Message).ToList();
            Debug = streams.Debug.Select(d => d.Message).ToList();
            Warnings = streams.Warning.Select(w => w.Message).ToList();
            Progress = streams.Progress.ToList();
        }

        public Collection<PSObject> Output { get; }
        public List<ErrorRecord> Errors { get; }
        public List<string> Verbose { get; }
        public List<string> Debug { get; }
        public List<string> Warnings { get; }
        public List<ProgressRecord> Progress { get; }

        public static object? Prop(PSObject o, string name) => o.Properties[name]?.Value;
        public IEnumerable<object?> Values(string property) => Output.Select(o => Prop(o, property));
        public string ErrorSummary => string.Join(Environment.NewLine, Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}"));
    }
}
