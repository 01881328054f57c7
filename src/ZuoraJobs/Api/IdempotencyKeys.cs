using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ZuoraJobs.Api
{
    /// <summary>What an Idempotency-Key may be, and the keys derived from one when Zuora holds a refusal under it.</summary>
    internal static class IdempotencyKeys
    {
        /// <summary>Zuora wants a key shorter than 255 characters.</summary>
        public const int MaxLength = 254;

        /// <summary>Why the key cannot be sent, or null.</summary>
        public static string? Problem(string key)
        {
            if (key.Length > MaxLength)
            {
                return $"is {key.Length} characters long; Zuora accepts at most {MaxLength}";
            }

            foreach (var c in key)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    return $"contains the character U+{(int)c:X4}; an HTTP header takes printable ASCII only";
                }
            }

            return null;
        }

        /// <summary>
        /// The key for the next try after Zuora replayed a stored refusal. Derived, not random: a rerun of the same
        /// runbook in a new process walks the same keys, meets the first try's stored answer at each and so replays
        /// the order that was created rather than creating another.
        /// </summary>
        public static string Derive(string key, int generation)
        {
            var suffix = "~" + generation.ToString(CultureInfo.InvariantCulture);
            if (key.Length + suffix.Length <= MaxLength)
            {
                return key + suffix;
            }

            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(key));
                return BitConverter.ToString(hash).Replace("-", string.Empty).ToLowerInvariant() + suffix;
            }
        }
    }
}
