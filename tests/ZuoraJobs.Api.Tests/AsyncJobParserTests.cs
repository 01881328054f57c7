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

        // ZUORA-API.md §1 sample, with the elided subscriptions filled in to four.
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
    }
}
