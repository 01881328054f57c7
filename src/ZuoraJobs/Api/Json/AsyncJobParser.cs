using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ZuoraJobs.Api.Json
{
    /// <summary>
    /// Turns a <c>GetAsyncOrderJobResponse</c> body into an <see cref="AsyncJob"/> in one forward pass over the bytes.
    /// Tolerant by design: Zuora's documented types and its actual output disagree in places (errors, subscriptions,
    /// paidAmount, reason codes), so a value of an unexpected type is coerced or kept in AdditionalFields, never fatal.
    /// Only malformed or truncated JSON throws (<see cref="JsonException"/>).
    /// </summary>
    internal sealed class AsyncJobParser
    {
        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };

        private readonly JsonObjectFactory? _factory;

        public AsyncJobParser(JsonObjectFactory? factory)
        {
            _factory = factory;
        }

        private delegate void PropertyReader<in T>(AsyncJobParser parser, ref Utf8JsonReader reader, string name, T target);

        /// <param name="jobId">The requested ID; stamped on the job and on each line item and subscription.</param>
        public ParsedJobBody Parse(ReadOnlySpan<byte> utf8Json, string jobId)
        {
            var reader = new Utf8JsonReader(SkipBom(utf8Json), ReaderOptions);
            if (!reader.Read())
            {
                throw new JsonException("The response body is empty.");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"The response body is a JSON {reader.TokenType}, not an object.");
            }

            var body = new ParsedJobBody();
            var job = body.Job;
            job.JobId = jobId;
            var reasons = new List<ZuoraReason>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = PropertyNames.Read(ref reader);
                reader.Read();
                switch (name)
                {
                    case "status":
                        body.HasStatus = reader.TokenType != JsonTokenType.Null;
                        ReadString(ref reader, name, job.AdditionalFields, out var status);
                        job.Status = status ?? string.Empty;
                        break;
                    case "success":
                        job.Success = ReadBool(ref reader, name, job.AdditionalFields);
                        body.Success = job.Success;
                        break;
                    case "errors":
                        job.Errors = ReadErrors(ref reader);
                        break;
                    case "result":
                        ReadResult(ref reader, job, reasons);
                        break;
                    case "jobId":
                        // The requested ID is authoritative; a body jobId only repeats it.
                        reader.Skip();
                        break;
                    default:
                        if (!ReadSharedField(ref reader, name, job, reasons, topLevel: true))
                        {
                            Keep(job.AdditionalFields, name, JsonValueReader.ReadValue(ref reader, _factory));
                        }

                        break;
                }
            }

            // Anything after the object (a second document, a proxy's appended text) means the body is not what it seems.
            if (reader.Read())
            {
                throw new JsonException($"The response body continues after its JSON object ({reader.TokenType}).");
            }

            job.Reasons = reasons.ToArray();
            StampLineage(job);
            return body;
        }

        private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> utf8) =>
            utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? utf8.Slice(3) : utf8;

        private static void StampLineage(AsyncJob job)
        {
            foreach (var item in job.OrderLineItems)
            {
                item.OrderNumber = job.OrderNumber;
                item.AccountNumber = job.AccountNumber;
            }

            foreach (var subscription in job.Subscriptions)
            {
                subscription.OrderNumber = job.OrderNumber;
                subscription.AccountNumber = job.AccountNumber;
            }
        }

        private void ReadResult(ref Utf8JsonReader reader, AsyncJob job, List<ZuoraReason> reasons)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Keep(job.AdditionalFields, "result", JsonValueReader.ReadValue(ref reader, _factory));
                return;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = PropertyNames.Read(ref reader);
                reader.Read();
                if (!ReadSharedField(ref reader, name, job, reasons, topLevel: false))
                {
                    Keep(job.AdditionalFields, name, JsonValueReader.ReadValue(ref reader, _factory));
                }
            }
        }

        /// <summary>
        /// Fields of <c>result</c>. They are also accepted at the top level, where a later API version could move them.
        /// </summary>
        private bool ReadSharedField(ref Utf8JsonReader reader, string name, AsyncJob job, List<ZuoraReason> reasons, bool topLevel)
        {
            var extras = job.AdditionalFields;
            switch (name)
            {
                case "status":
                    ReadString(ref reader, name, extras, out var orderStatus);
                    job.OrderStatus = orderStatus;
                    return true;
                case "success":
                    var resultSuccess = ReadBool(ref reader, name, extras);
                    if (job.Success == null)
                    {
                        job.Success = resultSuccess;
                    }
                    else if (resultSuccess != null && resultSuccess != job.Success)
                    {
                        Keep(extras, "resultSuccess", resultSuccess);
                    }

                    return true;
                case "jobType":
                    job.JobType = String(ref reader, name, extras) ?? job.JobType;
                    return true;
                case "processId":
                    job.ProcessId = String(ref reader, name, extras) ?? job.ProcessId;
                    return true;
                case "requestId":
                    // The response header wins later; this is the fallback when a proxy strips it.
                    job.RequestId = String(ref reader, name, extras) ?? job.RequestId;
                    return true;
                case "reasons":
                    ReadReasons(ref reader, reasons);
                    return true;
                case "accountId":
                    job.AccountId = String(ref reader, name, extras);
                    return true;
                case "accountNumber":
                    job.AccountNumber = String(ref reader, name, extras);
                    return true;
                case "orderId":
                    job.OrderId = String(ref reader, name, extras);
                    return true;
                case "orderNumber":
                    job.OrderNumber = String(ref reader, name, extras);
                    return true;
                case "paymentId":
                    job.PaymentId = String(ref reader, name, extras);
                    return true;
                case "paymentNumber":
                    job.PaymentNumber = String(ref reader, name, extras);
                    return true;
                case "paymentStatus":
                    job.PaymentStatus = String(ref reader, name, extras);
                    return true;
                case "paidAmount":
                    job.PaidAmount = ReadDecimal(ref reader, name, extras);
                    return true;
                case "invoiceNumbers":
                    job.InvoiceNumbers = ReadStringArray(ref reader, name, extras);
                    return true;
                case "invoiceIds":
                    job.InvoiceIds = ReadStringArray(ref reader, name, extras);
                    return true;
                case "creditMemoNumbers":
                    job.CreditMemoNumbers = ReadStringArray(ref reader, name, extras);
                    return true;
                case "creditMemoIds":
                    job.CreditMemoIds = ReadStringArray(ref reader, name, extras);
                    return true;
                case "subscriptionNumbers":
                    job.SubscriptionNumbers = ReadStringArray(ref reader, name, extras);
                    return true;
                case "subscriptionIds":
                    job.SubscriptionIds = ReadStringArray(ref reader, name, extras);
                    return true;
                case "orderLineItems":
                    job.OrderLineItems = ReadObjects(ref reader, name, extras, () => new OrderLineItem { JobId = job.JobId }, ReadLineItemProperty);
                    return true;
                case "subscriptions":
                    job.Subscriptions = ReadObjects(ref reader, name, extras, () => new Subscription { JobId = job.JobId }, ReadSubscriptionProperty);
                    return true;
                case "ramps":
                    job.Ramps = ReadObjects(ref reader, name, extras, () => new Ramp(), ReadRampProperty);
                    return true;
                case "refunds":
                    job.Refunds = ReadObjects(ref reader, name, extras, () => new Refund(), ReadRefundProperty);
                    return true;
                case "writeOff":
                case "writeOffs":
                    job.WriteOffs = ReadObjects(ref reader, name, extras, () => new WriteOff(), ReadWriteOffProperty);
                    return true;
                case "commitments":
                    job.Commitments = ReadObjects(ref reader, name, extras, () => new Commitment(), ReadCommitmentProperty);
                    return true;
                case "invoices":
                    job.Invoices = ReadObjects(ref reader, name, extras, () => new PreviewDocument(), ReadPreviewDocumentProperty);
                    return true;
                case "creditMemos":
                    job.CreditMemos = ReadObjects(ref reader, name, extras, () => new PreviewDocument(), ReadPreviewDocumentProperty);
                    return true;
                case "chargeMetrics":
                    job.ChargeMetrics = ReadGenericArray(ref reader);
                    return true;
                case "orderMetrics":
                    job.OrderMetrics = ReadGenericArray(ref reader);
                    return true;
                case "rampMetrics":
                    job.RampMetrics = ReadGenericArray(ref reader);
                    return true;
                case "orderDeltaMetrics":
                    job.OrderDeltaMetrics = JsonValueReader.ReadValue(ref reader, _factory);
                    return true;
                default:
                    return false;
            }
        }

        private static void ReadLineItemProperty(AsyncJobParser parser, ref Utf8JsonReader reader, string name, OrderLineItem item)
        {
            switch (name)
            {
                case "id":
                    item.Id = String(ref reader, name, item.AdditionalFields);
                    break;
                case "itemNumber":
                    item.ItemNumber = String(ref reader, name, item.AdditionalFields);
                    break;
                default:
                    Keep(item.AdditionalFields, name, JsonValueReader.ReadValue(ref reader, parser._factory));
                    break;
            }
        }

        private static void ReadSubscriptionProperty(AsyncJobParser parser, ref Utf8JsonReader reader, string name, Subscription subscription)
        {
            var extras = subscription.AdditionalFields;
            switch (name)
            {
                case "subscriptionNumber":
                    subscription.SubscriptionNumber = String(ref reader, name, extras);
                    break;
                case "status":
                    subscription.Status = String(ref reader, name, extras);
                    break;
                case "subscriptionId":
                    subscription.SubscriptionId = String(ref reader, name, extras);
                    break;
                case "subscriptionOwnerId":
                    subscription.SubscriptionOwnerId = String(ref reader, name, extras);
                    break;
                case "subscriptionOwnerNumber":
                    subscription.SubscriptionOwnerNumber = String(ref reader, name, extras);
                    break;
                default:
                    Keep(extras, name, JsonValueReader.ReadValue(ref reader, parser._factory));
                    break;
            }
        }

        private static void ReadRampProperty(AsyncJobParser parser, ref Utf8JsonReader reader, string name, Ramp ramp)
        {
            switch (name)
            {
                case "rampNumber":
                    ramp.RampNumber = String(ref reader, name, ramp.AdditionalFields);
                    break;
                case "subscriptionNumber":
                    ramp.SubscriptionNumber = String(ref reader, name, ramp.AdditionalFields);
                    break;
                default:
                    Keep(ramp.AdditionalFields, name, JsonValueReader.ReadValue(ref reader, parser._factory));
                    break;
            }
        }

        private static void ReadRefundProperty(AsyncJobParser parser, ref Utf8JsonReader reader, string name, Refund refund)
        {
            switch (name)
            {
                case "number":
                    refund.Number = String(ref reader, name, refund.AdditionalFields);
                    break;
                case "refundInvoiceNumbers":
                    refund.RefundInvoiceNumbers = ReadStringArray(ref reader, name, refund.AdditionalFields);
                    break;
                case "status":
                    refund.Status = String(ref reader, name, refund.AdditionalFields);
                    break;
                default:
                    Keep(refund.AdditionalFields, name, JsonValueReader.ReadValue(ref reader, parser._factory));
                    break;
            }
        }

        private static void ReadWriteOffProperty(AsyncJobParser parser, ref Utf8JsonReader reader, string name, WriteOff writeOff)
        {
            switch (name)
            {
                case "amount":
                    writeOff.Amount = ReadDecimal(ref reader, name, writeOff.AdditionalFields);
                    break;
                case "failedReason":
                    writeOff.FailedReason = String(ref reader, name, writeOff.AdditionalFields);
                    break;
                case "invoiceNumber":
                    writeOff.InvoiceNumber = String(ref reader, name, writeOff.AdditionalFields);
                    break;
                case "status":
                    writeOff.Status = String(ref reader, name, writeOff.AdditionalFields);
                    break;
                case "writeOffCreditMemoNumber":
                    writeOff.WriteOffCreditMemoNumber = String(ref reader, name, writeOff.AdditionalFields);
                    break;
                default:
                    Keep(writeOff.AdditionalFields, name, JsonValueReader.ReadValue(ref reader, parser._factory));
                    break;
            }
        }

        private static void ReadCommitmentProperty(AsyncJobParser parser, ref Utf8JsonReader reader, string name, Commitment commitment)
        {
            switch (name)
            {
                case "id":
                    commitment.Id = String(ref reader, name, commitment.AdditionalFields);
                    break;
                case "commitmentNumber":
                    commitment.CommitmentNumber = String(ref reader, name, commitment.AdditionalFields);
                    break;
                case "type":
                    commitment.Type = String(ref reader, name, commitment.AdditionalFields);
                    break;
                case "prepaymentType":
                    commitment.PrepaymentType = String(ref reader, name, commitment.AdditionalFields);
                    break;
                case "status":
                    commitment.Status = String(ref reader, name, commitment.AdditionalFields);
                    break;
                case "startDate":
                    commitment.StartDate = String(ref reader, name, commitment.AdditionalFields);
                    break;
                case "endDate":
                    commitment.EndDate = String(ref reader, name, commitment.AdditionalFields);
                    break;
                case "totalAmount":
                    commitment.TotalAmount = ReadDecimal(ref reader, name, commitment.AdditionalFields);
                    break;
                case "schedules":
                    commitment.Schedules = parser.ReadGenericArray(ref reader);
                    break;
                default:
                    Keep(commitment.AdditionalFields, name, JsonValueReader.ReadValue(ref reader, parser._factory));
                    break;
            }
        }

        private static void ReadPreviewDocumentProperty(AsyncJobParser parser, ref Utf8JsonReader reader, string name, PreviewDocument document)
        {
            var extras = document.AdditionalFields;
            switch (name)
            {
                case "amount":
                    document.Amount = ReadDecimal(ref reader, name, extras);
                    break;
                case "amountWithoutTax":
                    document.AmountWithoutTax = ReadDecimal(ref reader, name, extras);
                    break;
                case "taxAmount":
                    document.TaxAmount = ReadDecimal(ref reader, name, extras);
                    break;
                case "targetDate":
                    document.TargetDate = String(ref reader, name, extras);
                    break;
                case "invoiceItems":
                case "creditMemoItems":
                    document.Items = parser.ReadGenericArray(ref reader);
                    break;
                default:
                    Keep(extras, name, JsonValueReader.ReadValue(ref reader, parser._factory));
                    break;
            }
        }

        /// <summary>
        /// An array of typed objects; a single object counts as an array of one (Zuora's spec omits <c>type: array</c>
        /// for subscriptions). Items that are not objects are kept, as a list, in <paramref name="extras"/>.
        /// </summary>
        private T[] ReadObjects<T>(ref Utf8JsonReader reader, string name, IDictionary<string, object?>? extras, Func<T> create, PropertyReader<T> readProperty)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return Array.Empty<T>();
                case JsonTokenType.StartObject:
                    return new[] { ReadTyped(ref reader, create, readProperty) };
                case JsonTokenType.StartArray:
                    var items = new List<T>();
                    List<object?>? strays = null;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            items.Add(ReadTyped(ref reader, create, readProperty));
                        }
                        else if (reader.TokenType != JsonTokenType.Null)
                        {
                            (strays ??= new List<object?>()).Add(JsonValueReader.ReadValue(ref reader, _factory));
                        }
                    }

                    if (strays != null)
                    {
                        Keep(extras, name, strays.ToArray());
                    }

                    return items.ToArray();
                default:
                    Keep(extras, name, JsonValueReader.ReadValue(ref reader, _factory));
                    return Array.Empty<T>();
            }
        }

        private T ReadTyped<T>(ref Utf8JsonReader reader, Func<T> create, PropertyReader<T> readProperty)
        {
            var target = create();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = PropertyNames.Read(ref reader);
                reader.Read();
                readProperty(this, ref reader, name, target);
            }

            return target;
        }

        private object?[] ReadGenericArray(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return Array.Empty<object?>();
                case JsonTokenType.StartArray:
                    return JsonValueReader.ReadArray(ref reader, _factory);
                default:
                    return new[] { JsonValueReader.ReadValue(ref reader, _factory) };
            }
        }

        private static string? String(ref Utf8JsonReader reader, string name, IDictionary<string, object?>? extras)
        {
            ReadString(ref reader, name, extras, out var value);
            return value;
        }

        /// <summary>Scalars become text; an object or array where text was expected is kept in extras instead.</summary>
        private static void ReadString(ref Utf8JsonReader reader, string name, IDictionary<string, object?>? extras, out string? value)
        {
            if (JsonValueReader.IsScalar(reader.TokenType))
            {
                value = JsonValueReader.ScalarAsString(ref reader);
                return;
            }

            value = null;
            KeepStructured(ref reader, name, extras);
        }

        private static string[] ReadStringArray(ref Utf8JsonReader reader, string name, IDictionary<string, object?>? extras)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return Array.Empty<string>();
                case JsonTokenType.StartArray:
                    var values = new List<string>();
                    List<object?>? strays = null;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (JsonValueReader.IsScalar(reader.TokenType))
                        {
                            var text = JsonValueReader.ScalarAsString(ref reader);
                            if (text != null)
                            {
                                values.Add(text);
                            }
                        }
                        else
                        {
                            (strays ??= new List<object?>()).Add(JsonValueReader.ReadValue(ref reader, null));
                        }
                    }

                    if (strays != null)
                    {
                        Keep(extras, name, strays.ToArray());
                    }

                    return values.ToArray();
                case JsonTokenType.StartObject:
                    KeepStructured(ref reader, name, extras);
                    return Array.Empty<string>();
                default:
                    var single = JsonValueReader.ScalarAsString(ref reader);
                    return single == null ? Array.Empty<string>() : new[] { single };
            }
        }

        /// <summary>Amounts arrive as strings or numbers; parsed invariantly, and kept raw when they do not parse.</summary>
        private static decimal? ReadDecimal(ref Utf8JsonReader reader, string name, IDictionary<string, object?>? extras)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.Number:
                    if (reader.TryGetDecimal(out var number))
                    {
                        return number;
                    }

                    Keep(extras, name, JsonValueReader.ReadNumber(ref reader));
                    return null;
                case JsonTokenType.String:
                    var text = reader.GetString();
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return null;
                    }

                    if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return parsed;
                    }

                    Keep(extras, name, text);
                    return null;
                default:
                    Keep(extras, name, JsonValueReader.ReadValue(ref reader, null));
                    return null;
            }
        }

        private static bool? ReadBool(ref Utf8JsonReader reader, string name, IDictionary<string, object?>? extras)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String when bool.TryParse(reader.GetString(), out var parsed):
                    return parsed;
                default:
                    Keep(extras, name, JsonValueReader.ReadValue(ref reader, null));
                    return null;
            }
        }

        /// <summary><c>errors</c>: documented as a nullable string, seen as an array of strings or of {code, message}.</summary>
        private string[] ReadErrors(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return Array.Empty<string>();
                case JsonTokenType.StartArray:
                    var errors = new List<string>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var text = ErrorText(ref reader);
                        if (!string.IsNullOrEmpty(text))
                        {
                            errors.Add(text!);
                        }
                    }

                    return errors.ToArray();
                default:
                    var single = ErrorText(ref reader);
                    return string.IsNullOrEmpty(single) ? Array.Empty<string>() : new[] { single! };
            }
        }

        private string? ErrorText(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var reason = ReadReason(ref reader);
                return reason.ToString();
            }

            if (JsonValueReader.IsScalar(reader.TokenType))
            {
                return JsonValueReader.ScalarAsString(ref reader);
            }

            var value = JsonValueReader.ReadValue(ref reader, null);
            return value is object?[] nested ? string.Join("; ", nested) : value?.ToString();
        }

        private static void ReadReasons(ref Utf8JsonReader reader, List<ZuoraReason> reasons)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return;
                case JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        AddReason(ref reader, reasons);
                    }

                    return;
                default:
                    AddReason(ref reader, reasons);
                    return;
            }
        }

        private static void AddReason(ref Utf8JsonReader reader, List<ZuoraReason> reasons)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                reasons.Add(ReadReason(ref reader));
            }
            else if (JsonValueReader.IsScalar(reader.TokenType))
            {
                var text = JsonValueReader.ScalarAsString(ref reader);
                if (text != null)
                {
                    reasons.Add(new ZuoraReason(null, text));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        /// <summary>A {code, message} object; the code is a JSON number or string depending on the endpoint.</summary>
        internal static ZuoraReason ReadReason(ref Utf8JsonReader reader)
        {
            string? code = null;
            string? message = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = PropertyNames.Read(ref reader);
                reader.Read();
                if (string.Equals(name, "code", StringComparison.OrdinalIgnoreCase))
                {
                    code = String(ref reader, "code", null);
                }
                else if (string.Equals(name, "message", StringComparison.OrdinalIgnoreCase))
                {
                    message = String(ref reader, "message", null);
                }
                else
                {
                    reader.Skip();
                }
            }

            return new ZuoraReason(code, message);
        }

        private static void KeepStructured(ref Utf8JsonReader reader, string name, IDictionary<string, object?>? extras)
        {
            if (extras == null)
            {
                reader.Skip();
                return;
            }

            Keep(extras, name, JsonValueReader.ReadValue(ref reader, null));
        }

        /// <summary>
        /// Records a field the typed model could not hold. Top-level and result fields share one dictionary, so a
        /// second field of the same name is kept under a prefixed key rather than overwriting the first.
        /// </summary>
        private static void Keep(IDictionary<string, object?>? extras, string name, object? value)
        {
            if (extras == null)
            {
                return;
            }

            if (!extras.ContainsKey(name))
            {
                extras[name] = value;
            }
            else
            {
                extras["result." + name] = value;
            }
        }
    }
}
