using System;
using System.Net.Http;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class RetryAfterParserTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData("0", 0)]
        [InlineData("1", 1)]
        [InlineData(" 120 ", 120)]
        [InlineData("1.5", 1.5)]
        [InlineData("Mon, 23 Nov 2026 10:00:30 GMT", 30)]
        [InlineData("Mon, 23 Nov 2026 09:59:00 GMT", 0)]
        public void Parses_seconds_and_http_dates(string value, double seconds)
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterParser.Parse(value, Now));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("soon")]
        public void Ignores_unusable_values(string? value) => Assert.Null(RetryAfterParser.Parse(value, Now));

        [Fact]
        public void Reads_headers_preferring_Retry_After()
        {
            var response = new HttpResponseMessage();
            response.Headers.TryAddWithoutValidation("Retry-After", "7");
            response.Headers.TryAddWithoutValidation("RateLimit-Remaining", "0");
            response.Headers.TryAddWithoutValidation("RateLimit-Reset", "600");
            Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterParser.FromHeaders(response.Headers, Now));
        }

        [Fact]
        public void Reads_Retry_After_as_http_date_header()
        {
            var response = new HttpResponseMessage();
            response.Headers.TryAddWithoutValidation("Retry-After", "Mon, 23 Nov 2026 10:00:05 GMT");
            Assert.Equal(TimeSpan.FromSeconds(5), RetryAfterParser.FromHeaders(response.Headers, Now));
        }

        [Fact]
        public void Falls_back_to_RateLimit_Reset_only_when_nothing_remains()
        {
            var spent = new HttpResponseMessage();
            spent.Headers.TryAddWithoutValidation("ratelimit-remaining", "0");
            spent.Headers.TryAddWithoutValidation("ratelimit-reset", "12");
            Assert.Equal(TimeSpan.FromSeconds(12), RetryAfterParser.FromHeaders(spent.Headers, Now));

            var left = new HttpResponseMessage();
            left.Headers.TryAddWithoutValidation("RateLimit-Remaining", "399");
            left.Headers.TryAddWithoutValidation("RateLimit-Reset", "1200");
            Assert.Null(RetryAfterParser.FromHeaders(left.Headers, Now));
        }

        [Fact]
        public void Backoff_is_jittered_within_the_exponential_ceiling_and_capped()
        {
            var policy = new RetryPolicy(new ZuoraClientOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(5), JitterSeed = 1 });
            for (var retry = 1; retry <= 6; retry++)
            {
                var ceiling = Math.Min(Math.Pow(2, retry - 1), 5);
                Assert.InRange(policy.NextDelay(retry, null).TotalSeconds, 0, ceiling);
            }

            Assert.Equal(TimeSpan.FromSeconds(5), policy.NextDelay(1, TimeSpan.FromSeconds(300)));
            Assert.Equal(TimeSpan.FromSeconds(2), policy.NextDelay(1, TimeSpan.FromSeconds(2)));
        }

        [Fact]
        public void Same_seed_gives_same_jitter()
        {
            var options = new ZuoraClientOptions { JitterSeed = 7 };
            Assert.Equal(new RetryPolicy(options).NextDelay(3, null), new RetryPolicy(options).NextDelay(3, null));
        }
    }
}
