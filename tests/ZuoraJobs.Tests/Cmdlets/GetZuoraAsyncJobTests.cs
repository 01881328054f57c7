using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    public class GetZuoraAsyncJobTests : ModuleTestBase
    {
        // The sample 200 body of Zuora's reference page "Retrieve the status and response of a job", its elided parts filled in.
        internal const string SampleResult = """
            {"jobType":"AsyncCreateOrder","accountNumber":"A00000001","invoiceNumbers":["INV00000001"],
             "orderLineItems":[{"id":"bd7840a3c1b6492aa5d1e6f0c3a8fa20","itemNumber":"116"}],
             "orderNumber":"OM-00002","paidAmount":"300","paymentNumber":"P-00000002","status":"Pending",
             "subscriptions":[{"status":"Pending Activation","subscriptionNumber":"SM-00001"},
                              {"status":"Pending Activation","subscriptionNumber":"SM-00002"},
                              {"status":"Active","subscriptionNumber":"SM-00003"},
                              {"status":"Pending Acceptance","subscriptionNumber":"SM-00004"}],
             "success":true}
            """;

        public GetZuoraAsyncJobTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        [Fact]
        public void The_reference_sample_job_arrives_with_every_property_typed()
        {
            var id = Simulator.State.SeedJob(SampleResult);
            using var session = Connected();

            var result = session.Run("Get-ZuoraAsyncJob -JobId $args[0]", id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var job = Assert.Single(result.Output);
            Assert.Equal("ZuoraJobs.AsyncJob", job.TypeNames[0]);
            Assert.Equal(id, RunResult.Prop(job, "JobId"));
            Assert.Equal("Completed", RunResult.Prop(job, "Status"));
            Assert.Equal(true, RunResult.Prop(job, "Success"));
            Assert.Empty((string[])RunResult.Prop(job, "Errors")!);
            Assert.Equal("AsyncCreateOrder", RunResult.Prop(job, "JobType"));
            Assert.Equal("A00000001", RunResult.Prop(job, "AccountNumber"));
            Assert.Equal("OM-00002", RunResult.Prop(job, "OrderNumber"));
            Assert.Equal("Pending", RunResult.Prop(job, "OrderStatus"));
            Assert.Equal(new[] { "INV00000001" }, (string[])RunResult.Prop(job, "InvoiceNumbers")!);
            Assert.Equal("P-00000002", RunResult.Prop(job, "PaymentNumber"));
            var paid = Assert.IsType<decimal>(RunResult.Prop(job, "PaidAmount"));
            Assert.Equal(300m, paid);
            Assert.Empty((Array)RunResult.Prop(job, "CreditMemoNumbers")!);
            Assert.Null(RunResult.Prop(job, "OrderId"));

            var lineItems = ((IEnumerable)RunResult.Prop(job, "OrderLineItems")!).Cast<object>().Select(PSObject.AsPSObject).ToList();
            var item = Assert.Single(lineItems);
            Assert.Equal("116", RunResult.Prop(item, "ItemNumber"));
            Assert.Equal("bd7840a3c1b6492aa5d1e6f0c3a8fa20", RunResult.Prop(item, "Id"));
            Assert.Equal(id, RunResult.Prop(item, "JobId"));
            Assert.Equal("OM-00002", RunResult.Prop(item, "OrderNumber"));

            var subscriptions = ((IEnumerable)RunResult.Prop(job, "Subscriptions")!).Cast<object>().Select(PSObject.AsPSObject).ToList();
            Assert.Equal(new[] { "SM-00001", "SM-00002", "SM-00003", "SM-00004" },
                subscriptions.Select(s => RunResult.Prop(s, "SubscriptionNumber")).ToArray());
            Assert.Equal("Pending Activation", RunResult.Prop(subscriptions[0], "Status"));
            Assert.All(subscriptions, s => Assert.Equal("A00000001", RunResult.Prop(s, "AccountNumber")));

            var requestId = Assert.IsType<string>(RunResult.Prop(job, "RequestId"));
            Assert.Equal(36, requestId.Length);
            Assert.IsType<DateTimeOffset>(RunResult.Prop(job, "RetrievedAt"));
        }

        [Fact]
        public void Ids_piped_as_strings_filter_on_status_like_any_PowerShell_object()
        {
            var done = SeedCompleted("OM-10001");
            var running = Simulator.State.SeedJob(new JobSeed { ResultJson = "{}", PollsBeforeCompletion = 10 });
            using var session = Connected();

            var result = session.Run("$args | Get-ZuoraAsyncJob | Where-Object Status -eq 'Completed'", done, running);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new[] { done }, Strings(result, "JobId"));
            Assert.Equal(1, RequestsFor(running));
        }

        [Fact]
        public void Expand_Subscriptions_streams_each_subscription_with_its_jobs_identity()
        {
            var first = SeedCompleted("OM-20001", "A20001", subscriptionStatus: "Active");
            var second = SeedCompleted("OM-20002", "A20002", subscriptionStatus: "Cancelled");
            using var session = Connected();

            var result = session.Run("$args | Get-ZuoraAsyncJob -Expand Subscriptions | Where-Object Status -eq 'Active'", first, second);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var subscription = Assert.Single(result.Output);
            Assert.Equal("ZuoraJobs.Subscription", subscription.TypeNames[0]);
            Assert.Equal("SUB-OM-20001", RunResult.Prop(subscription, "SubscriptionNumber"));
            Assert.Equal(first, RunResult.Prop(subscription, "JobId"));
            Assert.Equal("OM-20001", RunResult.Prop(subscription, "OrderNumber"));
            Assert.Equal("A20001", RunResult.Prop(subscription, "AccountNumber"));
        }

        [Fact]
        public void Expand_OrderLineItems_emits_line_items()
        {
            var id = Simulator.State.SeedJob(SampleResult);
            using var session = Connected();

            var result = session.Run("Get-ZuoraAsyncJob $args[0] -Expand OrderLineItems", id);

            var item = Assert.Single(result.Output);
            Assert.Equal("ZuoraJobs.OrderLineItem", item.TypeNames[0]);
            Assert.Equal("116", RunResult.Prop(item, "ItemNumber"));
            Assert.Equal(id, RunResult.Prop(item, "JobId"));
        }

        [Fact]
        public void Any_spelling_of_the_uuid_reaches_the_job_and_comes_back_canonical()
        {
            // Zuora issues hyphenated lower-case UUIDs and knows its jobs by exactly that form.
            var id = SeedCompleted("OM-31001");
            var typed = new[] { id.Replace("-", ""), id.ToUpperInvariant(), " " + id.Replace("-", "").ToUpperInvariant() + " " };
            using var session = Connected();

            var result = session.Run("$args | Get-ZuoraAsyncJob", typed[0], typed[1], typed[2]);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new[] { id, id, id }, Strings(result, "JobId"));
            Assert.Equal(new[] { "OM-31001", "OM-31001", "OM-31001" }, Strings(result, "OrderNumber"));
            Assert.Equal(3, RequestsFor(id));
        }

        [Fact]
        public void Objects_with_an_Id_or_JobId_property_bind_by_name()
        {
            var a = SeedCompleted("OM-30001");
            var b = SeedCompleted("OM-30002");
            var c = SeedCompleted("OM-30003");
            using var session = Connected();

            // A CSV row (Id), the async-order POST response (jobId) and the module's own job object (JobId).
            var result = session.Run(
                "$job = Get-ZuoraAsyncJob $args[2]; @([pscustomobject]@{ Id = $args[0] }, [pscustomobject]@{ jobId = $args[1]; success = $true }, $job) | Get-ZuoraAsyncJob",
                a, b, c);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new[] { "OM-30001", "OM-30002", "OM-30003" }, Strings(result, "OrderNumber"));
        }

        [Fact]
        public void A_hundred_ids_come_back_in_input_order_although_fetched_concurrently()
        {
            var ids = Enumerable.Range(0, 100).Select(i => SeedCompleted($"OM-4{i:D4}")).ToArray();
            foreach (var id in ids.Where((_, i) => i % 3 == 0))
            {
                Simulator.State.EnqueueFaults(new[] { new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 30, LatencyMaxMs = 80 } }, id);
            }

            using var session = Connected();

            var result = session.Run("$args | Get-ZuoraAsyncJob", ids.Cast<object>().ToArray());

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(ids, Strings(result, "JobId"));
            Assert.True(Simulator.State.GetStatistics().MaxConcurrentRequests > 1, "requests were never in flight together");
        }

        [Fact]
        public void A_bad_id_gets_InvalidJobId_sends_nothing_and_the_rest_still_run()
        {
            var good = SeedCompleted("OM-50001");
            using var session = Connected();
            var requestsBefore = Simulator.State.GetStatistics().TotalRequests;

            var result = session.Run("@('not-a-job', $args[0], '', '2c92c0f8-6b2e-4b1a-9c2d-0123456789a') | Get-ZuoraAsyncJob", good);

            Assert.Equal(new[] { good }, Strings(result, "JobId"));
            Assert.Equal(3, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("InvalidJobId,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            });
            Assert.Equal("not-a-job", result.Errors[0].TargetObject);
            Assert.Equal(1, Simulator.State.GetStatistics().TotalRequests - requestsBefore);
        }

        [Fact]
        public void A_processing_job_is_returned_as_is_with_no_result_fields()
        {
            var id = Simulator.State.SeedJob(new JobSeed { ResultJson = "{}", PollsBeforeCompletion = 5 });
            using var session = Connected();

            var job = Assert.Single(session.Run("Get-ZuoraAsyncJob $args[0]", id).Output);

            Assert.Equal("Processing", RunResult.Prop(job, "Status"));
            Assert.Null(RunResult.Prop(job, "OrderNumber"));
        }

        [Fact]
        public void Fields_Zuora_adds_later_show_up_as_properties()
        {
            var id = Simulator.State.SeedJob("""{"jobType":"AsyncCreateOrder","orderNumber":"OM-60001","brandNewField":"hello","subscriptions":[{"subscriptionNumber":"S1","status":"Active","futureFlag":true}],"success":true}""");
            using var session = Connected();

            var result = session.Run("$j = Get-ZuoraAsyncJob $args[0]; $j.BrandNewField; $j.Subscriptions[0].FutureFlag", id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new object[] { "hello", true }, result.Output.Select(o => o.BaseObject).ToArray());
        }

        [Fact]
        public void New_fields_inside_every_part_of_the_result_survive_including_expanded_parts()
        {
            var id = Simulator.State.SeedJob("""
                {"jobType":"AsyncCreateOrder","orderNumber":"OM-60002","success":true,
                 "subscriptions":[{"subscriptionNumber":"S2","status":"Active","renewalHint":"auto"}],
                 "orderLineItems":[{"id":"a1","itemNumber":"7","lineFlag":1}],
                 "ramps":[{"rampNumber":"R-1","subscriptionNumber":"S2","rampPhase":"intro"}],
                 "refunds":[{"number":"RF-1","status":"Success","refundChannel":"card"}],
                 "writeOff":[{"invoiceNumber":"INV-1","status":"Success","amount":5,"writeOffReason":"bad debt"}],
                 "commitments":[{"commitmentNumber":"C-1","totalAmount":10,"commitmentKind":"x"}]}
                """);
            using var session = Connected();

            var result = session.Run(
                "$j = Get-ZuoraAsyncJob $args[0]; $j.Ramps[0].RampPhase; $j.Refunds[0].RefundChannel; $j.WriteOffs[0].WriteOffReason; " +
                "$j.Commitments[0].CommitmentKind; (Get-ZuoraAsyncJob $args[0] -Expand Subscriptions).RenewalHint; (Get-ZuoraAsyncJob $args[0] -Expand OrderLineItems).LineFlag",
                id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new object[] { "intro", "card", "bad debt", "x", "auto", 1m }, result.Output.Select(o => o.BaseObject).ToArray());
        }

        [Fact]
        public void The_track_id_is_sent_to_Zuora()
        {
            var id = SeedCompleted("OM-70001");
            var trackId = "runbook-" + Guid.NewGuid().ToString("N").Substring(0, 12);
            using var session = Connected();

            var result = session.Run("Get-ZuoraAsyncJob $args[0] -TrackId $args[1]", id, trackId);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(1, Simulator.State.GetStatistics().RequestsByTrackId.GetValueOrDefault(trackId));
        }

        [Theory]
        [InlineData("has:colon")]
        [InlineData("has;semicolon")]
        [InlineData("quote'd")]
        [InlineData("contrôle")]
        [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
        public void An_illegal_track_id_is_refused_before_anything_is_sent(string trackId)
        {
            var id = SeedCompleted("OM-70002");
            using var session = Connected();

            var result = session.Run("Get-ZuoraAsyncJob $args[0] -TrackId $args[1]; 'after'", id, trackId);

            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidTrackId,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(0, RequestsFor(id));
            Assert.Equal("after", Assert.Single(result.Output).BaseObject);
        }

        [Fact]
        public void Without_a_connection_every_call_says_NotConnected_and_sends_nothing()
        {
            var id = SeedCompleted("OM-80001");
            using var session = new PowerShellSession();

            var result = session.Run("Get-ZuoraAsyncJob $args[0]; 'after'", id);

            var error = Assert.Single(result.Errors);
            Assert.Equal("NotConnected,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand", error.FullyQualifiedErrorId);
            Assert.Contains("Connect-Zuora", error.ToString());
            Assert.Equal(0, RequestsFor(id));
            Assert.Equal("after", Assert.Single(result.Output).BaseObject);
        }

        [Fact]
        public void Stop_abandons_slow_requests_at_once_and_sends_no_more()
        {
            var ids = Enumerable.Range(0, 20).Select(i => SeedCompleted($"OM-S{i:D3}")).ToArray();
            foreach (var id in ids)
            {
                Simulator.State.EnqueueFaults(new[] { new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 30_000 } }, id);
            }

            using var session = Connected("-ThrottleLimit 2");
            using var ps = session.Create("$args | Get-ZuoraAsyncJob", null, ids.Cast<object>().ToArray());
            var invocation = ps.BeginInvoke();
            SpinWait.SpinUntil(() => RequestsFor(ids[0]) + RequestsFor(ids[1]) >= 2, TimeSpan.FromSeconds(20));

            var stopwatch = Stopwatch.StartNew();
            ps.Stop();
            stopwatch.Stop();

            Assert.True(stopwatch.ElapsedMilliseconds < 1000, $"Stop took {stopwatch.ElapsedMilliseconds} ms");
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
            Thread.Sleep(200);
            Assert.All(ids.Skip(2), id => Assert.Equal(0, RequestsFor(id)));
            Simulator.State.ReleaseDelayedRequests();
        }

        [Fact]
        public void Context_selects_a_connection_other_than_the_default()
        {
            var id = SeedCompleted("OM-80002");
            using var session = new PowerShellSession();

            var result = session.Run(
                "$c = Connect-Zuora -BaseUri $ZuoraTestUri -Credential $ZuoraTestCredential -PassThru; Disconnect-Zuora; Get-ZuoraAsyncJob $args[0] -Context $c",
                Variables(), id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal("OM-80002", RunResult.Prop(Assert.Single(result.Output), "OrderNumber"));
        }
    }
}
