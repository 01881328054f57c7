using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZuoraJobs.Simulator;

/// <summary>Lenient accessors over request JSON: clients send numbers as strings and vice versa.</summary>
internal static class OrderReader
{
    public static string? String(JsonNode? parent, string name)
    {
        if (parent is not JsonObject obj || !obj.TryGetPropertyValue(name, out JsonNode? node) || node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        };
    }

    public static decimal? Decimal(JsonNode? parent, string name) =>
        decimal.TryParse(String(parent, name), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) ? d : null;

    public static int? Int(JsonNode? parent, string name) =>
        int.TryParse(String(parent, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : null;

    public static bool Bool(JsonNode? parent, string name) =>
        String(parent, name) is { } text && text.Equals("true", StringComparison.OrdinalIgnoreCase);

    public static JsonArray Array(JsonNode? parent, string name) =>
        parent is JsonObject obj && obj.TryGetPropertyValue(name, out JsonNode? node) && node is JsonArray array ? array : new JsonArray();

    public static bool Has(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out JsonNode? node) && node is not null
        && !(node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0);

    /// <summary>Sums every numeric <c>listPrice</c> below a node: a cheap proxy for "what the order costs".</summary>
    public static decimal SumListPrices(JsonNode? node)
    {
        decimal sum = 0;
        switch (node)
        {
            case JsonObject obj:
                foreach ((string key, JsonNode? child) in obj)
                {
                    if (key.Equals("listPrice", StringComparison.OrdinalIgnoreCase) && Decimal(obj, key) is decimal price)
                    {
                        sum += price;
                    }
                    else
                    {
                        sum += SumListPrices(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? child in array)
                {
                    sum += SumListPrices(child);
                }

                break;
        }

        return sum;
    }
}
