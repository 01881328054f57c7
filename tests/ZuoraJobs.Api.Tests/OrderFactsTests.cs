using System.Linq;
using System.Text;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class OrderFactsTests
    {
        private static OrderFacts Inspect(string json, AsyncOrderOperation operation = AsyncOrderOperation.CreateOrder) =>
            OrderFacts.Inspect(Encoding.UTF8.GetBytes(json), operation);

        private static string Many(string name, int count, string item = "{}") =>
            $"\"{name}\":[" + string.Join(",", Enumerable.Repeat(item, count)) + "]";

        [Theory]
        [InlineData("""{"orderNumber":"OM-1"}""", "no orderDate")]
        [InlineData("""{"orderDate":null}""", "no orderDate")]
        [InlineData("""{"orderDate":"23/11/2026"}""", "\"23/11/2026\" is not a date in the form yyyy-MM-dd")]
        [InlineData("""{"orderDate":20261123}""", "20261123 is not a date")]
        [InlineData("""[{"orderDate":"2026-11-23"}]""", "JSON array, not an object")]
        [InlineData("\"text\"", "JSON string, not an object")]
        [InlineData("{\"orderDate\":", "not valid JSON")]
        public void Refuses_what_Zuora_would_refuse(string json, string problem) =>
            Assert.Contains(problem, Inspect(json).Problem);

        /// <summary>An order nested <paramref name="containers"/> deep: the root object and then nested arrays.</summary>
        private static string Nested(int containers) =>
            "{\"orderDate\":\"2026-11-23\",\"orderNumber\":\"OM-D\",\"x\":" + new string('[', containers - 1) + new string(']', containers - 1) + "}";

        [Fact]
        public void Sixty_four_levels_are_read_and_sixty_five_are_one_clear_problem_with_the_key_read_in_the_same_pass()
        {
            var deep = OrderFacts.Inspect(Encoding.UTF8.GetBytes(Nested(64)), AsyncOrderOperation.CreateOrder, "ORDERNUMBER");
            Assert.Null(deep.Problem);
            Assert.Equal("OM-D", deep.KeyFromProperty);

            var tooDeep = OrderFacts.Inspect(Encoding.UTF8.GetBytes(Nested(65)), AsyncOrderOperation.CreateOrder, "orderNumber");
            Assert.Equal("it nests deeper than 64 levels", tooDeep.Problem);
            Assert.Contains("not valid JSON", Inspect(Nested(10).Substring(0, 60)).Problem);
        }

        [Fact]
        public void Preview_needs_previewOptions()
        {
            Assert.Contains("no previewOptions", Inspect("""{"orderDate":"2026-11-23"}""", AsyncOrderOperation.PreviewOrder).Problem);
            Assert.Null(Inspect("""{"orderDate":"2026-11-23"}""").Problem);
            Assert.Null(Inspect("""{"orderDate":"2026-11-23","previewOptions":{}}""", AsyncOrderOperation.PreviewOrder).Problem);
        }

        [Fact]
        public void Limits_are_300_subscriptions_300_order_actions_and_100_line_items()
        {
            Assert.Null(Inspect("{\"orderDate\":\"2026-11-23\"," + Many("subscriptions", 300) + "}").Problem);
            Assert.Contains("301 subscriptions", Inspect("{\"orderDate\":\"2026-11-23\"," + Many("subscriptions", 301) + "}").Problem);
            Assert.Null(Inspect("{\"orderDate\":\"2026-11-23\"," + Many("orderLineItems", 100) + "}").Problem);
            Assert.Contains("101 order line items", Inspect("{\"orderDate\":\"2026-11-23\"," + Many("orderLineItems", 101) + "}").Problem);
            var actions = "{\"orderActions\":[{},{},{}]}";
            Assert.Contains("303 order actions", Inspect("{\"orderDate\":\"2026-11-23\"," + Many("subscriptions", 101, actions) + "}").Problem);
        }

        [Fact]
        public void Reads_the_numbers_the_order_names()
        {
            var existing = Inspect("""{"orderDate":"2026-11-23","orderNumber":"OM-7","existingAccountNumber":"A-1","newAccount":{"accountNumber":"N-1"}}""");
            Assert.Equal("OM-7", existing.OrderNumber);
            Assert.Equal("A-1", existing.AccountNumber);
            Assert.Equal("order OM-7 for account A-1", existing.Describe());
            var created = Inspect("""{"orderDate":"2026-11-23","newAccount":{"accountNumber":"N-1"}}""");
            Assert.Equal("N-1", created.AccountNumber);
            Assert.Equal("order for account N-1", created.Describe());
            Assert.Equal("the order", Inspect("""{"orderDate":"2026-11-23"}""").Describe());
        }
    }
}
