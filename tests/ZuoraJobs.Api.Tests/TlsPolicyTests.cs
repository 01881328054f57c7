using System.Net;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class TlsPolicyTests
    {
        // SecurityProtocolType.SystemDefault: the operating system chooses, TLS 1.3 included.
        private const SecurityProtocolType SystemDefault = 0;

        [Fact]
        public void SystemDefault_is_left_to_the_operating_system()
        {
            Assert.Null(TlsPolicy.ProtocolsToSet(SystemDefault));
        }

        [Fact]
        public void A_legacy_list_gains_TLS_1_2_and_keeps_what_it_allowed()
        {
            var legacy = SecurityProtocolType.Tls | (SecurityProtocolType)48; // Tls | Ssl3, the .NET 4.5 default

            Assert.Equal(legacy | SecurityProtocolType.Tls12, TlsPolicy.ProtocolsToSet(legacy));
        }

        [Fact]
        public void A_list_that_allows_TLS_1_2_is_left_alone()
        {
            var modern = SecurityProtocolType.Tls12 | (SecurityProtocolType)12288; // Tls12 | Tls13

            Assert.Null(TlsPolicy.ProtocolsToSet(modern));
        }
    }
}
