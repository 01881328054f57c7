using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// Verbose/Debug lines for HTTP exchanges. Credentials never reach a line: Authorization and cookie headers are
    /// dropped by name and request bodies (the token form) and token responses are never shown.
    /// </summary>
    internal static class HttpLog
    {
        public const int MaxBodyBytes = 2048;

        private static readonly HashSet<string> HiddenHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key",
        };

        /// <summary>Logging must never break a request, whatever the host's callback does.</summary>
        public static void Write(ZuoraRequestContext? context, ApiMessageLevel level, string text)
        {
            var log = context?.Log;
            if (log == null)
            {
                return;
            }

            try
            {
                log(new ApiMessage(level, text));
            }
            catch (Exception)
            {
                // A failing diagnostic sink is not the caller's problem.
            }
        }

        /// <summary>Whether Debug text is wanted: header dumps and body decoding cost work on every request.</summary>
        public static bool Wants(ZuoraRequestContext? context) => context?.Log != null && context.DebugWanted;

        /// <summary><c>GET /v1/async-jobs/x -> 200 OK in 123 ms (track ID: t; request ID: r)</c>.</summary>
        public static string ExchangeLine(string method, string path, string outcome, TimeSpan elapsed, string? trackId, string? requestId)
        {
            var text = new StringBuilder();
            text.Append(method).Append(' ').Append(path).Append(" -> ").Append(outcome).Append(" in ").Append(HttpText.Milliseconds(elapsed));
            var ids = new List<string>(2);
            if (!string.IsNullOrEmpty(trackId))
            {
                ids.Add("track ID: " + trackId);
            }

            if (!string.IsNullOrEmpty(requestId))
            {
                ids.Add("request ID: " + requestId);
            }

            if (ids.Count > 0)
            {
                text.Append(" (").Append(string.Join("; ", ids)).Append(')');
            }

            return text.ToString();
        }

        public static string RequestHeaders(HttpRequestMessage request, HttpRequestHeaders defaults)
        {
            var lines = new StringBuilder();
            lines.Append("Request headers for ").Append(request.Method.Method).Append(' ').Append(request.RequestUri?.AbsolutePath).Append(':');
            AppendHeaders(lines, defaults.Where(h => !request.Headers.Contains(h.Key)));
            AppendHeaders(lines, request.Headers);
            if (request.Content != null)
            {
                AppendHeaders(lines, request.Content.Headers);
            }

            return lines.ToString();
        }

        public static string ResponseHeaders(string method, string path, HttpResponseMessage response)
        {
            var lines = new StringBuilder();
            lines.Append("Response headers for ").Append(method).Append(' ').Append(path).Append(':');
            AppendHeaders(lines, response.Headers);
            AppendHeaders(lines, response.Content.Headers);
            return lines.ToString();
        }

        public static string Body(string method, string path, ArraySegment<byte> body)
        {
            var shown = Math.Min(body.Count, MaxBodyBytes);
            var text = body.Array == null ? string.Empty : Encoding.UTF8.GetString(body.Array, body.Offset, shown);
            var suffix = body.Count > shown ? $" … ({body.Count} bytes, first {shown} shown)" : string.Empty;
            return $"Response body for {method} {path}: {text}{suffix}";
        }

        private static void AppendHeaders(StringBuilder lines, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
        {
            foreach (var header in headers)
            {
                if (HiddenHeaders.Contains(header.Key))
                {
                    continue;
                }

                // Product tokens (User-Agent, Server) are space-separated on the wire; other lists are comma-separated.
                var separator = string.Equals(header.Key, "User-Agent", StringComparison.OrdinalIgnoreCase)
                                || string.Equals(header.Key, "Server", StringComparison.OrdinalIgnoreCase) ? " " : ", ";
                lines.Append(Environment.NewLine).Append("  ").Append(header.Key).Append(": ").Append(string.Join(separator, header.Value));
            }
        }
    }
}
