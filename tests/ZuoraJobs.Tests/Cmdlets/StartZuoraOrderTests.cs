using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    public class StartZuoraOrderTests : ModuleTestBase
    {
        private const string CreateKey = "POST /v1/async/orders";
        private const string PreviewKey = "POST /v1/async/orders/preview";

        public StartZuoraOrderTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        private long Posts(string key = CreateKey) => Simulator.State.GetStatistics().ForEndpoint(key);

        private long Created(string orderNumber) =>
            Simulator.State.GetStatistics().JobsCreatedByOrderNumber.TryGetValue(orderNumber, out var n) ? n : 0;

        private JsonNode SentBody(string jobId) => JsonNode.Parse(Simulator.State.GetJob(jobId)!.OrderRequest!)!;

        /// <summary>A property of the error's target, which must be the module's small OrderReference and never the body.</summary>
        internal static object? Target(ErrorRecord error, string property)
        {
            Assert.Equal("ZuoraJobs.OrderReference", error.TargetObject?.GetType().FullName);
            return RunResult.Prop(PSObject.AsPSObject(error.TargetObject), property);
        }

        private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);

        [Fact]
        public void Every_input_shape_is_sent_with_nothing_lost_and_nothing_added()
        {
            using var session = Connected();
            var n = Unique("SHAPE");
            var result = session.Run("""
                $n = $args[0]
                @{ orderDate = [datetime]'2026-11-23T15:30:00'; orderNumber = "$n-H"; existingAccountNumber = 'A-1'
                   customFields = @{ Region__c = 'EMEA'; Priority__c = 3 }
                   subscriptions = @(@{ orderActions = @(@{ type = 'CreateSubscription'; triggerDates = @(@{ name = 'ServiceActivation'; triggerDate = [datetime]'2026-12-01' }) }) }) },
                [ordered]@{ orderDate = '2026-11-23'; orderNumber = "$n-O"; newAccount = [ordered]@{ name = 'Acme'; accountNumber = 'N-1' }; quantity = 2.5 },
                [pscustomobject]@{ orderDate = '2026-11-23'; orderNumber = "$n-P"; existingAccountNumber = 'A-2'; processingOptions = [pscustomobject]@{ runBilling = $true; collectPayment = $false } },
                ('{"orderDate":"2026-11-23","orderNumber":"' + $n + '-J","existingAccountNumber":"A-3","big":12345678901234567890123}') |
                    Start-ZuoraOrder
                """, n);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new[] { n + "-H", n + "-O", n + "-P", n + "-J" }, Strings(result, "OrderNumber"));
            Assert.Equal(new[] { "A-1", "N-1", "A-2", "A-3" }, Strings(result, "AccountNumber"));
            Assert.All(result.Output, o => Assert.Equal("ZuoraJobs.AsyncOrderSubmission", o.TypeNames[0]));

            var ids = Strings(result, "JobId");
            var hashtable = SentBody(ids[0]);
            Assert.Equal("2026-11-23", hashtable["orderDate"]!.GetValue<string>());
            Assert.Equal("EMEA", hashtable["customFields"]!["Region__c"]!.GetValue<string>());
            Assert.Equal(3, hashtable["customFields"]!["Priority__c"]!.GetValue<int>());
            Assert.Equal("2026-12-01", hashtable["subscriptions"]![0]!["orderActions"]![0]!["triggerDates"]![0]!["triggerDate"]!.GetValue<string>());
            Assert.Equal(5, hashtable.AsObject().Count);

            Assert.Equal("""{"orderDate":"2026-11-23","orderNumber":"{0}-O","newAccount":{"name":"Acme","accountNumber":"N-1"},"quantity":2.5}""".Replace("{0}", n),
                SentBody(ids[1]).ToJsonString());
            Assert.Equal("""{"orderDate":"2026-11-23","orderNumber":"{0}-P","existingAccountNumber":"A-2","processingOptions":{"runBilling":true,"collectPayment":false}}""".Replace("{0}", n),
                SentBody(ids[2]).ToJsonString());
            Assert.Equal("{\"orderDate\":\"2026-11-23\",\"orderNumber\":\"" + n + "-J\",\"existingAccountNumber\":\"A-3\",\"big\":12345678901234567890123}",
                Simulator.State.GetJob(ids[3])!.OrderRequest);
        }

        [Fact]
        public void Orders_Zuora_would_refuse_get_one_InvalidOrder_each_and_send_nothing()
        {
            using var session = Connected();
            var before = Posts() + Posts(PreviewKey);
            var n = Unique("REF");
            var result = session.Run("""
                $n = $args[0]
                $subs = 1..301 | ForEach-Object { @{} }
                $bad = @(@{ orderNumber = "$n-1" }, @{ orderDate = '23/11/2026' }, @{ orderDate = '2026-11-23'; subscriptions = $subs },
                         @{ orderDate = '2026-11-23'; orderLineItems = @(1..101 | ForEach-Object { @{} }) }, '[1,2]', 'not json', 42)
                $bad | Start-ZuoraOrder
                @{ orderDate = '2026-11-23' } | Start-ZuoraOrderPreview
                """, n);

            Assert.Empty(result.Output);
            Assert.Equal(8, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.StartsWith("InvalidOrder", e.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
                Assert.Contains("Nothing was sent", e.Exception.Message);
            });
            Assert.Contains("no orderDate", result.Errors[0].Exception.Message);
            Assert.Equal(n + "-1", Target(result.Errors[0], "OrderNumber"));
            Assert.Contains("yyyy-MM-dd", result.Errors[1].Exception.Message);
            Assert.Contains("301 subscriptions", result.Errors[2].Exception.Message);
            Assert.Contains("101 order line items", result.Errors[3].Exception.Message);
            Assert.Contains("JSON array, not an object", result.Errors[4].Exception.Message);
            Assert.Contains("not valid JSON", result.Errors[5].Exception.Message);
            Assert.Contains("System.Int32 is not an order", result.Errors[6].Exception.Message);
            Assert.Contains("no previewOptions", result.Errors[7].Exception.Message);
            Assert.Equal(before, Posts() + Posts(PreviewKey));
        }

        [Fact]
        public void Results_keep_input_order_with_errors_in_place_naming_the_order_not_holding_its_body()
        {
            using var session = Connected();
            var n = Unique("ORD");
            var result = session.Run("""
                $n = $args[0]
                1..12 | ForEach-Object {
                    if ($_ -eq 5) { @{ orderNumber = "$n-$_" } } else { @{ orderDate = '2026-11-23'; orderNumber = "$n-$_" } }
                } | Start-ZuoraOrder
                """, n);

            Assert.Equal(Enumerable.Range(1, 12).Where(i => i != 5).Select(i => $"{n}-{i}"), Strings(result, "OrderNumber"));
            var error = Assert.Single(result.Errors);
            Assert.Equal($"{n}-5", Target(error, "OrderNumber"));
            Assert.Equal(5, Target(error, "Position"));
        }

        [Fact]
        public void A_rerun_with_IdempotencyKeyProperty_submits_nothing_twice()
        {
            using var session = Connected();
            var n = Unique("RERUN");
            const string script = """
                $n = $args[0]
                1..3 | ForEach-Object { [pscustomobject]@{ orderDate = '2026-11-23'; orderNumber = "$n-$_"; existingAccountNumber = 'A-1' } } |
                    Start-ZuoraOrder -IdempotencyKeyProperty OrderNumber
                """;
            var first = session.Run(script, n);
            var second = session.Run(script, n);

            Assert.True(first.Errors.Count + second.Errors.Count == 0, first.ErrorSummary + second.ErrorSummary);
            Assert.Equal(Strings(first, "JobId"), Strings(second, "JobId"));
            Assert.Equal(new[] { n + "-1", n + "-2", n + "-3" }, Strings(first, "IdempotencyKey"));
            Assert.All(Enumerable.Range(1, 3), i => Assert.Equal(1, Created($"{n}-{i}")));
        }

        [Fact]
        public void Key_problems_are_errors_not_random_keys()
        {
            using var session = Connected();
            var n = Unique("KEY");
            var before = Posts();
            var result = session.Run("""
                $n = $args[0]
                @{ orderDate = '2026-11-23'; orderNumber = "$n-1" }, @{ orderDate = '2026-11-23' }, @{ orderDate = '2026-11-23'; orderNumber = "$n-1"; x = 1 } |
                    Start-ZuoraOrder -IdempotencyKeyProperty orderNumber
                @{ orderDate = '2026-11-23'; orderNumber = "$n-2" }, @{ orderDate = '2026-11-23'; orderNumber = "$n-3" } |
                    Start-ZuoraOrder -IdempotencyKey "$n-fixed"
                """, n);

            Assert.Equal(new[] { n + "-1", n + "-2" }, Strings(result, "OrderNumber"));
            Assert.Equal(new[] { "IdempotencyKeyMissing", "DuplicateIdempotencyKey", "DuplicateIdempotencyKey" },
                result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(before + 2, Posts());
        }

        [Fact]
        public void A_key_reused_for_another_order_is_IdempotencyKeyMismatch()
        {
            using var session = Connected();
            var n = Unique("MIS");
            var result = session.Run("""
                $n = $args[0]
                Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = "$n-1" } -IdempotencyKey "$n-k" | Out-Null
                Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = "$n-2" } -IdempotencyKey "$n-k"
                """, n);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal("IdempotencyKeyMismatch,ZuoraJobs.Cmdlets.StartZuoraOrderCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(422, PSObject.AsPSObject(error.Exception).Properties["HttpStatus"].Value);
            Assert.Equal(0, Created(n + "-2"));
        }

        [Fact]
        public void WhatIf_sends_nothing_and_says_what_would_be_sent_without_secrets()
        {
            var host = new CapturingHost();
            using var session = Connected(host: host);
            var n = Unique("WHATIF");
            var before = Posts();
            var result = session.Run("""
                Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = $args[0]; existingAccountNumber = 'A-7'; subscriptions = @(@{}, @{}) } -ReturnIds -IdempotencyKey k-1 -WhatIf
                """, n);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Empty(result.Output);
            Assert.Equal(before, Posts());
            var text = host.Text.Replace(Environment.NewLine, " ", StringComparison.Ordinal);
            Assert.Contains($"What if: Performing the operation \"Create the order asynchronously: POST {Simulator.BaseAddress}v1/async/orders?returnIds=true\"", text);
            Assert.Contains($"order {n} for account A-7 (2 subscription(s), 0 order line item(s)", text);
            Assert.Contains("Idempotency-Key 'k-1'", text);
            Assert.All(Simulator.State.IssuedAccessTokens, token => Assert.DoesNotContain(token, text));
            Assert.DoesNotContain(SimulatorDefaults.ClientSecret, text);
        }

        [Fact]
        public void Confirm_asks_per_order_and_a_no_sends_nothing()
        {
            var host = new CapturingHost { ConfirmChoice = 2 };
            using var session = Connected(host: host);
            var n = Unique("CONFIRM");
            var refused = session.Run("Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = $args[0] } -Confirm", n);
            Assert.Empty(refused.Output);
            Assert.Single(host.Prompts);
            Assert.Equal(0, Created(n));

            host.ConfirmChoice = 0;
            var accepted = session.Run("Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = $args[0] } -Confirm", n);
            Assert.Single(accepted.Output);
            Assert.Equal(1, Created(n));
        }

        [Fact]
        public void Submissions_bind_to_Wait_ZuoraAsyncJob_by_JobId()
        {
            using var session = Connected();
            var n = Unique("WAIT");
            var result = session.Run("""
                $n = $args[0]
                @{ orderDate = '2026-11-23'; orderNumber = "$n-1"; existingAccountNumber = 'A-1'; subscriptions = @(@{}) },
                @{ orderDate = '2026-11-23'; orderNumber = "$n-2"; existingAccountNumber = 'A-2'; customFields = @{ SimOutcome__c = 'Failed' } } |
                    Start-ZuoraOrder -ReturnIds | Wait-ZuoraAsyncJob -PollInterval 0.05
                """, n);

            // Wait writes each job when it finishes, so the two may come in either order.
            Assert.Equal(new[] { "Completed", "Failed" }, Strings(result, "Status").OrderBy(s => s, StringComparer.Ordinal));
            var completed = result.Output.Single(o => (string?)RunResult.Prop(o, "Status") == "Completed");
            Assert.Equal("ZuoraJobs.AsyncJob", completed.TypeNames[0]);
            Assert.Equal(n + "-1", RunResult.Prop(completed, "OrderNumber"));
            Assert.NotNull(RunResult.Prop(completed, "OrderId"));
            var failed = Assert.Single(result.Errors);
            Assert.StartsWith("AsyncJobFailed", failed.FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void Preview_goes_to_the_preview_endpoint_and_binds_to_Wait()
        {
            using var session = Connected();
            var before = Posts(PreviewKey);
            var result = session.Run("""
                Start-ZuoraOrderPreview '{"orderDate":"2026-11-23","previewOptions":{"previewThruType":"SpecificDate","specificPreviewThruDate":"2026-12-31","previewTypes":["BillingDocs"]},"subscriptions":[{"orderActions":[{"type":"CreateSubscription"}]}]}' -SummarizeInvoiceItem |
                    Wait-ZuoraAsyncJob -PollInterval 0.05
                """);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var job = Assert.Single(result.Output);
            Assert.Equal("AsyncPreviewOrder", RunResult.Prop(job, "JobType"));
            Assert.Equal(before + 1, Posts(PreviewKey));
        }

        [Fact]
        public void Path_reads_json_files_one_order_each()
        {
            using var session = Connected();
            var n = Unique("FILE");
            var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), n);
            System.IO.Directory.CreateDirectory(dir);
            try
            {
                System.IO.File.WriteAllText(System.IO.Path.Combine(dir, "a.json"), "\uFEFF{\"orderDate\":\"2026-11-23\",\"orderNumber\":\"" + n + "-a\"}");
                System.IO.File.WriteAllText(System.IO.Path.Combine(dir, "b.json"), "{\"orderDate\":\"2026-11-23\",\"orderNumber\":\"" + n + "-b\"}");
                var result = session.Run("""
                    Start-ZuoraOrder -Path $args[0]
                    [System.IO.FileInfo]::new($args[1]) | Start-ZuoraOrder -IdempotencyKey again
                    Start-ZuoraOrder -Path $args[2]
                    """, System.IO.Path.Combine(dir, "*.json"), System.IO.Path.Combine(dir, "b.json"), System.IO.Path.Combine(dir, "missing.json"));
                Assert.True(result.Errors.Count == 1, result.ErrorSummary);
                Assert.Equal(new[] { n + "-a", n + "-b", n + "-b" }, Strings(result, "OrderNumber"));
                Assert.Equal("OrderFileNotFound", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
            }
            finally
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void The_table_view_fits_80_columns_with_the_whole_job_id()
        {
            var host = new CapturingHost();
            using var session = Connected(host: host);
            var n = "VIEW-" + Guid.NewGuid().ToString("N").Substring(0, 7);
            var result = session.Run("""
                $Host.UI.RawUI.BufferSize = [System.Management.Automation.Host.Size]::new(80, 3000)
                $create = @{ orderDate = '2026-11-23'; orderNumber = "$($args[0])"; existingAccountNumber = 'A00000001' } | Start-ZuoraOrder
                $preview = @{ orderDate = '2026-11-23'; previewOptions = @{ previewThruType = 'TermEnd' } } | Start-ZuoraOrderPreview
                $create, $preview | Out-Default
                """, n);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var lines = host.Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
            Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
            Assert.True(lines.Length == 4, host.Text);
            Assert.Matches(@"^JobId\s+OrderNumber\s+Account\s+Op\s+Accepted$", lines[0]);
            Assert.Matches(@"^[0-9a-f-]{36} " + n + @"\s+A00000001\s+Create\s+\d\d:\d\d:\d\d$", lines[2]);
            Assert.Matches(@"^[0-9a-f-]{36}\s+Preview\s+\d\d:\d\d:\d\d$", lines[3]);
        }

        [Fact]
        public void Verbose_and_Debug_show_each_request_and_its_key_but_no_token_or_body()
        {
            using var session = Connected();
            var n = Unique("DEBUG");
            var result = session.Run("""
                $DebugPreference = 'Continue'
                Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = $args[0]; newAccount = @{ name = 'Acme'; creditCard = @{ cardNumber = '4111111111111111' } } } -IdempotencyKey "$($args[0])-k" -Verbose
                """, n);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Contains(result.Verbose, line => line.StartsWith($"Submitting order {n} (", StringComparison.Ordinal) && line.Contains($"Idempotency-Key '{n}-k'", StringComparison.Ordinal));
            Assert.Contains(result.Verbose, line => line.StartsWith("POST /v1/async/orders -> 200 OK", StringComparison.Ordinal));
            Assert.Contains(result.Debug, line => line.Contains($"Idempotency-Key: {n}-k", StringComparison.Ordinal));
            var everything = string.Join("\n", result.Verbose.Concat(result.Debug));
            Assert.All(Simulator.State.IssuedAccessTokens, token => Assert.DoesNotContain(token, everything));
            Assert.DoesNotContain("4111111111111111", everything);
            Assert.DoesNotContain("Authorization", everything);
        }

        [Fact]
        public void Stop_sends_no_further_order_and_waits_for_those_on_the_wire_at_most_the_request_timeout()
        {
            var n = Unique("STOP");
            var slow = new FaultSpec { Kind = FaultKind.CommitThenLoseResponse, Loss = LostResponse.SlowResponse, LatencyMs = 30_000, Endpoints = SimEndpoint.CreateOrder };
            Simulator.State.EnqueueFaults(slow, slow);
            using var session = Connected("-ThrottleLimit 2 -RequestTimeoutSec 1");
            var before = Posts();
            using var ps = session.Create("$n = $args[0]; 1..10 | ForEach-Object { @{ orderDate = '2026-11-23'; orderNumber = \"$n-$_\" } } | Start-ZuoraOrder", null, n);
            var invocation = ps.BeginInvoke();
            try
            {
                System.Threading.SpinWait.SpinUntil(() => Posts() - before >= 2, TimeSpan.FromSeconds(20));

                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                ps.Stop();
                stopwatch.Stop();

                Assert.True(stopwatch.ElapsedMilliseconds < 5000, $"Stop took {stopwatch.ElapsedMilliseconds} ms");
                Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
                Assert.Equal(2, Posts() - before);

                // Both orders were created, their answers never came: the session still knows them, keys included.
                var sent = session.Run("(Get-ZuoraContext).SentOrders | Where-Object OrderNumber -like \"$($args[0])-*\"", n).Output;
                Assert.Equal(new[] { "Unknown", "Unknown" }, sent.Take(2).Select(o => RunResult.Prop(o, "State")!.ToString()));
                Assert.All(sent.Take(2), o => Assert.False((bool)RunResult.Prop(o, "Reported")!));
                Assert.All(sent.Skip(2), o => Assert.Equal("NotSent", RunResult.Prop(o, "State")!.ToString()));
                Assert.Equal(2, sent.Take(2).Select(o => RunResult.Prop(o, "IdempotencyKey")).Distinct().Count());
            }
            finally
            {
                Simulator.State.ReleaseDelayedRequests();
            }
        }

        [Fact]
        public void A_refusal_for_access_is_one_error_naming_the_order()
        {
            using var session = Connected();
            var n = Unique("DENY");
            Simulator.State.EnqueueFaults(new FaultSpec { Kind = FaultKind.AccessDenied, Endpoints = SimEndpoint.CreateOrder });
            var result = session.Run("@{ orderDate = '2026-11-23'; orderNumber = $args[0] } | Start-ZuoraOrder", n);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal("AccessDenied,ZuoraJobs.Cmdlets.StartZuoraOrderCommand", error.FullyQualifiedErrorId);
            Assert.Contains($"order {n}", error.Exception.Message);
            Assert.Equal(n, Target(error, "OrderNumber"));
            Assert.Null(Target(error, "AccountNumber"));
            Assert.Matches("^[0-9a-f-]{36}$", (string)Target(error, "IdempotencyKey")!);
        }
    }
}
