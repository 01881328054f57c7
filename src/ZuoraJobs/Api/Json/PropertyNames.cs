using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ZuoraJobs.Api.Json
{
    /// <summary>
    /// Returns the shared string for a known property name instead of allocating one per occurrence: a large job
    /// repeats the same few names thousands of times. Unknown or escaped names fall back to GetString.
    /// </summary>
    internal static class PropertyNames
    {
        private static readonly string[] Known =
        {
            "status", "success", "errors", "result", "jobId", "jobType", "processId", "requestId", "reasons", "code", "message",
            "accountId", "accountNumber", "orderId", "orderNumber", "paymentId", "paymentNumber", "paymentStatus", "paidAmount",
            "invoiceNumbers", "invoiceIds", "creditMemoNumbers", "creditMemoIds", "subscriptionNumbers", "subscriptionIds",
            "orderLineItems", "subscriptions", "ramps", "refunds", "writeOff", "writeOffs", "commitments", "invoices", "creditMemos",
            "chargeMetrics", "orderMetrics", "rampMetrics", "orderDeltaMetrics", "id", "itemNumber", "subscriptionNumber",
            "subscriptionId", "subscriptionOwnerId", "subscriptionOwnerNumber", "rampNumber", "number", "refundInvoiceNumbers",
            "amount", "failedReason", "invoiceNumber", "writeOffCreditMemoNumber", "commitmentNumber", "type", "prepaymentType",
            "startDate", "endDate", "totalAmount", "schedules", "amountWithoutTax", "taxAmount", "targetDate", "invoiceItems",
            "creditMemoItems", "orderActions",
        };

        // Indexed by UTF-8 length; each bucket is short, so a linear compare beats hashing the span.
        private static readonly KeyValuePair<byte[], string>[][] ByLength = BuildTable();

        public static string Read(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                var span = reader.ValueSpan;
                if (span.Length < ByLength.Length)
                {
                    foreach (var candidate in ByLength[span.Length])
                    {
                        if (span.SequenceEqual(candidate.Key))
                        {
                            return candidate.Value;
                        }
                    }
                }
            }

            return reader.GetString() ?? string.Empty;
        }

        private static KeyValuePair<byte[], string>[][] BuildTable()
        {
            var longest = Known.Max(n => n.Length);
            var table = new KeyValuePair<byte[], string>[longest + 1][];
            for (var length = 0; length <= longest; length++)
            {
                table[length] = Known.Where(n => n.Length == length)
                    .Select(n => new KeyValuePair<byte[], string>(Encoding.UTF8.GetBytes(n), n))
                    .ToArray();
            }

            return table;
        }
    }
}
