using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary><c>POST /v1/async/orders</c> and <c>POST /v1/async/orders/preview</c>.</summary>
internal static class OrderEndpoints
{
    public static async Task HandleAsync(ApiRequest request, bool preview)
    {
        if (!Authentication.IsAuthenticated(request))
        {
            await Authentication.WriteUnauthorizedAsync(request);
            return;
        }

        byte[]? body = await RequestBodyReader.ReadAsync(request, "application/json");
        if (body is null)
        {
            return;
        }

        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.MalformedJson,
                $"Malformed JSON in request body: {ex.Message}");
            return;
        }

        if (parsed is not JsonObject order)
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.MalformedJson,
                "The request body must be a JSON object.");
            return;
        }

        if (await ValidateAsync(request, order, preview) is false)
        {
            return;
        }

        bool returnIds = string.Equals(request.Http.Request.Query["returnIds"], "true", StringComparison.OrdinalIgnoreCase);
        SimulatorState state = request.State;
        OrderOutcome outcome = OrderResultBuilder.Build(order, preview, returnIds, state);
        string jobId = state.Random.NextUuid();
        DateTimeOffset? completeAt = outcome.Duration is TimeSpan d ? state.Clock.UtcNow + d : null;
        state.Jobs.Put(new SimJob(jobId, outcome.ResultJson, outcome.FinalStatus, outcome.Errors, null,
            outcome.PollsBeforeCompletion, completeAt, null));

        request.Http.Response.Headers.Location = "/v1/async-jobs/" + jobId;
        byte[] json = ZuoraJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("jobId", jobId);
            if (!preview)
            {
                w.WriteBoolean("success", true);
            }

            w.WriteEndObject();
        });
        await request.WriteAsync(preview ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, json);
    }

    private static async Task<bool> ValidateAsync(ApiRequest request, JsonObject order, bool preview)
    {
        if (!OrderReader.Has(order, "orderDate"))
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.MissingRequiredField,
                "orderDate is required.");
            return false;
        }

        string orderDate = OrderReader.String(order, "orderDate") ?? string.Empty;
        if (!DateOnly.TryParseExact(orderDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.InvalidValue,
                $"Invalid value for orderDate '{orderDate}'; expected yyyy-MM-dd.");
            return false;
        }

        if (preview && order["previewOptions"] is not JsonObject)
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.MissingRequiredField,
                "previewOptions is required.");
            return false;
        }

        return true;
    }
}
