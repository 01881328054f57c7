using System;

namespace ZuoraJobs.Api
{
    /// <summary>Checks done before any request, so bad input costs nothing on the wire.</summary>
    public static class Validation
    {
        /// <summary>
        /// Accepts a UUID hyphenated (8-4-4-4-12) or as 32 hex digits, in either case, optionally padded with
        /// whitespace as CSV exports often are. Returns the canonical hyphenated lower-case form, the one Zuora issues
        /// and looks jobs up by, or null when it is not a UUID.
        /// </summary>
        public static string? NormalizeJobId(string? jobId)
        {
            if (jobId == null)
            {
                return null;
            }

            var trimmed = jobId.Trim();
            if (trimmed.Length == 32)
            {
                return IsHex(trimmed, 0, 32)
                    ? Canonical(trimmed.Substring(0, 8), trimmed.Substring(8, 4), trimmed.Substring(12, 4),
                        trimmed.Substring(16, 4), trimmed.Substring(20, 12))
                    : null;
            }

            if (trimmed.Length == 36
                && trimmed[8] == '-' && trimmed[13] == '-' && trimmed[18] == '-' && trimmed[23] == '-'
                && IsHex(trimmed, 0, 8) && IsHex(trimmed, 9, 4) && IsHex(trimmed, 14, 4) && IsHex(trimmed, 19, 4)
                && IsHex(trimmed, 24, 12))
            {
                return trimmed.ToLowerInvariant();
            }

            return null;
        }

        private static string Canonical(string a, string b, string c, string d, string e) =>
            (a + "-" + b + "-" + c + "-" + d + "-" + e).ToLowerInvariant();

        /// <summary>Zuora-Track-Id: at most 64 US-ASCII characters, none of <c>: ; " '</c>, no control characters.</summary>
        public static string? TrackIdProblem(string trackId)
        {
            if (trackId.Length == 0)
            {
                return "it is empty";
            }

            if (trackId.Length > 64)
            {
                return $"it is {trackId.Length} characters long; Zuora accepts at most 64";
            }

            foreach (var c in trackId)
            {
                if (c > 0x7E || char.IsControl(c))
                {
                    return $"it contains the character U+{(int)c:X4}; Zuora accepts printable US-ASCII only";
                }

                if (c == ':' || c == ';' || c == '"' || c == '\'')
                {
                    return $"it contains '{c}', which Zuora does not accept (none of : ; \" ')";
                }
            }

            return null;
        }

        /// <summary>
        /// A header value must stay on its header line: a CR, LF or any other control character would end it early or
        /// smuggle another header onto the wire.
        /// </summary>
        public static string? HeaderValueProblem(string value)
        {
            foreach (var c in value)
            {
                if (char.IsControl(c))
                {
                    return $"it contains the control character U+{(int)c:X4}";
                }
            }

            return null;
        }

        /// <summary>Plain http is only acceptable to this machine (a simulator); anywhere else it would expose the token.</summary>
        public static string? BaseUriProblem(Uri baseUri)
        {
            if (!baseUri.IsAbsoluteUri)
            {
                return "it is not an absolute URI";
            }

            if (string.Equals(baseUri.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (string.Equals(baseUri.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                return baseUri.IsLoopback ? null : "it uses http to a host other than this machine; use https";
            }

            return $"its scheme '{baseUri.Scheme}' is not https";
        }

        private static bool IsHex(string s, int start, int count)
        {
            for (var i = start; i < start + count; i++)
            {
                var c = s[i];
                var hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
