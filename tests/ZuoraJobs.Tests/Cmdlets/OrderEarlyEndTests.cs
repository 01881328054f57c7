using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>
    /// Start-ZuoraOrder sends ahead of its output, so a pipeline that ends early leaves orders in Zuora whose
    /// submissions nobody saw. Each must stay accounted for in the connection's SentOrders, and sending the same orders
    /// again in the session (default keys included) must replay them rather than create them twice.
    /// </summary>
    public class OrderEarlyEndTests : ModuleTestBase
    {
        private const string CreateKey = "POST /v1/async/orders";

        // The orders of both scenarios, rebuilt from their numbers as a runbook would on a second try.
        private const string Orders = """
            function Orders([string]$prefix, [int[]]$numbers, [Action[int]]$before) {
                foreach ($i in $numbers) {
                    if ($before) { $before.Invoke($i) }
                    @{ orderDate = '2026-12-04'; orderNumber = "$prefix-$i"; existingAccountNumber = 'A-1'; subscriptions = @(@{ notes = "line $i" }) }
                }
            }
            """;

        public OrderEarlyEndTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        private long Posts() => Simulator.State.GetStatistics().ForEndpoint(CreateKey);

        private long Created() => Simulator.State.GetStatistics().JobsCreated;

        /// <summary>
        /// Every order's answer takes a moment, so the orders after the one that ends the pipeline are on the wire when
        /// it ends, as they are against a real tenant.
        /// </summary>
        private void SlowAnswers() =>
            Simulator.State.AddRandomFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 250, Endpoints = SimEndpoint.CreateOrder }, 1.0);

        /// <summary>
        /// Refuses the fourth order at once. Each order is let go only once the one before it has reached the
        /// simulator, so the POSTs arrive in input order and the refusal meets the fourth.
        /// </summary>
        private Action<int> RefuseTheFourth() => order =>
        {
            Assert.True(SpinWait.SpinUntil(() => Posts() >= order - 1, TimeSpan.FromSeconds(10)), $"order {order - 1} never arrived");
            if (order == 4)
            {
                Simulator.State.EnqueueFaults(new FaultSpec { Kind = FaultKind.AccessDenied, Endpoints = SimEndpoint.CreateOrder });
            }
        };

        private void AssertLedgerMatchesZuora(PowerShellSession session)
        {
            var sent = session.Run("(Get-ZuoraContext).SentOrders").Output.ToArray();
            Assert.DoesNotContain(sent, s => RunResult.Prop(s, "State")!.ToString() == "Sending");
            var accepted = sent.Where(s => RunResult.Prop(s, "State")!.ToString() == "Accepted")
                .Select(s => (string)RunResult.Prop(s, "JobId")!).OrderBy(x => x, StringComparer.Ordinal).ToArray();
            var created = Simulator.State.GetStatistics().JobsCreatedByOrderNumber.Sum(p => p.Value);
            Assert.Equal(created, accepted.Length);
            Assert.All(accepted, id => Assert.NotNull(Simulator.State.GetJob(id)));
        }

        [Fact]
        public void After_ErrorAction_Stop_every_sent_order_is_in_the_ledger_and_resending_the_unreported_creates_exactly_twelve()
        {
            Simulator.State.Reset();
            SlowAnswers();
            using var session = Connected("-ThrottleLimit 25");
            StopAtTheFourth(session);

            var unreported = session.Run("(Get-ZuoraContext).SentOrders | Where-Object { -not $_.Reported } | ForEach-Object OrderNumber").Output
                .Select(o => (string)o.BaseObject).ToArray();
            Assert.NotEmpty(unreported);
            Assert.All(unreported, n => Assert.InRange(int.Parse(n.Substring(5)), 5, 12));

            var again = session.Run(Orders + "Orders 'STOP' (4..12) | Start-ZuoraOrder");

            Assert.True(again.Errors.Count == 0, again.ErrorSummary);
            Assert.Equal(Enumerable.Range(4, 9).Select(i => $"STOP-{i}"), Strings(again, "OrderNumber"));
            Assert.Equal(12, Created());
            Assert.All(Simulator.State.GetStatistics().JobsCreatedByOrderNumber, p => Assert.Equal(1, p.Value));
            AssertLedgerMatchesZuora(session);
        }

        [Fact]
        public void Connecting_again_with_the_same_client_keeps_the_sent_orders_and_the_resend_still_creates_exactly_twelve()
        {
            Simulator.State.Reset();
            SlowAnswers();
            using var session = Connected("-ThrottleLimit 25");
            StopAtTheFourth(session);
            var before = session.Run("(Get-ZuoraContext).SentOrders.Count").Output.Single().BaseObject;

            var reconnect = session.Run("Connect-Zuora -BaseUri $ZuoraTestUri -Credential $ZuoraTestCredential -RetryIntervalSec 0.01 -ThrottleLimit 4; (Get-ZuoraContext).SentOrders.Count",
                Variables());
            var again = session.Run(Orders + "Orders 'STOP' (4..12) | Start-ZuoraOrder");

            Assert.True(reconnect.Errors.Count == 0, reconnect.ErrorSummary);
            Assert.Equal(before, reconnect.Output.Single().BaseObject);
            Assert.True(again.Errors.Count == 0, again.ErrorSummary);
            Assert.Equal(12, Created());
            Assert.All(Simulator.State.GetStatistics().JobsCreatedByOrderNumber, p => Assert.Equal(1, p.Value));
        }

        [Fact]
        public void A_connection_by_access_token_starts_with_no_sent_orders_since_it_names_no_tenant()
        {
            Simulator.State.Reset();
            using var session = Connected();
            var sent = session.Run(Orders + "Orders 'TOKEN' 1 | Start-ZuoraOrder").Output.Count;
            var token = new System.Net.NetworkCredential(string.Empty, Simulator.State.IssueToken()).SecurePassword;

            var after = session.Run("Connect-Zuora -BaseUri $ZuoraTestUri -AccessToken $args[0]; @((Get-ZuoraContext).SentOrders).Count", Variables(), token);

            Assert.Equal(1, sent);
            Assert.True(after.Errors.Count == 0, after.ErrorSummary);
            Assert.Equal(0, after.Output.Single().BaseObject);
        }

        /// <summary>12 orders under -ErrorAction Stop whose 4th is refused: three are output, more were sent.</summary>
        private void StopAtTheFourth(PowerShellSession session)
        {
            var first = session.Run(Orders + """
                $ErrorActionPreference = 'Stop'
                $out = [System.Collections.Generic.List[object]]::new()
                try { Orders 'STOP' (1..12) $args[0] | Start-ZuoraOrder | ForEach-Object { $out.Add($_) } } catch { $caught = $_.FullyQualifiedErrorId }
                [pscustomobject]@{ Out = $out.ToArray(); Caught = $caught }
                """, RefuseTheFourth());

            var summary = Assert.Single(first.Output);

            var output = ((object[])RunResult.Prop(summary, "Out")!).Select(PSObject.AsPSObject).ToArray();
            Assert.Equal(new[] { "STOP-1", "STOP-2", "STOP-3" }, output.Select(o => (string)RunResult.Prop(o, "OrderNumber")!));
            Assert.StartsWith("AccessDenied", (string)RunResult.Prop(summary, "Caught")!);
            Assert.True(Created() > 3, $"the orders after the refused one were sent ahead of the output, so some exist ({Created()} created)");
            AssertLedgerMatchesZuora(session);
        }

        [Fact]
        public void After_Select_First_resending_the_orders_not_output_creates_exactly_twenty()
        {
            Simulator.State.Reset();
            SlowAnswers();
            using var session = Connected("-ThrottleLimit 25");
            var import = session.Run("Import-Module -Assembly $args[0]", typeof(SelectTestFirstCommand).Assembly);
            Assert.True(import.Errors.Count == 0, import.ErrorSummary);

            var first = session.Run(Orders + "Orders 'FIRST' (1..20) | Start-ZuoraOrder | Select-TestFirst 1");

            Assert.True(first.Errors.Count == 0, first.ErrorSummary);
            var shown = (string)RunResult.Prop(Assert.Single(first.Output), "OrderNumber")!;
            Assert.Equal("FIRST-1", shown);
            AssertLedgerMatchesZuora(session);

            var again = session.Run(Orders + "Orders 'FIRST' (1..20) | Where-Object orderNumber -ne $args[0] | Start-ZuoraOrder", shown);

            Assert.True(again.Errors.Count == 0, again.ErrorSummary);
            Assert.Equal(19, again.Output.Count);
            Assert.Equal(20, Created());
            Assert.All(Simulator.State.GetStatistics().JobsCreatedByOrderNumber, p => Assert.Equal(1, p.Value));
            AssertLedgerMatchesZuora(session);
        }

        [Fact]
        public void An_order_sent_again_after_its_submission_was_output_is_a_new_order()
        {
            Simulator.State.Reset();
            using var session = Connected();

            var twice = session.Run(Orders + "Orders 'AGAIN' 1 | Start-ZuoraOrder; Orders 'AGAIN' 1 | Start-ZuoraOrder");

            Assert.True(twice.Errors.Count == 0, twice.ErrorSummary);
            Assert.Equal(2, Strings(twice, "JobId").Distinct().Count());
            Assert.Equal(2, Created());
        }
    }
}
