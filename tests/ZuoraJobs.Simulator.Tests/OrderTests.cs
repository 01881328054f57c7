using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class OrderTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    private async Task<JsonNode> CompleteAsync(string jobId, string token)
    {
        for (int i = 0; i < 10; i++)
        {
            JsonNode body = await Sim.GetJobJsonAsync(jobId, token);
            if (body["status"]!.GetValue<string>() != "Processing")
            {
                return body;
            }
        }

        throw new InvalidOperationException("job never finished");
    }

    [Fact]
    public async Task Create_order_returns_job_and_location_then_completes_with_derived_result()
    {
        string token = await Sim.TokenAsync();
        const string order = """
            {"orderDate":"2026-11-23","existingAccountNumber":"A12345678","orderNumber":"OM-77777",
             "orderLineItems":[{"itemNumber":"116","amountPerUnit":100,"quantity":2},{"amountPerUnit":"50.5"}],
             "subscriptions":[{"subscriptionNumber":"SM-90001","orderActions":[{"type":"CreateSubscription"}]},
                              {"orderActions":[{"type":"CreateSubscription","triggerDates":[{"name":"ServiceActivation"}]}]}],
             "processingOptions":{"runBilling":true,"collectPayment":true}}
            """;
        using HttpResponseMessage response = await Sim.PostJsonAsync("v1/async/orders", order, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode created = await SimulatorFixture.Json(response);
        string jobId = created["jobId"]!.GetValue<string>();
        Assert.True(Guid.TryParse(jobId, out _));
        Assert.True(created["success"]!.GetValue<bool>());
        Assert.Equal("/v1/async-jobs/" + jobId, response.Headers.Location!.OriginalString);

        JsonNode first = await Sim.GetJobJsonAsync(jobId, token);
        Assert.Equal("Processing", first["status"]!.GetValue<string>());
        Assert.Null(first["result"]);

        JsonNode done = await CompleteAsync(jobId, token);
        Assert.Equal("Completed", done["status"]!.GetValue<string>());
        JsonNode result = done["result"]!;
        Assert.Equal("AsyncCreateOrder", result["jobType"]!.GetValue<string>());
        Assert.Equal("A12345678", result["accountNumber"]!.GetValue<string>());
        Assert.Equal("OM-77777", result["orderNumber"]!.GetValue<string>());
        Assert.Equal("Pending", result["status"]!.GetValue<string>());
        Assert.Equal("SM-90001", result["subscriptions"]![0]!["subscriptionNumber"]!.GetValue<string>());
        Assert.Equal("Active", result["subscriptions"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("Pending Activation", result["subscriptions"]![1]!["status"]!.GetValue<string>());
        Assert.Matches("^SM-\\d{5}$", result["subscriptions"]![1]!["subscriptionNumber"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", result["orderLineItems"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("116", result["orderLineItems"]![0]!["itemNumber"]!.GetValue<string>());
        Assert.Equal("2", result["orderLineItems"]![1]!["itemNumber"]!.GetValue<string>());
        Assert.Matches("^INV\\d{8}$", result["invoiceNumbers"]![0]!.GetValue<string>());
        Assert.Matches("^P-\\d{8}$", result["paymentNumber"]!.GetValue<string>());
        Assert.Equal("250.50", result["paidAmount"]!.GetValue<string>());
        Assert.True(result["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task New_account_gets_generated_numbers_and_no_billing_fields()
    {
        string token = await Sim.TokenAsync();
        using HttpResponseMessage response = await Sim.PostJsonAsync("v1/async/orders",
            "{\"orderDate\":\"2026-11-23\",\"newAccount\":{\"name\":\"Acme\"},\"subscriptions\":[{}]}", token);
        string jobId = (await SimulatorFixture.Json(response))["jobId"]!.GetValue<string>();
        JsonNode result = (await CompleteAsync(jobId, token))["result"]!;
        Assert.Equal("A00000001", result["accountNumber"]!.GetValue<string>());
        Assert.Equal("OM-00001", result["orderNumber"]!.GetValue<string>());
        Assert.Equal("Completed", result["status"]!.GetValue<string>());
        Assert.Null(result["invoiceNumbers"]);
        Assert.Null(result["paymentNumber"]);
        Assert.Null(result["paidAmount"]);
    }

    [Fact]
    public async Task ReturnIds_adds_ids_next_to_numbers()
    {
        string token = await Sim.TokenAsync();
        using HttpResponseMessage response = await Sim.PostJsonAsync("v1/async/orders?returnIds=true",
            "{\"orderDate\":\"2026-11-23\",\"subscriptions\":[{}],\"processingOptions\":{\"runBilling\":true}}", token);
        string jobId = (await SimulatorFixture.Json(response))["jobId"]!.GetValue<string>();
        JsonNode result = (await CompleteAsync(jobId, token))["result"]!;
        Assert.Matches("^[0-9a-f]{32}$", result["accountId"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", result["orderId"]!.GetValue<string>());
        Assert.Single(result["invoiceIds"]!.AsArray());
        Assert.Single(result["subscriptionIds"]!.AsArray());
    }

    [Fact]
    public async Task Preview_returns_202_and_invoices_and_credit_memos()
    {
        string token = await Sim.TokenAsync();
        const string order = """
            {"orderDate":"2026-11-23","previewOptions":{"previewThruType":"SpecificDate","specificPreviewThruDate":"2026-12-31","previewTypes":["BillingDocs"]},
             "subscriptions":[{"subscriptionNumber":"SM-1","orderActions":[{"type":"RemoveProduct"},{"type":"AddProduct","addProduct":{"chargeOverrides":[{"pricing":{"recurringFlatFee":{"listPrice":200}}}]}}]}]}
            """;
        using HttpResponseMessage response = await Sim.PostJsonAsync("v1/async/orders/preview", order, token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonNode accepted = await SimulatorFixture.Json(response);
        string jobId = accepted["jobId"]!.GetValue<string>();
        Assert.Null(accepted["success"]);
        Assert.Equal("/v1/async-jobs/" + jobId, response.Headers.Location!.OriginalString);

        JsonNode result = (await CompleteAsync(jobId, token))["result"]!;
        Assert.Equal("AsyncPreviewOrder", result["jobType"]!.GetValue<string>());
        JsonNode invoice = result["invoices"]![0]!;
        Assert.Equal(200m, invoice["amountWithoutTax"]!.GetValue<decimal>());
        Assert.Equal(16m, invoice["taxAmount"]!.GetValue<decimal>());
        Assert.Equal(216m, invoice["amount"]!.GetValue<decimal>());
        Assert.Equal("2026-12-31", invoice["targetDate"]!.GetValue<string>());
        Assert.Equal("SM-1", invoice["invoiceItems"]![0]!["subscriptionNumber"]!.GetValue<string>());
        JsonNode memo = result["creditMemos"]![0]!;
        Assert.Equal(216m, memo["amount"]!.GetValue<decimal>());
        Assert.NotNull(memo["creditMemoItems"]);
        Assert.Null(result["orderNumber"]);
    }

    [Theory]
    [InlineData("v1/async/orders", "{\"existingAccountNumber\":\"A1\"}", "50000022")]
    [InlineData("v1/async/orders", "{\"orderDate\":\"23/11/2026\"}", "50000020")]
    [InlineData("v1/async/orders/preview", "{\"orderDate\":\"2026-11-23\"}", "50000022")]
    [InlineData("v1/async/orders", "{\"orderDate\":", "50000090")]
    [InlineData("v1/async/orders", "[1,2]", "50000090")]
    public async Task Invalid_bodies_get_400_common_response(string path, string body, string code)
    {
        string token = await Sim.TokenAsync();
        using HttpResponseMessage response = await Sim.PostJsonAsync(path, body, token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), code);
        Assert.Equal(0, Sim.State.GetStatistics().JobCount);
    }

    [Fact]
    public async Task Orders_require_a_bearer_token()
    {
        using HttpResponseMessage response = await Sim.PostJsonAsync("v1/async/orders", "{\"orderDate\":\"2026-11-23\"}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(SimulatorFixture.HasHeader(response, "WWW-Authenticate"));
    }

    [Fact]
    public async Task Order_number_starting_with_FAIL_makes_the_job_fail()
    {
        string token = await Sim.TokenAsync();
        using HttpResponseMessage response = await Sim.PostJsonAsync("v1/async/orders",
            "{\"orderDate\":\"2026-11-23\",\"orderNumber\":\"FAIL-1\"}", token);
        string jobId = (await SimulatorFixture.Json(response))["jobId"]!.GetValue<string>();
        JsonNode done = await CompleteAsync(jobId, token);
        Assert.Equal("Failed", done["status"]!.GetValue<string>());
        Assert.Contains("FAIL-1", done["errors"]!.GetValue<string>());
        Assert.Null(done["result"]);
    }

    [Fact]
    public async Task Custom_fields_choose_outcome_errors_and_polls()
    {
        string token = await Sim.TokenAsync();
        using HttpResponseMessage response = await Sim.PostJsonAsync("v1/async/orders",
            "{\"orderDate\":\"2026-11-23\",\"customFields\":{\"SimOutcome__c\":\"Canceled\",\"SimErrors__c\":\"Stopped by user\",\"SimPolls__c\":3}}", token);
        string jobId = (await SimulatorFixture.Json(response))["jobId"]!.GetValue<string>();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal("Processing", (await Sim.GetJobJsonAsync(jobId, token))["status"]!.GetValue<string>());
        }

        JsonNode done = await Sim.GetJobJsonAsync(jobId, token);
        Assert.Equal("Canceled", done["status"]!.GetValue<string>());
        Assert.Equal("Stopped by user", done["errors"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gzip_request_body_is_accepted()
    {
        string token = await Sim.TokenAsync();
        byte[] gz;
        using (var buffer = new System.IO.MemoryStream())
        {
            using (var zip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                zip.Write("{\"orderDate\":\"2026-11-23\"}"u8);
            }

            gz = buffer.ToArray();
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "v1/async/orders") { Content = new ByteArrayContent(gz) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await Sim.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
