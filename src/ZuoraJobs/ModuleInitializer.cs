using System;
using System.IO;
using System.Net;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ZuoraJobs
{
    /// <summary>
    /// Windows PowerShell 5.1 gives modules no binding redirects, so System.Text.Json's dependency chain asks for
    /// versions that differ from the files shipped beside this assembly. This resolver answers those requests from the
    /// module folder, preferring a copy already loaded into the session when it is new enough. PowerShell 7 has
    /// these assemblies in the box and never asks. It also makes sure TLS 1.2 is allowed there.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly string ModuleDirectory =
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

        private static int _registered;

        public void OnImport()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                return;
            }

            // Import-Module -Force runs this again in the same AppDomain; one handler is enough.
            if (System.Threading.Interlocked.Exchange(ref _registered, 1) == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }

            // powershell.exe targets .NET 4.5, whose defaults can leave TLS 1.2 off; Zuora accepts nothing older. Adding
            // it (never removing what the session already allows) is what other cloud modules do as well.
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            if (requested.Name == null)
            {
                return null;
            }

            var path = Path.Combine(ModuleDirectory, requested.Name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                var name = loaded.GetName();
                if (string.Equals(name.Name, requested.Name, StringComparison.OrdinalIgnoreCase)
                    && (requested.Version == null || name.Version >= requested.Version))
                {
                    return loaded;
                }
            }

            return Assembly.LoadFrom(path);
        }
    }
}
