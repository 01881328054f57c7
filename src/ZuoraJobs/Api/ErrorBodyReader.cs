using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ZuoraJobs.Api.Json;

namespace ZuoraJobs.Api
{
    /// <summary>Reads an error body into <see cref="ErrorResponseInfo"/>; never throws, since the body is only evidence.</summary>
    internal static class ErrorBodyReader
    {
        private static readonly Regex Title = new Regex(@"<title[^>]*>(?<t>.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
        private static readonly Regex Spaces = new Regex(@"\s+", RegexOptions.CultureInvariant);

        public static ErrorResponseInfo Read(int status, ArraySegment<byte> body, string? contentType)
        {
            var details = new ErrorResponseInfo();
            if (body.Array == null || body.Count == 0 || IsWhiteSpace(body))
            {
                details.BodyProblem = $"Zuora returned HTTP {status} with an empty body";
                return details;
            }

            if (LooksLikeHtml(body, contentType))
            {
                var title = HtmlTitle(body);
                details.BodyProblem = title == null
                    ? $"Zuora returned HTTP {status} with an HTML page, probably from a proxy"
                    : $"Zuora returned HTTP {status} with an HTML page, probably from a proxy: {title}";
                return details;
            }

            ErrorBody? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(new ReadOnlySpan<byte>(body.Array, body.Offset, body.Count), ZuoraJsonContext.Default.ErrorBody);
            }
            catch (JsonException)
            {
                details.BodyProblem = $"Zuora returned HTTP {status} with a body that is not valid JSON ({body.Count} bytes)";
                return details;
            }

            if (parsed == null)
            {
                details.BodyProblem = $"Zuora returned HTTP {status} with a null JSON body";
                return details;
            }

            details.Reasons = (parsed.Reasons ?? Enumerable.Empty<ErrorReason>())
                .Where(r => r != null && (r.Code != null || r.Message != null))
                .Select(r => new ZuoraReason(r.Code, r.Message))
                .ToArray();
            details.ProcessId = parsed.ProcessId;
            details.RequestId = parsed.RequestId;
            details.Message = parsed.Message ?? parsed.ErrorDescription ?? parsed.Error;
            return details;
        }

        private static bool LooksLikeHtml(ArraySegment<byte> body, string? contentType)
        {
            if (contentType != null && contentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            for (var i = body.Offset; i < body.Offset + body.Count; i++)
            {
                var b = body.Array![i];
                if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n' || b == 0xEF || b == 0xBB || b == 0xBF)
                {
                    continue;
                }

                return b == (byte)'<';
            }

            return false;
        }

        private static string? HtmlTitle(ArraySegment<byte> body)
        {
            // Proxy pages are small; the title is near the top, so a bounded decode is enough.
            var text = Encoding.UTF8.GetString(body.Array!, body.Offset, Math.Min(body.Count, 8192));
            var match = Title.Match(text);
            if (!match.Success)
            {
                return null;
            }

            var title = Spaces.Replace(System.Net.WebUtility.HtmlDecode(match.Groups["t"].Value), " ").Trim();
            return title.Length == 0 ? null : title.Length > 200 ? title.Substring(0, 200) + "…" : title;
        }

        private static bool IsWhiteSpace(ArraySegment<byte> body)
        {
            for (var i = body.Offset; i < body.Offset + body.Count; i++)
            {
                var b = body.Array![i];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
