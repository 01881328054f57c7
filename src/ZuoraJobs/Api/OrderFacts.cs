using System;
using System.Globalization;
using System.Text.Json;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// What the module reads from an order body before sending it: the numbers it names (for the output and messages),
    /// its size against Zuora's limits, and the reasons Zuora would certainly refuse it.
    /// </summary>
    public sealed class OrderFacts
    {
        /// <summary>Zuora's limits for the asynchronous order endpoints.</summary>
        public const int MaxSubscriptions = 300;
        public const int MaxOrderActions = 300;
        public const int MaxOrderLineItems = 100;

        /// <summary>The nesting the module reads and writes; one limit for JSON text and for objects turned into JSON.</summary>
        public const int MaxDepth = 64;

        private OrderFacts()
        {
        }

        public string? OrderNumber { get; private set; }

        /// <summary><c>existingAccountNumber</c>, else <c>newAccount.accountNumber</c>.</summary>
        public string? AccountNumber { get; private set; }

        public int Subscriptions { get; private set; }
        public int OrderActions { get; private set; }
        public int OrderLineItems { get; private set; }

        /// <summary>The trimmed text or number of the top-level field named when inspecting (any case), or null.</summary>
        public string? KeyFromProperty { get; private set; }

        /// <summary>Why Zuora would refuse the body for certain, or null when it may be sent.</summary>
        public string? Problem { get; private set; }

        /// <summary>"order OM-1 for account A-1", "order for account A-1", "the order": for messages.</summary>
        public string Describe()
        {
            var order = OrderNumber == null ? "order" : "order " + OrderNumber;
            return AccountNumber == null ? (OrderNumber == null ? "the order" : order) : order + " for account " + AccountNumber;
        }

        /// <summary>Reads the body, once; never throws for bad input (that is a <see cref="Problem"/>).</summary>
        /// <param name="keyProperty">A top-level field whose value becomes <see cref="KeyFromProperty"/>.</param>
        public static OrderFacts Inspect(byte[] body, AsyncOrderOperation operation, string? keyProperty = null)
        {
            var facts = new OrderFacts();
            try
            {
                using (var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth }))
                {
                    facts.Read(document.RootElement, operation, keyProperty);
                }
            }
            catch (JsonException e)
            {
                facts.Problem = NestsTooDeep(body) ? $"it nests deeper than {MaxDepth} levels" : "it is not valid JSON (" + e.Message + ")";
            }

            return facts;
        }

        /// <summary>Tells the depth limit apart from other syntax errors without reading the parser's (English) message.</summary>
        private static bool NestsTooDeep(byte[] body)
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = int.MaxValue / 2 });
            try
            {
                while (reader.Read())
                {
                    var opens = reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray;
                    if (opens && reader.CurrentDepth >= MaxDepth)
                    {
                        return true;
                    }
                }
            }
            catch (JsonException)
            {
                // Invalid before it got too deep.
            }

            return false;
        }

        private void Read(JsonElement root, AsyncOrderOperation operation, string? keyProperty)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem = $"it is a JSON {Kind(root.ValueKind)}, not an object";
                return;
            }

            if (keyProperty != null)
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (string.Equals(property.Name, keyProperty, StringComparison.OrdinalIgnoreCase))
                    {
                        var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()
                            : property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetRawText()
                            : null;
                        KeyFromProperty = string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
                        break;
                    }
                }
            }

            OrderNumber = Text(root, "orderNumber");
            AccountNumber = Text(root, "existingAccountNumber")
                            ?? (root.TryGetProperty("newAccount", out var account) && account.ValueKind == JsonValueKind.Object ? Text(account, "accountNumber") : null);
            Subscriptions = Count(root, "subscriptions");
            OrderLineItems = Count(root, "orderLineItems");
            if (root.TryGetProperty("subscriptions", out var subscriptions) && subscriptions.ValueKind == JsonValueKind.Array)
            {
                foreach (var subscription in subscriptions.EnumerateArray())
                {
                    OrderActions += subscription.ValueKind == JsonValueKind.Object ? Count(subscription, "orderActions") : 0;
                }
            }

            Problem = Refusal(root, operation);
        }

        private string? Refusal(JsonElement root, AsyncOrderOperation operation)
        {
            if (!root.TryGetProperty("orderDate", out var date) || date.ValueKind == JsonValueKind.Null)
            {
                return "it has no orderDate, which Zuora requires";
            }

            if (date.ValueKind != JsonValueKind.String
                || !DateTime.TryParseExact(date.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return $"its orderDate {date.GetRawText()} is not a date in the form yyyy-MM-dd";
            }

            if (operation == AsyncOrderOperation.PreviewOrder
                && (!root.TryGetProperty("previewOptions", out var options) || options.ValueKind != JsonValueKind.Object))
            {
                return "it has no previewOptions object, which Zuora requires for a preview";
            }

            if (Subscriptions > MaxSubscriptions)
            {
                return $"it has {Subscriptions} subscriptions; an asynchronous order takes at most {MaxSubscriptions}";
            }

            if (OrderActions > MaxOrderActions)
            {
                return $"it has {OrderActions} order actions; an asynchronous order takes at most {MaxOrderActions}";
            }

            if (OrderLineItems > MaxOrderLineItems)
            {
                return $"it has {OrderLineItems} order line items; an order takes at most {MaxOrderLineItems}";
            }

            return null;
        }

        private static int Count(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;

        private static string? Text(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString()
                : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
                : null;
        }

        private static string Kind(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True => "boolean",
            JsonValueKind.False => "boolean",
            _ => "null",
        };
    }
}
