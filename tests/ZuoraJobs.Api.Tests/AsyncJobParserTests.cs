using System.Collections.Generic;
using System.Linq;
using System.Text;
using ZuoraJobs.Api.Json;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class AsyncJobParserTests
    {
        private const string JobId = "6ec4a2b2-0f5e-4a1b-9b0e-2d7f6b1a2c3d";

        // The sample of Zuora's "Retrieve the status and response of a job" page, its elided subscriptions filled in to four.
        internal const string CreateSample = """
            {"errors":null,"result":{"jobType":"AsyncCreateOrder","accountNumber":"A00000001",
             "invoiceNumbers":["INV00000001"],"orderLineItems":[{"id":"bd78fa20bd78fa20bd78fa20bd78fa20","itemNumber":"116"}],
             "orderNumber":"OM-00002","paidAmount":"300","paymentNumber":"P-00000002","status":"Pending",
             "subscriptions":[{"status":"Pending Activation","subscriptionNumber":"SM-00001"},
                              {"status":"Pending Activation","subscriptionNumber":"SM-00002"},
                              {"status":"Pending Acceptance","subscriptionNumber":"SM-00003"},
                              {"status":"Active","subscriptionNumber":"SM-00004","subscriptionId":"8a8","subscriptionOwnerId":"own1","subscriptionOwnerNumber":"A00000002"}],
             "success":true},"status":"Completed","success":true}
            """;

        private static ParsedJobBody Parse(string json, JsonObjectFactory? factory = null) =>
            new AsyncJobParser(factory).Parse(Encoding.UTF8.GetBytes(json), JobId);

        [Fact]
        public void Sample_create_job_is_read_field_for_field()
        {
            var body = Parse(CreateSample);
            var job = body.Job;
            Assert.True(body.HasStatus);
            Assert.Equal(JobId, job.JobId);
            Assert.Equal("Completed", job.Status);
            Assert.True(job.Success);
            Assert.Empty(job.Errors);
            Assert.Equal("AsyncCreateOrder", job.JobType);
            Assert.Equal("A00000001", job.AccountNumber);
            Assert.Equal(new[] { "INV00000001" }, job.InvoiceNumbers);
            Assert.Equal("OM-00002", job.OrderNumber);
            Assert.Equal(300m, job.PaidAmount);
            Assert.Equal("P-00000002", job.PaymentNumber);
            Assert.Equal("Pending", job.OrderStatus);
            var item = Assert.Single(job.OrderLineItems);
            Assert.Equal("116", item.ItemNumber);
            Assert.Equal("bd78fa20bd78fa20bd78fa20bd78fa20", item.Id);
            Assert.Equal(JobId, item.JobId);
            Assert.Equal("OM-00002", item.OrderNumber);
            Assert.Equal("A00000001", item.AccountNumber);
            Assert.Equal(4, job.Subscriptions.Length);
            Assert.Equal(new[] { "SM-00001", "SM-00002", "SM-00003", "SM-00004" }, job.Subscriptions.Select(s => s.SubscriptionNumber));
            Assert.All(job.Subscriptions, s => Assert.Equal(JobId, s.JobId));
            Assert.All(job.Subscriptions, s => Assert.Equal("OM-00002", s.OrderNumber));
            Assert.All(job.Subscriptions, s => Assert.Equal("A00000001", s.AccountNumber));
            Assert.Equal("Pending Activation", job.Subscriptions[0].Status);
            Assert.Equal("own1", job.Subscriptions[3].SubscriptionOwnerId);
            Assert.Equal("A00000002", job.Subscriptions[3].SubscriptionOwnerNumber);
            Assert.Empty(job.AdditionalFields);
            Assert.True(job.IsTerminal);
        }

        [Fact]
        public void Preview_job_is_read_with_documents_and_generic_metrics()
        {
            var job = Parse("""
                {"status":"Completed","success":true,"errors":null,"result":{"jobType":"AsyncPreviewOrder","success":true,
                 "invoices":[{"amount":110.5,"amountWithoutTax":"100.00","taxAmount":10.5,"targetDate":"2026-12-01",
                   "invoiceItems":[{"chargeAmount":100,"productName":"Gold","taxAmount":0.1}],"futureField":1}],
                 "creditMemos":[{"amount":-5,"creditMemoItems":[{"amountWithoutTax":-5}],"targetDate":"2026-12-01"}],
                 "chargeMetrics":[{"charges":[{"tcv":1200}]}],"orderDeltaMetrics":{"orderDeltaMrr":[]},
                 "orderMetrics":[],"rampMetrics":[{"rampNumber":"R-1"}]}}
                """).Job;
            Assert.Equal("AsyncPreviewOrder", job.JobType);
            var invoice = Assert.Single(job.Invoices);
            Assert.Equal(110.5m, invoice.Amount);
            Assert.Equal(100.00m, invoice.AmountWithoutTax);
            Assert.Equal(10.5m, invoice.TaxAmount);
            Assert.Equal("2026-12-01", invoice.TargetDate);
            var item = Assert.IsType<Dictionary<string, object?>>(Assert.Single(invoice.Items));
            Assert.Equal(new[] { "chargeAmount", "productName", "taxAmount" }, item.Keys);
            Assert.Equal(100m, item["chargeAmount"]);
            Assert.Equal("Gold", item["productName"]);
            Assert.Equal(1m, invoice.AdditionalFields["futureField"]);
            Assert.Equal(-5m, Assert.Single(job.CreditMemos).Amount);
            Assert.Single(job.CreditMemos[0].Items);
            Assert.Single(job.ChargeMetrics);
            Assert.IsType<Dictionary<string, object?>>(job.OrderDeltaMetrics);
            Assert.Empty(job.OrderMetrics);
            Assert.Single(job.RampMetrics);
            Assert.Empty(job.AdditionalFields);
        }

        [Fact]
        public void Object_factory_builds_generic_objects()
        {
            var seen = new List<IReadOnlyList<KeyValuePair<string, object?>>>();
            JsonObjectFactory factory = p => { seen.Add(p); return "obj" + seen.Count; };
            var job = Parse("""{"status":"Completed","result":{"chargeMetrics":[{"a":1,"b":[true,null,"x"]}],"newThing":{"k":2}}}""", factory).Job;
            Assert.Equal(new object?[] { "obj1" }, job.ChargeMetrics);
            Assert.Equal("obj2", job.AdditionalFields["newThing"]);
            Assert.Equal(new object?[] { true, null, "x" }, (object?[])seen[0][1].Value!);
        }

        [Fact]
        public void Processing_job_has_a_null_result()
        {
            var body = Parse("""{"errors":null,"result":null,"status":"Processing","success":true}""");
            Assert.True(body.HasStatus);
            Assert.Equal("Processing", body.Job.Status);
            Assert.False(body.Job.IsTerminal);
            Assert.Null(body.Job.OrderNumber);
            Assert.Empty(body.Job.Subscriptions);
        }

        [Theory]
        [InlineData("\"Payment declined\"", new[] { "Payment declined" })]
        [InlineData("[\"a\",\"b\"]", new[] { "a", "b" })]
        [InlineData("[{\"code\":53100320,\"message\":\"bad term\"},{\"code\":\"X1\",\"message\":\"m\"}]", new[] { "53100320: bad term", "X1: m" })]
        [InlineData("{\"code\":1,\"message\":\"single\"}", new[] { "1: single" })]
        [InlineData("null", new string[0])]
        [InlineData("\"\"", new string[0])]
        public void Errors_in_every_observed_shape(string errorsJson, string[] expected)
        {
            var job = Parse("{\"status\":\"Failed\",\"success\":false,\"errors\":" + errorsJson + "}").Job;
            Assert.Equal(expected, job.Errors);
            Assert.False(job.Success);
        }

        [Fact]
        public void Reason_codes_may_be_numbers_or_strings()
        {
            var job = Parse("""{"status":"Failed","result":{"success":false,"processId":"P9","reasons":[{"code":53100320,"message":"a"},{"code":"50000040","message":"b"}]}}""").Job;
            Assert.Equal(new[] { "53100320", "50000040" }, job.Reasons.Select(r => r.Code));
            Assert.Equal(40, job.Reasons[1].Category);
            Assert.Equal("P9", job.ProcessId);
        }

        [Fact]
        public void Error_body_without_status_is_flagged()
        {
            var body = Parse("""{"success":false,"processId":"P1","reasons":[{"code":50000040,"message":"not found"}],"requestId":"rq"}""");
            Assert.False(body.HasStatus);
            Assert.False(body.Success);
            Assert.Equal("50000040", Assert.Single(body.Job.Reasons).Code);
            Assert.Equal("rq", body.Job.RequestId);
        }

        [Fact]
        public void Unknown_fields_survive_at_every_level()
        {
            var job = Parse("""
                {"status":"Completed","topNew":"t","result":{"resultNew":[1,2.5,1e400],"orderNumber":"O-1",
                 "orderLineItems":[{"id":"1","itemNumber":"116","lineNew":{"x":1}}],
                 "subscriptions":[{"subscriptionNumber":"S-1","orderActions":[{"type":"CreateSubscription"}]}]}}
                """).Job;
            Assert.Equal("t", job.AdditionalFields["topNew"]);
            var numbers = (object?[])job.AdditionalFields["resultNew"]!;
            Assert.Equal(1m, numbers[0]);
            Assert.Equal(2.5m, numbers[1]);
            Assert.IsType<double>(numbers[2]);
            Assert.True(job.OrderLineItems[0].AdditionalFields.ContainsKey("lineNew"));
            Assert.True(job.Subscriptions[0].AdditionalFields.ContainsKey("orderActions"));
        }

        [Fact]
        public void Type_mismatches_are_coerced_or_kept()
        {
            var job = Parse("""
                {"status":"Completed","success":"true","result":{"orderNumber":12345,"accountNumber":{"weird":true},
                 "invoiceNumbers":"INV-1","creditMemoNumbers":[1,{"x":1}],"paidAmount":"n/a",
                 "subscriptions":{"subscriptionNumber":"S-1","status":"Active"},"orderLineItems":"oops",
                 "writeOff":[{"amount":"12.34","status":"Success"}],"refunds":[{"number":"R1","refundInvoiceNumbers":["I1"]}],
                 "ramps":[{"rampNumber":"RN","subscriptionNumber":"S-1"}],
                 "commitments":[{"id":"c","totalAmount":99.5,"schedules":[{"id":"s1"}],"startDate":"2026-01-01"}]}}
                """).Job;
            Assert.True(job.Success);
            Assert.Equal("12345", job.OrderNumber);
            Assert.Null(job.AccountNumber);
            Assert.IsType<Dictionary<string, object?>>(job.AdditionalFields["accountNumber"]);
            Assert.Equal(new[] { "INV-1" }, job.InvoiceNumbers);
            Assert.Equal(new[] { "1" }, job.CreditMemoNumbers);
            Assert.True(job.AdditionalFields.ContainsKey("creditMemoNumbers"));
            Assert.Null(job.PaidAmount);
            Assert.Equal("n/a", job.AdditionalFields["paidAmount"]);
            Assert.Equal("S-1", Assert.Single(job.Subscriptions).SubscriptionNumber);
            Assert.Equal("12345", job.Subscriptions[0].OrderNumber);
            Assert.Empty(job.OrderLineItems);
            Assert.Equal("oops", job.AdditionalFields["orderLineItems"]);
            Assert.Equal(12.34m, Assert.Single(job.WriteOffs).Amount);
            Assert.Equal(new[] { "I1" }, Assert.Single(job.Refunds).RefundInvoiceNumbers);
            Assert.Equal("RN", Assert.Single(job.Ramps).RampNumber);
            var commitment = Assert.Single(job.Commitments);
            Assert.Equal(99.5m, commitment.TotalAmount);
            Assert.Single(commitment.Schedules);
            Assert.Equal("2026-01-01", commitment.StartDate);
        }

        [Theory]
        [InlineData("\"300\"", 300)]
        [InlineData("300", 300)]
        [InlineData("\"1234.56\"", 1234.56)]
        [InlineData("\"000000300.00\"", 300)]
        public void PaidAmount_parses_invariantly(string json, double expected)
        {
            var job = Parse("{\"status\":\"Completed\",\"result\":{\"paidAmount\":" + json + "}}").Job;
            Assert.Equal((decimal)expected, job.PaidAmount);
        }

        [Theory]
        [InlineData("")]
        [InlineData("{\"status\":")]
        [InlineData("[1]")]
        [InlineData("<html></html>")]
        public void Malformed_json_throws_JsonException(string json)
        {
            Assert.ThrowsAny<System.Text.Json.JsonException>(() => Parse(json));
        }

        [Fact]
        public void Large_job_parses_quickly_enough()
        {
            var subs = string.Join(",", Enumerable.Range(0, 300).Select(i => $$"""{"status":"Active","subscriptionNumber":"S-{{i}}","subscriptionId":"id{{i}}","subscriptionOwnerId":"o","subscriptionOwnerNumber":"A-1"}"""));
            var items = string.Join(",", Enumerable.Range(0, 100).Select(i => $$"""{"id":"li{{i}}","itemNumber":"{{i}}"}"""));
            var json = "{\"status\":\"Completed\",\"success\":true,\"result\":{\"orderNumber\":\"O\",\"accountNumber\":\"A\",\"subscriptions\":[" + subs + "],\"orderLineItems\":[" + items + "]}}";
            var job = Parse(json).Job;
            Assert.Equal(300, job.Subscriptions.Length);
            Assert.Equal(100, job.OrderLineItems.Length);
        }
    }
}
