using System.Collections;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>Names the module, its version and the PowerShell running it, so Zuora support can tell clients apart.</summary>
    internal static class UserAgent
    {
        internal static string For(SessionState sessionState)
        {
            var moduleVersion = typeof(UserAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var table = sessionState.PSVariable.GetValue("PSVersionTable") as Hashtable;
            var psVersion = table?["PSVersion"]?.ToString() ?? "unknown";
            var edition = table?["PSEdition"]?.ToString() ?? "Desktop";
            var os = RuntimeInformation.OSDescription.Trim();
            return $"ZuoraJobs/{moduleVersion} (PowerShell {psVersion}; {edition}; {os})";
        }
    }
}
