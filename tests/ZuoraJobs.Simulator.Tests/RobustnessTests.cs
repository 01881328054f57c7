using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class RobustnessTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    private async Task<HttpResponseMessage> PostRawAsync(string path, HttpContent content, bool auth = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Sim.TokenAsync());
        }

        return await Sim.Client.SendAsync(request);
    }

    [Fact]
    public async Task Body_over_one_megabyte_gets_413()
    {
        string huge = "{\"orderDate\":\"2026-11-23\",\"notes\":\"" + new string('x', 1024 * 1024 + 10) + "\"}";
        using HttpResponseMessage response = await PostRawAsync("v1/async/orders", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000020");
    }

    [Fact]
    public async Task Chunked_body_over_limit_gets_413()
    {
        var content = new StreamContent(new System.IO.MemoryStream(new byte[2 * 1024 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "__sim/jobs") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await Sim.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Wrong_content_type_gets_415(string mediaType)
    {
        using HttpResponseMessage response = await PostRawAsync("v1/async/orders", new StringContent("{\"orderDate\":\"2026-11-23\"}", Encoding.UTF8, mediaType));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000020");
    }

    [Fact]
    public async Task Bad_gzip_request_body_gets_400()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("not gzip at all"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using HttpResponseMessage response = await PostRawAsync("v1/async/orders", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000090");
    }

    [Fact]
    public async Task Garbage_bytes_get_malformed_json_error_not_500()
    {
        var content = new ByteArrayContent(new byte[] { 0xff, 0xfe, 0x00, 0x7b });
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await PostRawAsync("v1/async/orders/preview", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000090");
    }
}
