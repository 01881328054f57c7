using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;

namespace ZuoraJobs.Api
{
    /// <summary>How long Zuora asked us to wait, from <c>Retry-After</c> or the <c>RateLimit-*</c> headers.</summary>
    internal static class RetryAfterParser
    {
        /// <summary>
        /// <c>Retry-After</c> (seconds or HTTP-date) first; otherwise <c>RateLimit-Reset</c> seconds, but only when
        /// <c>RateLimit-Remaining</c> says the window is used up (a reset far away means nothing while requests remain).
        /// </summary>
        public static TimeSpan? FromHeaders(HttpResponseHeaders? headers, DateTimeOffset now)
        {
            if (headers == null)
            {
                return null;
            }

            var retryAfter = headers.RetryAfter;
            if (retryAfter?.Delta != null)
            {
                return NonNegative(retryAfter.Delta.Value);
            }

            if (retryAfter?.Date != null)
            {
                return NonNegative(retryAfter.Date.Value - now);
            }

            // The typed header refuses fractions such as "1.5"; the raw value still says what Zuora meant.
            var raw = First(headers, "Retry-After");
            if (raw != null)
            {
                var parsed = Parse(raw, now);
                if (parsed != null)
                {
                    return parsed;
                }
            }

            var remaining = LeadingNumber(First(headers, "RateLimit-Remaining"));
            var reset = LeadingNumber(First(headers, "RateLimit-Reset"));
            if (remaining != null && remaining.Value <= 0 && reset != null)
            {
                return NonNegative(TimeSpan.FromSeconds(reset.Value));
            }

            return null;
        }

        /// <summary>A <c>Retry-After</c> value: delay in seconds (fractions tolerated) or an HTTP-date.</summary>
        public static TimeSpan? Parse(string? value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var text = value!.Trim();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                if (double.IsNaN(seconds) || double.IsInfinity(seconds))
                {
                    return null;
                }

                // Cap absurd values before TimeSpan overflows; the retry policy caps again at RetryMaxDelay.
                return NonNegative(TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds)));
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                return NonNegative(date - now);
            }

            return null;
        }

        private static TimeSpan NonNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;

        private static string? First(HttpResponseHeaders headers, string name) =>
            headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

        /// <summary>The first number of a header such as <c>0</c> or <c>399, 50000;w=60</c>.</summary>
        private static double? LeadingNumber(string? value)
        {
            if (value == null)
            {
                return null;
            }

            var text = value.Trim();
            var end = 0;
            while (end < text.Length && (char.IsDigit(text[end]) || text[end] == '.'))
            {
                end++;
            }

            return end > 0 && double.TryParse(text.Substring(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : (double?)null;
        }
    }
}
