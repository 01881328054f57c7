using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>What a person at the console sees, and what must never be shown.</summary>
    public class PresentationTests : ModuleTestBase
    {
        public PresentationTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        private string Render(string script, params object?[] args)
        {
            var host = new CapturingHost();
            using var session = Connected(host: host);
            var result = session.Run(script + " | Out-Default", args);
            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            return host.Text;
        }

        private static void AssertHeader(string text, params string[] columns)
        {
            var header = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(columns[0], StringComparison.Ordinal));
            Assert.True(header != null, "no header line starting with " + columns[0] + " in:\n" + text);
            var names = header!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(columns, names);
        }

        [Fact]
        public void A_job_renders_as_a_table_of_id_status_order_account_counts_and_type()
        {
            var id = Simulator.State.SeedJob(GetZuoraAsyncJobTests.SampleResult);

            var text = Render("Get-ZuoraAsyncJob $args[0]", id);

            AssertHeader(text, "JobId", "Status", "OrderNumber", "AccountNumber", "Subs", "Items", "JobType", "Errors");
            var row = text.Split('\n').Single(l => l.Contains(id));
            Assert.Equal(new[] { id, "Completed", "OM-00002", "A00000001", "4", "1", "AsyncCreateOrder" },
                row.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        [Fact]
        public void Subscriptions_render_with_number_status_and_their_order()
        {
            var id = Simulator.State.SeedJob(GetZuoraAsyncJobTests.SampleResult);

            var text = Render("Get-ZuoraAsyncJob $args[0] -Expand Subscriptions", id);

            AssertHeader(text, "SubscriptionNumber", "Status", "OrderNumber", "AccountNumber", "JobId", "Owner");
            Assert.Contains("SM-00004", text);
            Assert.Contains("Pending Acceptance", text);
        }

        [Fact]
        public void Line_items_render_with_number_id_and_their_order()
        {
            var id = Simulator.State.SeedJob(GetZuoraAsyncJobTests.SampleResult);

            var text = Render("Get-ZuoraAsyncJob $args[0] -Expand OrderLineItems", id);

            AssertHeader(text, "ItemNumber", "Id", "OrderNumber", "AccountNumber", "JobId");
            Assert.Contains("bd7840a3c1b6492aa5d1e6f0c3a8fa20", text);
        }

        [Fact]
        public void The_connection_renders_as_a_list_without_secrets()
        {
            var text = Render("Get-ZuoraContext");

            Assert.Contains("AuthenticationType : ClientCredentials", text);
            Assert.Contains("ClientId           : " + SimulatorDefaults.ClientId, text);
            Assert.DoesNotContain(SimulatorDefaults.ClientSecret, text);
        }

        [Fact]
        public void Verbose_and_debug_show_each_request_but_never_a_secret_or_token()
        {
            var id = SeedCompleted("OM-P0001");
            var missing = Guid.NewGuid().ToString();
            var token = Simulator.State.IssueToken();
            Simulator.State.EnqueueFaults(new[] { new FaultSpec { Kind = FaultKind.RateLimited, RetryAfterSeconds = 0 } }, id);
            var outputs = new List<string>();

            using (var session = new PowerShellSession())
            {
                var result = session.Run(
                    "$DebugPreference = 'Continue'; Connect-Zuora -BaseUri $ZuoraTestUri -Credential $ZuoraTestCredential -RetryIntervalSec 0.01 -Verbose -Debug -PassThru; " +
                    "Get-ZuoraAsyncJob $args[0], $args[1] -TrackId 'leak-check' -Verbose -Debug; " +
                    "Connect-Zuora -BaseUri $ZuoraTestUri -AccessToken $T -Verbose -Debug -PassThru; Get-ZuoraAsyncJob $args[0] -Verbose -Debug; Get-ZuoraContext",
                    Variables(("T", PowerShellSession.Secure(token))), id, missing);

                Assert.Contains(result.Verbose, v => v.Contains("/v1/async-jobs/" + id) && v.Contains("200") && v.Contains("leak-check"));
                Assert.Contains(result.Verbose, v => v.Contains("oauth/token"));
                outputs.AddRange(result.Verbose);
                outputs.AddRange(result.Debug);
                outputs.AddRange(result.Warnings);
                outputs.AddRange(result.Errors.Select(e => e.ToString() + e.Exception + e.ErrorDetails?.Message + e.ErrorDetails?.RecommendedAction));
                outputs.AddRange(result.Output.Select(o => o.ToString()));
                outputs.AddRange(result.Output.SelectMany(o => o.Properties.Select(p => SafeString(p))));
                Assert.NotEmpty(result.Debug);
            }

            // Every token the simulator ever issued, including the ones the module fetched for itself.
            var tokens = Simulator.State.IssuedAccessTokens;
            Assert.Contains(token, tokens);
            Assert.True(tokens.Count > 1, "the module never fetched a token of its own");
            foreach (var text in outputs)
            {
                Assert.DoesNotContain(SimulatorDefaults.ClientSecret, text);
                Assert.All(tokens, t => Assert.DoesNotContain(t, text));
                Assert.DoesNotContain("Bearer ", text);
            }
        }

        private static string SafeString(PSPropertyInfo property)
        {
            try
            {
                return property.Value?.ToString() ?? string.Empty;
            }
            catch (GetValueInvocationException)
            {
                return string.Empty;
            }
        }
    }
}
