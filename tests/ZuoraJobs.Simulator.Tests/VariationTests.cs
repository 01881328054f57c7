using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class VariationTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    private string FailedJob(SimulatorVariations? variations = null) =>
        Sim.State.SeedJob(new JobSeed { Status = "Failed", Errors = "Subscription is invalid.", Variations = variations });

    [Fact]
    public async Task Errors_as_object_array_globally_with_numeric_codes()
    {
        string token = await Sim.TokenAsync();
        await Sim.ControlAsync(HttpMethod.Put, "variations", "{\"errorsShape\":\"ObjectArray\",\"reasonCodeAsNumber\":true}");
        JsonNode body = await Sim.GetJobJsonAsync(FailedJob(), token);
        JsonNode error = body["errors"]![0]!;
        Assert.Equal(JsonValueKind.Number, error["code"]!.GetValueKind());
        Assert.Equal("Subscription is invalid.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Errors_as_string_array_per_job_only()
    {
        string token = await Sim.TokenAsync();
        string variant = FailedJob(new SimulatorVariations { ErrorsShape = ErrorsShape.StringArray });
        JsonNode body = await Sim.GetJobJsonAsync(variant, token);
        Assert.Equal("Subscription is invalid.", body["errors"]![0]!.GetValue<string>());
        JsonNode plain = await Sim.GetJobJsonAsync(FailedJob(), token);
        Assert.Equal(JsonValueKind.String, plain["errors"]!.GetValueKind());
    }

    [Fact]
    public async Task Reason_code_as_number_applies_to_common_responses()
    {
        string token = await Sim.TokenAsync();
        Sim.State.Variations = new SimulatorVariations { ReasonCodeAsNumber = true };
        using HttpResponseMessage response = await Sim.GetJobAsync("missing-job", token);
        JsonNode body = await SimulatorFixture.Json(response);
        Assert.Equal(JsonValueKind.Number, body["reasons"]![0]!["code"]!.GetValueKind());
        Assert.Equal(50000040, body["reasons"]![0]!["code"]!.GetValue<long>());

        Sim.State.EnqueueFaults(FaultSpec.Of(FaultKind.LockCompetition));
        using HttpResponseMessage lockResponse = await Sim.GetJobAsync(Completed(), token);
        Assert.Equal(50000050, (await SimulatorFixture.Json(lockResponse))["reasons"]![0]!["code"]!.GetValue<long>());
    }

    [Fact]
    public async Task Final_status_override_reports_an_unknown_status()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        await Sim.ControlAsync(HttpMethod.Put, $"jobs/{jobId}/variations", "{\"finalStatusOverride\":\"Canceled\"}");
        Assert.Equal("Canceled", (await Sim.GetJobJsonAsync(jobId, token))["status"]!.GetValue<string>());
        Assert.Equal("Completed", (await Sim.GetJobJsonAsync(Completed(), token))["status"]!.GetValue<string>());
        await Sim.ControlAsync(HttpMethod.Put, "jobs/nope/variations", "{\"extraFields\":true}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Extra_fields_appear_at_top_level_and_in_result()
    {
        string token = await Sim.TokenAsync();
        Sim.State.Variations = new SimulatorVariations { ExtraFields = true };
        JsonNode body = await Sim.GetJobJsonAsync(Completed(), token);
        Assert.NotNull(body["newTopLevelField"]);
        Assert.True(body["result"]!["futureFlag"]!.GetValue<bool>());
        Assert.Equal("OM-1", body["result"]!["orderNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Not_found_as_http_200()
    {
        string token = await Sim.TokenAsync();
        await Sim.ControlAsync(HttpMethod.Put, "variations", "{\"notFoundAsHttp200\":true}");
        JsonNode current = await Sim.ControlAsync(HttpMethod.Get, "variations");
        Assert.True(current["notFoundAsHttp200"]!.GetValue<bool>());
        using HttpResponseMessage response = await Sim.GetJobAsync("missing", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000040");
    }

    [Fact]
    public async Task Seeded_variations_via_control_surface()
    {
        string token = await Sim.TokenAsync();
        JsonNode seeded = await Sim.ControlAsync(HttpMethod.Post, "jobs",
            "{\"status\":\"Failed\",\"errors\":\"x\",\"variations\":{\"errorsShape\":\"ObjectArray\"}}", HttpStatusCode.Created);
        JsonNode body = await Sim.GetJobJsonAsync(seeded["jobId"]!.GetValue<string>(), token);
        Assert.Equal("50000020", body["errors"]![0]!["code"]!.GetValue<string>());
    }
}
