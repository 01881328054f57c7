using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ZuoraJobs.Benchmarks.Infrastructure
{
    /// <summary>Builds realistic <c>GET /v1/async-jobs/{id}</c> bodies with Utf8JsonWriter (deterministic, no randomness).</summary>
    public static class JobBodies
    {
        /// <summary>The whole response body of a completed job: <c>{errors, result, status, success}</c>.</summary>
        public static byte[] CompletedBody(int subscriptions, int lineItems, int invoices, int itemsPerInvoice) =>
            Write(w =>
            {
                w.WriteStartObject();
                w.WriteNull("errors");
                w.WritePropertyName("result");
                WriteResult(w, subscriptions, lineItems, invoices, itemsPerInvoice);
                w.WriteString("status", "Completed");
                w.WriteBoolean("success", true);
                w.WriteEndObject();
            });

        /// <summary>Only the <c>result</c> object, as the simulator's <c>SeedJob</c> wants it.</summary>
        public static string ResultJson(int subscriptions, int lineItems, int invoices, int itemsPerInvoice) =>
            Encoding.UTF8.GetString(Write(w => WriteResult(w, subscriptions, lineItems, invoices, itemsPerInvoice)));

        private static void WriteResult(Utf8JsonWriter w, int subscriptions, int lineItems, int invoices, int itemsPerInvoice)
        {
            w.WriteStartObject();
            w.WriteString("jobType", "AsyncCreateOrder");
            w.WriteString("accountId", Hex(1));
            w.WriteString("accountNumber", "A00001234");
            w.WriteString("orderId", Hex(2));
            w.WriteString("orderNumber", "O-00012345");
            w.WriteString("status", "Completed");
            w.WriteBoolean("success", true);
            w.WriteString("paymentId", Hex(3));
            w.WriteString("paymentNumber", "P-00000042");
            w.WriteString("paidAmount", "125430.50");
            StringArray(w, "invoiceNumbers", invoices, i => "INV" + i.ToString("D8", CultureInfo.InvariantCulture));
            StringArray(w, "invoiceIds", invoices, i => Hex(10_000 + i));
            StringArray(w, "subscriptionNumbers", subscriptions, SubscriptionNumber);
            StringArray(w, "subscriptionIds", subscriptions, i => Hex(20_000 + i));

            w.WriteStartArray("orderLineItems");
            for (var i = 1; i <= lineItems; i++)
            {
                w.WriteStartObject();
                w.WriteString("id", Hex(30_000 + i));
                w.WriteString("itemNumber", i.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("subscriptions");
            for (var i = 1; i <= subscriptions; i++)
            {
                w.WriteStartObject();
                w.WriteString("subscriptionNumber", SubscriptionNumber(i));
                w.WriteString("status", "Active");
                w.WriteString("subscriptionId", Hex(20_000 + i));
                w.WriteString("subscriptionOwnerId", Hex(1));
                w.WriteString("subscriptionOwnerNumber", "A00001234");
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("invoices");
            for (var i = 1; i <= invoices; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("amount", 1234.56m + i);
                w.WriteNumber("amountWithoutTax", 1100.00m + i);
                w.WriteNumber("taxAmount", 134.56m);
                w.WriteString("targetDate", "2026-11-23");
                w.WriteStartArray("invoiceItems");
                for (var j = 1; j <= itemsPerInvoice; j++)
                {
                    w.WriteStartObject();
                    w.WriteString("serviceStartDate", "2026-11-01");
                    w.WriteString("serviceEndDate", "2026-11-30");
                    w.WriteNumber("amountWithoutTax", 110.00m + j);
                    w.WriteNumber("taxAmount", 13.46m);
                    w.WriteString("chargeDescription", "Monthly platform fee");
                    w.WriteString("chargeName", "Platform fee " + j.ToString(CultureInfo.InvariantCulture));
                    w.WriteString("chargeNumber", "C-" + (i * 1000 + j).ToString("D8", CultureInfo.InvariantCulture));
                    w.WriteString("processingType", "Charge");
                    w.WriteString("productName", "Platform");
                    w.WriteString("productRatePlanChargeId", Hex(40_000 + j));
                    w.WriteString("subscriptionNumber", SubscriptionNumber(((i * itemsPerInvoice) + j) % Math.Max(1, subscriptions) + 1));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void StringArray(Utf8JsonWriter w, string name, int count, Func<int, string> value)
        {
            w.WriteStartArray(name);
            for (var i = 1; i <= count; i++)
            {
                w.WriteStringValue(value(i));
            }

            w.WriteEndArray();
        }

        private static string SubscriptionNumber(int i) => "A-S" + i.ToString("D8", CultureInfo.InvariantCulture);

        private static string Hex(int i) => "8a8082c4" + i.ToString("x24", CultureInfo.InvariantCulture);

        private static byte[] Write(Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                write(writer);
            }

            return stream.ToArray();
        }
    }
}
