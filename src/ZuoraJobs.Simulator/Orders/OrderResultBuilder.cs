using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZuoraJobs.Simulator;

/// <summary>
/// Derives the async job's eventual <c>result</c> from the order request, so a client sees its own numbers come back.
/// Custom fields on the order (<c>SimOutcome__c</c>, <c>SimErrors__c</c>, <c>SimPolls__c</c>, <c>SimDurationMs__c</c>,
/// <c>SimAmount__c</c>) and an order number starting with <c>FAIL</c> steer the job; see README.
/// </summary>
internal static class OrderResultBuilder
{
    private const decimal DefaultAmount = 100m;
    private const decimal TaxRate = 0.08m;

    public static OrderOutcome Build(JsonObject order, bool preview, bool returnIds, SimulatorState state)
    {
        JsonNode? custom = order["customFields"];
        string? orderNumber = OrderReader.String(order, "orderNumber");
        string? outcome = OrderReader.String(custom, "SimOutcome__c");
        bool failByNumber = orderNumber?.StartsWith("FAIL", StringComparison.OrdinalIgnoreCase) == true;
        string finalStatus = outcome ?? (failByNumber ? "Failed" : "Completed");

        int? polls = OrderReader.Int(custom, "SimPolls__c");
        int? durationMs = OrderReader.Int(custom, "SimDurationMs__c");
        TimeSpan? duration = durationMs is int ms ? TimeSpan.FromMilliseconds(ms)
            : polls is null ? state.Options.DefaultCompletionDelay : null;
        int pollCount = polls ?? state.Options.DefaultPollsBeforeCompletion;

        if (!finalStatus.Equals("Completed", StringComparison.OrdinalIgnoreCase))
        {
            string errors = OrderReader.String(custom, "SimErrors__c")
                ?? $"Order {orderNumber ?? "(unnumbered)"} could not be processed: simulated failure requested by the request.";
            return new OrderOutcome(null, finalStatus, errors, pollCount, duration);
        }

        decimal total = Total(order);
        string result = preview ? BuildPreview(order, total) : BuildCreate(order, returnIds, total, state);
        return new OrderOutcome(result, finalStatus, null, pollCount, duration);
    }

    private static decimal Total(JsonObject order)
    {
        if (OrderReader.Decimal(order["customFields"], "SimAmount__c") is decimal forced)
        {
            return forced;
        }

        decimal total = OrderReader.SumListPrices(order["subscriptions"]);
        foreach (JsonNode? item in OrderReader.Array(order, "orderLineItems"))
        {
            decimal unit = OrderReader.Decimal(item, "amountPerUnit") ?? OrderReader.Decimal(item, "listPricePerUnit") ?? 0m;
            total += unit * (OrderReader.Decimal(item, "quantity") ?? 1m);
        }

        return total == 0m ? DefaultAmount : Math.Round(total, 2);
    }

