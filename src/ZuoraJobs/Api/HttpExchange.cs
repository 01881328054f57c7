using System;
using System.Net.Http.Headers;

namespace ZuoraJobs.Api
{
    /// <summary>One request/response, fully read: either an HTTP answer or a transport failure, never both.</summary>
    internal sealed class HttpExchange
    {
        private HttpExchange()
        {
        }

        public int StatusCode { get; private set; }
        public string ReasonPhrase { get; private set; } = string.Empty;
        public HttpResponseHeaders? Headers { get; private set; }
        public string? ContentType { get; private set; }
        public ArraySegment<byte> Body { get; private set; }

        /// <summary>The <c>Zuora-Request-Id</c> response header.</summary>
        public string? RequestId { get; private set; }

        public TimeSpan Elapsed { get; private set; }

        /// <summary>Set when no usable answer arrived: ConnectionFailed, RequestTimeout or InvalidResponse (bad encoding).</summary>
        public ZuoraErrorKind? TransportFailure { get; private set; }
        public Exception? TransportError { get; private set; }

        public bool IsSuccessStatus => StatusCode >= 200 && StatusCode <= 299;

        public static HttpExchange Answered(int status, string? reasonPhrase, HttpResponseHeaders headers, string? contentType, ArraySegment<byte> body, string? requestId, TimeSpan elapsed) =>
            new HttpExchange
            {
                StatusCode = status,
                ReasonPhrase = string.IsNullOrEmpty(reasonPhrase) ? HttpText.DefaultReasonPhrase(status) : reasonPhrase!,
                Headers = headers,
                ContentType = contentType,
                Body = body,
                RequestId = requestId,
                Elapsed = elapsed,
            };

        public static HttpExchange Failed(ZuoraErrorKind kind, Exception error, int? status, string? reasonPhrase, HttpResponseHeaders? headers, string? requestId, TimeSpan elapsed) =>
            new HttpExchange
            {
                TransportFailure = kind,
                TransportError = error,
                StatusCode = status ?? 0,
                ReasonPhrase = reasonPhrase ?? string.Empty,
                Headers = headers,
                RequestId = requestId,
                Elapsed = elapsed,
            };
    }
}
