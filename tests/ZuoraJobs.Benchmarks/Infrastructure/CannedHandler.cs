using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Benchmarks.Infrastructure
{
    /// <summary>Answers every request at once with the same 200 JSON body: no socket, no server, only the client side.</summary>
    public sealed class CannedHandler : HttpMessageHandler
    {
        private readonly byte[] _body;

        public CannedHandler(byte[] body)
        {
            _body = body;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(_body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
            response.Headers.TryAddWithoutValidation("Zuora-Request-Id", "00000000-0000-0000-0000-000000000001");
            return Task.FromResult(response);
        }
    }
}
