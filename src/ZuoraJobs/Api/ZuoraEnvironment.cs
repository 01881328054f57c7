using System;
using System.Collections.Generic;
using System.Linq;

namespace ZuoraJobs.Api
{
    /// <summary>Zuora's data centres by the names users type, mapped to their REST base URLs.</summary>
    public static class ZuoraEnvironment
    {
        private static readonly KeyValuePair<string, Uri>[] Map =
        {
            Pair("USProduction", "https://rest.na.zuora.com/"),
            Pair("USCloud2Production", "https://rest.zuora.com/"),
            Pair("USApiSandbox", "https://rest.sandbox.na.zuora.com/"),
            Pair("USCloud2ApiSandbox", "https://rest.apisandbox.zuora.com/"),
            Pair("USCentralSandbox", "https://rest.test.zuora.com/"),
            Pair("EUProduction", "https://rest.eu.zuora.com/"),
            Pair("EUApiSandbox", "https://rest.sandbox.eu.zuora.com/"),
            Pair("EUCentralSandbox", "https://rest.test.eu.zuora.com/"),
            Pair("APProduction", "https://rest.ap.zuora.com/"),
            Pair("APCentralSandbox", "https://rest.test.ap.zuora.com/"),
        };

        public static IEnumerable<string> Names => Map.Select(p => p.Key);

        public static bool TryGetBaseUri(string name, out Uri baseUri)
        {
            foreach (var pair in Map)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    baseUri = pair.Value;
                    return true;
                }
            }

            baseUri = null!;
            return false;
        }

        /// <summary>The canonical spelling of an environment name, or null when it is not one.</summary>
        public static string? Canonical(string name) =>
            Map.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).FirstOrDefault();

        /// <summary>The environment whose base URL this is, so a connection made by URI still shows a familiar name.</summary>
        public static string? NameOf(Uri baseUri) =>
            Map.Where(p => Uri.Compare(p.Value, baseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
               .Select(p => p.Key).FirstOrDefault();

        private static KeyValuePair<string, Uri> Pair(string name, string uri) => new KeyValuePair<string, Uri>(name, new Uri(uri));
    }
}
