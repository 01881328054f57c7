using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    public class WaitZuoraAsyncJobTests : ModuleTestBase
    {
        private const string Wait = "ZuoraJobs.Cmdlets.WaitZuoraAsyncJobCommand";
        private const string Fast = "-PollInterval 0.02 -MaxPollInterval 0.05";

        public WaitZuoraAsyncJobTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        private string SeedRunning(int polls, string status = "Completed", string? errors = null, string orderNumber = "OM-W")
        {
            return Simulator.State.SeedJob(new JobSeed
            {
                ResultJson = $$"""{"jobType":"AsyncCreateOrder","orderNumber":"{{orderNumber}}","accountNumber":"A1","subscriptions":[{"subscriptionNumber":"S-{{orderNumber}}","status":"Active"}],"success":true}""",
                Status = status,
                Errors = errors,
                PollsBeforeCompletion = polls,
            });
        }

        [Fact]
        public void A_processing_job_is_polled_until_it_completes_and_written_once()
        {
            var id = SeedRunning(3);
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0] {Fast} -Verbose", id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var job = Assert.Single(result.Output);
            Assert.Equal("Completed", RunResult.Prop(job, "Status"));
            Assert.Equal(4, RequestsFor(id));
            Assert.Single(result.Verbose, v => v.Contains("went from Processing to Completed"));
        }

        [Fact]
        public void An_id_typed_without_hyphens_in_upper_case_is_waited_on_as_zuora_knows_it()
        {
            var id = SeedRunning(1);
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0] {Fast}", id.Replace("-", "").ToUpperInvariant());

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var job = Assert.Single(result.Output);
            Assert.Equal(id, RunResult.Prop(job, "JobId"));
            Assert.Equal("Completed", RunResult.Prop(job, "Status"));
            Assert.Equal(2, RequestsFor(id));
        }

        [Fact]
        public void A_failed_job_is_written_and_reported_as_AsyncJobFailed_with_Zuoras_text()
        {
            var id = SeedRunning(1, "Failed", "Subscription SM-1 does not exist.");
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0] {Fast}", id);

            var job = Assert.Single(result.Output);
            Assert.Equal("Failed", RunResult.Prop(job, "Status"));
            var error = Assert.Single(result.Errors);
            Assert.Equal("AsyncJobFailed," + Wait, error.FullyQualifiedErrorId);
            Assert.Contains("Subscription SM-1 does not exist.", error.Exception.Message);
            Assert.Equal(id, RunResult.Prop(PSObject.AsPSObject(error.TargetObject), "JobId"));
        }

        [Fact]
        public void A_failed_job_without_a_result_is_reported_without_guessing_its_type()
        {
            // Zuora sends result: null for a failed job, so its type is unknown; the message says only what is known.
            var id = Simulator.State.SeedJob(new JobSeed { Status = "Failed", Errors = "Payment declined." });
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0] {Fast}", id);

            var error = Assert.Single(result.Errors);
            Assert.Equal($"Async job {id} failed. Zuora says: Payment declined.", error.Exception.Message);
        }

        [Fact]
        public void An_unknown_state_is_waited_through_and_shown_once()
        {
            var id = Simulator.State.SeedJob(new JobSeed
            {
                ResultJson = """{"jobType":"AsyncCreateOrder","orderNumber":"OM-W2","success":true}""",
                Lifecycle = new[] { "Processing", "Canceled", "Canceled", "Canceled", "Completed" },
            });
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0] {Fast} -Verbose", id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal("Completed", RunResult.Prop(Assert.Single(result.Output), "Status"));
            Assert.Single(result.Verbose, v => v.Contains("Canceled") && v.Contains("does not know"));
        }

        [Fact]
        public void A_job_that_arrives_finished_is_written_without_another_request()
        {
            var id = SeedCompleted("OM-W3");
            using var session = Connected();
            var job = Assert.Single(session.Run("Get-ZuoraAsyncJob $args[0]", id).Output);
            var requests = RequestsFor(id);

            var result = session.Run($"$args[0] | Wait-ZuoraAsyncJob {Fast}", job);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(id, RunResult.Prop(Assert.Single(result.Output), "JobId"));
            Assert.Equal(requests, RequestsFor(id));
        }

        [Fact]
        public void Output_of_Get_ZuoraAsyncJob_binds_and_running_jobs_are_waited_on()
        {
            var running = SeedRunning(2, orderNumber: "OM-W4");
            var done = SeedCompleted("OM-W5");
            using var session = Connected();

            var result = session.Run($"Get-ZuoraAsyncJob $args[0], $args[1] | Wait-ZuoraAsyncJob {Fast} | Where-Object Status -eq 'Completed' | ForEach-Object OrderNumber", running, done);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new[] { "OM-W5", "OM-W4" }, result.Output.Select(o => o.ToString()).ToArray());
        }

        [Fact]
        public void Rows_and_POST_responses_bind_by_Id_or_JobId()
        {
            var fromCsv = SeedRunning(1, orderNumber: "OM-W11");
            var fromPost = SeedRunning(1, orderNumber: "OM-W12");
            using var session = Connected();

            var result = session.Run(
                $"@([pscustomobject]@{{ Id = $args[0] }}, [pscustomobject]@{{ jobId = $args[1]; success = $true }}) | Wait-ZuoraAsyncJob {Fast} | ForEach-Object OrderNumber",
                fromCsv, fromPost);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new[] { "OM-W11", "OM-W12" }, result.Output.Select(o => o.ToString()).OrderBy(n => n).ToArray());
        }

        [Fact]
        public void The_same_job_given_twice_has_one_outcome()
        {
            var id = SeedRunning(1, orderNumber: "OM-W6");
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0], $args[0].Replace('-', ''), $args[0].ToUpperInvariant() {Fast}", id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Single(result.Output);
        }

        [Fact]
        public void Expand_Subscriptions_emits_the_finished_jobs_subscriptions()
        {
            var id = SeedRunning(1, orderNumber: "OM-W7");
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0] -Expand Subscriptions {Fast}", id);

            var subscription = Assert.Single(result.Output);
            Assert.Equal("ZuoraJobs.Subscription", subscription.TypeNames[0]);
            Assert.Equal("S-OM-W7", RunResult.Prop(subscription, "SubscriptionNumber"));
            Assert.Equal(id, RunResult.Prop(subscription, "JobId"));
        }

        [Fact]
        public void A_job_that_finishes_early_is_written_while_slower_ones_still_run()
        {
            var slow = SeedRunning(8, orderNumber: "OM-SLOW");
            var quick = SeedRunning(1, orderNumber: "OM-QUICK");
            using var session = Connected();
            using var ps = session.Create($"Wait-ZuoraAsyncJob $args[0], $args[1] {Fast}", null, slow, quick);
            var output = new PSDataCollection<PSObject>();
            var pollsOfSlowWhenQuickArrived = new List<int>();
            output.DataAdded += (_, e) =>
            {
                if ((string?)RunResult.Prop(output[e.Index], "JobId") == quick)
                {
                    pollsOfSlowWhenQuickArrived.Add(Simulator.State.GetJob(slow)!.Polls);
                }
            };

            ps.Invoke(null, output);

            Assert.Equal(new[] { quick, slow }, output.Select(o => (string?)RunResult.Prop(o, "JobId")).ToArray());
            var polls = Assert.Single(pollsOfSlowWhenQuickArrived);
            Assert.True(polls < 9, $"the quick job was written only after the slow one had been polled {polls} times");
        }

        [Fact]
        public void A_timeout_reports_AsyncJobTimeout_on_the_last_seen_job_after_writing_the_finished_ones()
        {
            var stuck = SeedRunning(100_000, orderNumber: "OM-STUCK");
            var quick = SeedRunning(1, orderNumber: "OM-QUICK2");
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0], $args[1] -Timeout 1 {Fast}", stuck, quick);

            Assert.Equal(new[] { quick }, Strings(result, "JobId"));
            var error = Assert.Single(result.Errors);
            Assert.Equal("AsyncJobTimeout," + Wait, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            var target = PSObject.AsPSObject(error.TargetObject);
            Assert.Equal(stuck, RunResult.Prop(target, "JobId"));
            Assert.Equal("Processing", RunResult.Prop(target, "Status"));
        }

        [Fact]
        public void Timeout_zero_checks_each_job_once()
        {
            var stuck = SeedRunning(100, orderNumber: "OM-STUCK0");
            using var session = Connected();

            var result = session.Run("Wait-ZuoraAsyncJob $args[0] -TimeoutSec 0", stuck);

            Assert.Equal("AsyncJobTimeout," + Wait, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal(1, RequestsFor(stuck));
        }

        [Fact]
        public void Any_returns_after_the_first_finished_job()
        {
            var slow = SeedRunning(100_000, orderNumber: "OM-ANY1");
            var quick = SeedRunning(2, orderNumber: "OM-ANY2");
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0], $args[1] -Any {Fast}", slow, quick);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new[] { quick }, Strings(result, "JobId"));
        }

        [Fact]
        public void An_unreadable_job_gets_one_error_and_the_others_still_finish()
        {
            var missing = Guid.NewGuid().ToString();
            var ok = SeedRunning(1, orderNumber: "OM-W8");
            using var session = Connected();

            var result = session.Run($"Wait-ZuoraAsyncJob $args[0], 'bogus', $args[1] {Fast}", missing, ok);

            Assert.Equal(new[] { ok }, Strings(result, "JobId"));
            Assert.Equal(new[] { "InvalidJobId," + Wait, "AsyncJobNotFound," + Wait }, result.Errors.Select(e => e.FullyQualifiedErrorId).OrderByDescending(s => s.StartsWith("Invalid")).ToArray());
            Assert.Equal(1, RequestsFor(missing));
        }

        [Fact]
        public void Progress_is_reported_and_completed_but_silenced_by_ProgressPreference()
        {
            var id = SeedRunning(2, orderNumber: "OM-W9");
            var quiet = SeedRunning(2, orderNumber: "OM-W10");
            using var session = Connected();

            var shown = session.Run($"Wait-ZuoraAsyncJob $args[0] {Fast}", id);
            var silenced = session.Run($"$ProgressPreference = 'SilentlyContinue'; Wait-ZuoraAsyncJob $args[0] {Fast}", quiet);

            Assert.NotEmpty(shown.Progress);
            Assert.All(shown.Progress, p => Assert.Equal("Waiting for Zuora async jobs", p.Activity));
            Assert.Equal(ProgressRecordType.Completed, shown.Progress.Last().RecordType);
            Assert.Contains("1 of 1 done", shown.Progress.Last().StatusDescription);
            Assert.Empty(silenced.Progress);
            Assert.Single(silenced.Output);
        }

        [Fact]
        public void Stop_ends_the_wait_promptly_and_nothing_is_sent_afterwards()
        {
            var stuck = SeedRunning(100_000, orderNumber: "OM-STOP");
            using var session = Connected();
            using var ps = session.Create($"Wait-ZuoraAsyncJob $args[0] -PollInterval 0.05 -MaxPollInterval 0.05", null, stuck);
            var invocation = ps.BeginInvoke();
            SpinWait.SpinUntil(() => RequestsFor(stuck) >= 3, TimeSpan.FromSeconds(20));
            Assert.True(RequestsFor(stuck) >= 3, "the wait never polled");

            var stopwatch = Stopwatch.StartNew();
            ps.Stop();
            stopwatch.Stop();
            var requestsAtStop = RequestsFor(stuck);

            Assert.True(stopwatch.ElapsedMilliseconds < 1000, $"Stop took {stopwatch.ElapsedMilliseconds} ms");
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
            // Several poll intervals of quiet: a poller still alive would have polled again by now.
            Thread.Sleep(300);
            Assert.Equal(requestsAtStop, RequestsFor(stuck));
        }
    }
}
