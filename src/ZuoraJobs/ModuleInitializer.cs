using System.IO;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;

namespace ZuoraJobs
{
    /// <summary>
    /// Import and removal hooks. On Windows PowerShell 5.1 the module binds its own dependencies
    /// (<see cref="ModuleAssemblyResolver"/>) and makes sure TLS 1.2 is allowed (<see cref="TlsPolicy"/>); on
    /// PowerShell 7 both are no-ops. Removing the last import in the process detaches the resolver; a later import
    /// attaches it again.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport()
        {
            var framework = RuntimeInformation.FrameworkDescription;
            var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
            if (!ModuleAssemblyResolver.Register(moduleDirectory, framework))
            {
                return;
            }

            if (TlsPolicy.ProtocolsToSet(ServicePointManager.SecurityProtocol) is SecurityProtocolType protocols)
            {
                ServicePointManager.SecurityProtocol = protocols;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo) => ModuleAssemblyResolver.Unregister();
    }
}