    private static string BuildCreate(JsonObject order, bool returnIds, decimal total, SimulatorState state)
    {
        NumberSequences numbers = state.Numbers;
        SeededRandom random = state.Random;
        JsonNode? options = order["processingOptions"];
        bool runBilling = OrderReader.Bool(options, "runBilling");
        bool collectPayment = OrderReader.Bool(options, "collectPayment");

        string accountNumber = OrderReader.String(order, "existingAccountNumber")
            ?? OrderReader.String(order["newAccount"], "accountNumber")
            ?? numbers.NextAccount();
        string orderNumber = OrderReader.String(order, "orderNumber") ?? numbers.NextOrder();
        var subscriptions = OrderReader.Array(order, "subscriptions")
            .Select(s => (Number: OrderReader.String(s, "subscriptionNumber") ?? numbers.NextSubscription(), Status: SubscriptionStatus(s)))
            .ToList();
        JsonArray lineItems = OrderReader.Array(order, "orderLineItems");
        string? invoiceNumber = runBilling ? numbers.NextInvoice() : null;
        string? paymentNumber = collectPayment ? numbers.NextPayment() : null;
        bool pending = subscriptions.Any(s => s.Status.StartsWith("Pending", StringComparison.Ordinal));

        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("jobType", "AsyncCreateOrder");
            if (returnIds)
            {
                w.WriteString("accountId", random.NextHex(16));
            }

            w.WriteString("accountNumber", accountNumber);
            if (invoiceNumber is not null)
            {
                if (returnIds)
                {
                    WriteStrings(w, "invoiceIds", random.NextHex(16));
                }

                WriteStrings(w, "invoiceNumbers", invoiceNumber);
            }

            if (returnIds)
            {
                w.WriteString("orderId", random.NextHex(16));
            }

            if (lineItems.Count > 0)
            {
                w.WriteStartArray("orderLineItems");
                for (int i = 0; i < lineItems.Count; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("id", random.NextHex(16));
                    w.WriteString("itemNumber", OrderReader.String(lineItems[i], "itemNumber") ?? (i + 1).ToString(CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteString("orderNumber", orderNumber);
            if (paymentNumber is not null)
            {
                w.WriteString("paidAmount", total.ToString("0.00", CultureInfo.InvariantCulture));
                if (returnIds)
                {
                    w.WriteString("paymentId", random.NextHex(16));
                }

                w.WriteString("paymentNumber", paymentNumber);
            }

            w.WriteString("status", pending ? "Pending" : "Completed");
            if (returnIds && subscriptions.Count > 0)
            {
                WriteStrings(w, "subscriptionIds", subscriptions.Select(_ => random.NextHex(16)).ToArray());
            }

            if (subscriptions.Count > 0)
            {
                w.WriteStartArray("subscriptions");
                foreach ((string number, string status) in subscriptions)
                {
                    w.WriteStartObject();
                    w.WriteString("status", status);
                    w.WriteString("subscriptionNumber", number);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteBoolean("success", true);
            w.WriteEndObject();
        });
    }

    /// <summary>Status a subscription would end in, from its explicit override or its order actions.</summary>
    private static string SubscriptionStatus(JsonNode? subscription)
    {
        if (OrderReader.String(subscription?["customFields"], "SimStatus__c") is { } forced)
        {
            return forced;
        }

        string status = "Active";
        foreach (JsonNode? action in OrderReader.Array(subscription, "orderActions"))
        {
            string type = OrderReader.String(action, "type") ?? string.Empty;
            if (type.Equals("CancelSubscription", StringComparison.OrdinalIgnoreCase))
            {
                return "Cancelled";
            }

            if (type.Equals("Suspend", StringComparison.OrdinalIgnoreCase))
            {
                status = "Suspended";
            }

            // A ServiceActivation trigger without a date is how Zuora tenants end up in Pending Activation.
            if (OrderReader.Array(action, "triggerDates").Any(t =>
                    string.Equals(OrderReader.String(t, "name"), "ServiceActivation", StringComparison.OrdinalIgnoreCase)
                    && OrderReader.String(t, "triggerDate") is null))
            {
                status = "Pending Activation";
            }
        }

        return status;
    }

    private static string BuildPreview(JsonObject order, decimal total)
    {
        JsonNode? previewOptions = order["previewOptions"];
        string targetDate = OrderReader.String(previewOptions, "specificPreviewThruDate")
            ?? OrderReader.String(order, "orderDate") ?? string.Empty;
        var previewTypes = OrderReader.Array(previewOptions, "previewTypes")
            .Select(t => t?.ToString() ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool billingDocs = previewTypes.Count == 0 || previewTypes.Contains("BillingDocs");
        string? subscriptionNumber = OrderReader.Array(order, "subscriptions")
            .Select(s => OrderReader.String(s, "subscriptionNumber")).FirstOrDefault(n => n is not null);
        bool credits = OrderReader.Array(order, "subscriptions")
            .SelectMany(s => OrderReader.Array(s, "orderActions"))
            .Any(a => OrderReader.String(a, "type") is "RemoveProduct" or "CancelSubscription");
        decimal tax = Math.Round(total * TaxRate, 2);

        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("jobType", "AsyncPreviewOrder");
            if (previewTypes.Contains("ChargeMetrics"))
            {
                w.WriteStartArray("chargeMetrics");
                w.WriteEndArray();
            }

            if (billingDocs)
            {
                w.WriteStartArray("creditMemos");
                if (credits)
                {
                    WriteDocument(w, "creditMemoItems", total, tax, targetDate, subscriptionNumber);
                }

                w.WriteEndArray();
                w.WriteStartArray("invoices");
                WriteDocument(w, "invoiceItems", total, tax, targetDate, subscriptionNumber);
                w.WriteEndArray();
            }

            if (previewTypes.Contains("OrderMetrics"))
            {
                w.WriteStartArray("orderMetrics");
                w.WriteEndArray();
            }

            w.WriteBoolean("success", true);
            w.WriteEndObject();
        });
    }

    private static void WriteDocument(Utf8JsonWriter w, string itemsName, decimal amountWithoutTax, decimal tax, string targetDate,
        string? subscriptionNumber)
    {
        w.WriteStartObject();
        w.WriteNumber("amount", amountWithoutTax + tax);
        w.WriteNumber("amountWithoutTax", amountWithoutTax);
        w.WriteStartArray(itemsName);
        w.WriteStartObject();
        w.WriteNumber("amountWithoutTax", amountWithoutTax);
        w.WriteString("chargeDescription", string.Empty);
        w.WriteString("chargeName", "Simulated Charge");
        w.WriteString("chargeNumber", "C-00000001");
        w.WriteString("processingType", "Charge");
        w.WriteString("productName", "Simulated Product");
        w.WriteString("serviceEndDate", targetDate);
        w.WriteString("serviceStartDate", targetDate);
        if (subscriptionNumber is not null)
        {
            w.WriteString("subscriptionNumber", subscriptionNumber);
        }

        w.WriteNumber("taxAmount", tax);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("targetDate", targetDate);
        w.WriteNumber("taxAmount", tax);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, params string[] values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(ZuoraJson.Build(write));
}
