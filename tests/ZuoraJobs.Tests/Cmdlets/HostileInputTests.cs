using System;
using System.Linq;
using System.Management.Automation;
using Xunit;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>Input that would smuggle a header or break the object model gets a named error or a readable job.</summary>
    public class HostileInputTests : ModuleTestBase
    {
        public HostileInputTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        [Theory]
        [InlineData("-EntityId $args[0]", "abc\n")]
        [InlineData("-EntityId $args[0]", "abc\r\nX-Injected: 1")]
        [InlineData("-ZuoraVersion $args[0]", "2025-08-12\n")]
        [InlineData("-ZuoraVersion $args[0]", "211.0\n")]
        public void A_header_parameter_ending_in_a_line_feed_fails_at_binding(string parameter, string value)
        {
            using var session = new PowerShellSession();
            var tokensBefore = Simulator.State.GetStatistics().TokensIssued;

            var result = session.Run("Connect-Zuora -BaseUri $ZuoraTestUri -Credential $ZuoraTestCredential " + parameter, Variables(), value);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
            Assert.Equal(tokensBefore, Simulator.State.GetStatistics().TokensIssued);
            Assert.Empty(session.Run("Get-ZuoraContext").Output);
        }

        [Theory]
        [InlineData("zq9\n")]
        [InlineData("zq9\r\nX-Injected: 1")]
        [InlineData("zq9\u0000x")]
        public void An_access_token_with_control_characters_is_refused_and_nothing_is_sent(string token)
        {
            var id = SeedCompleted("OM-H0001");
            using var session = new PowerShellSession();

            var result = session.Run(
                "try { Connect-Zuora -BaseUri $ZuoraTestUri -AccessToken $Token } catch { $_ }; Get-ZuoraAsyncJob $args[0] -ErrorAction SilentlyContinue",
                Variables(("Token", PowerShellSession.Secure(token))), id);

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("InvalidAccessToken,ZuoraJobs.Cmdlets.ConnectZuoraCommand", error.FullyQualifiedErrorId);
            Assert.DoesNotContain("zq9", error.Exception.Message);
            Assert.Equal(0, RequestsFor(id));
        }

        [Fact]
        public void Json_names_PowerShell_cannot_hold_still_give_every_job()
        {
            var odd = Simulator.State.SeedJob("""{"jobType":"AsyncCreateOrder","orderNumber":"OM-H0002","":1,"PSBase":7,"extra":{"":2,"d":1,"d":3,"PSObject":5},"list":[{"":4}]}""");
            var before = SeedCompleted("OM-H0003");
            var after = SeedCompleted("OM-H0004");
            using var session = Connected();

            var result = session.Run("$args | Get-ZuoraAsyncJob", before, odd, after);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new[] { "OM-H0003", "OM-H0002", "OM-H0004" }, Strings(result, "OrderNumber"));
            var job = result.Output[1];
            var fields = (System.Collections.IDictionary)RunResult.Prop(job, "AdditionalFields")!;
            Assert.Equal(1m, fields[""]);
            var extra = (PSObject)RunResult.Prop(job, "Extra")!;
            Assert.Equal(2m, RunResult.Prop(extra, "(empty)"));
            Assert.Equal(3m, RunResult.Prop(extra, "d"));
            Assert.Equal(5m, RunResult.Prop(extra, "PSObject_"));
            Assert.Equal(7m, RunResult.Prop(job, "PSBase_"));
        }
    }
}
