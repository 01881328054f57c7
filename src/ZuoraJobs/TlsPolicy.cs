using System.Net;

namespace ZuoraJobs
{
    /// <summary>
    /// Windows PowerShell runs .NET Framework with the defaults of .NET 4.5, which can leave TLS 1.2 off, and Zuora
    /// accepts nothing older. ServicePointManager is process-wide, so the module only ever adds TLS 1.2 to an explicit
    /// list of protocols. SystemDefault (0) is left alone: it lets the operating system choose, TLS 1.2 and 1.3 included,
    /// and OR-ing a flag into it would pin every module of the session to TLS 1.2 alone.
    /// </summary>
    internal static class TlsPolicy
    {
        // SecurityProtocolType.SystemDefault, which netstandard2.0 does not name.
        private const SecurityProtocolType SystemDefault = 0;

        /// <summary>The protocols to set, or null to leave the process as it is.</summary>
        public static SecurityProtocolType? ProtocolsToSet(SecurityProtocolType current)
        {
            if (current == SystemDefault || (current & SecurityProtocolType.Tls12) != 0)
            {
                return null;
            }

            return current | SecurityProtocolType.Tls12;
        }
    }
}
