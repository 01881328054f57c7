using System;
using System.Globalization;

namespace ZuoraJobs.Api
{
    /// <summary>Small formatting helpers shared by log lines and error messages.</summary>
    internal static class HttpText
    {
        public static string DefaultReasonPhrase(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 429: return "Too Many Requests";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return string.Empty;
            }
        }

        public static string Status(int status, string? reasonPhrase) =>
            string.IsNullOrEmpty(reasonPhrase)
                ? "HTTP " + status.ToString(CultureInfo.InvariantCulture)
                : "HTTP " + status.ToString(CultureInfo.InvariantCulture) + " " + reasonPhrase;

        /// <summary>"1.2 s" / "0 s" / "45 s": one decimal below ten seconds, whole seconds above.</summary>
        public static string Seconds(TimeSpan value)
        {
            var seconds = value.TotalSeconds;
            if (seconds > 0 && seconds < 0.1)
            {
                return Milliseconds(value);
            }

            return seconds < 10 && seconds != Math.Floor(seconds)
                ? seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
                : Math.Round(seconds).ToString("0", CultureInfo.InvariantCulture) + " s";
        }

        /// <summary>"32 MiB" for whole mebibytes, otherwise bytes.</summary>
        public static string Size(long bytes) =>
            bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
                ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB"
                : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";

        public static string Milliseconds(TimeSpan value) =>
            Math.Round(value.TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture) + " ms";
    }
}
