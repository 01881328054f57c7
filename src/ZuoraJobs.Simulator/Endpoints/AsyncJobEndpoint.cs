using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary><c>GET /v1/async-jobs/{jobId}</c>: <c>{errors, result, status, success}</c>, result null while Processing.</summary>
internal static class AsyncJobEndpoint
{
    public static async Task HandleAsync(ApiRequest request)
    {
        if (!Authentication.IsAuthenticated(request))
        {
            await Authentication.WriteUnauthorizedAsync(request);
            return;
        }

        string jobId = request.JobId ?? string.Empty;
        SimJob? job = request.State.Jobs.Find(jobId);
        if (job is null)
        {
            // Undocumented by Zuora: category 40 on the generic resource, as 404 unless the variation asks for 200.
            int status = request.Variations.NotFoundAsHttp200 == true ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
            await request.WriteErrorAsync(status, ZuoraErrors.NotFound, $"The job {jobId} does not exist.");
            return;
        }

        JobView view = job.Poll(request.State.Clock.UtcNow);
        SimulatorVariations variations = job.Variations?.Over(request.Variations) ?? request.Variations;
        await request.WriteAsync(StatusCodes.Status200OK, Render(job, view, variations));
    }

    internal static byte[] Render(SimJob job, JobView view, SimulatorVariations variations)
    {
        bool extra = variations.ExtraFields == true;
        string status = view.IsFinal && variations.FinalStatusOverride is { Length: > 0 } forced ? forced : view.Status;
        string? errors = view.IsFinal ? job.Errors : null;
        string? result = view.IsFinal ? job.ResultJson : null;
        if (result is not null && extra)
        {
            result = WithFutureFlag(result);
        }

        return ZuoraJson.Build(w =>
        {
            w.WriteStartObject();
            WriteErrors(w, errors, variations);
            if (result is null)
            {
                w.WriteNull("result");
            }
            else
            {
                w.WritePropertyName("result");
                w.WriteRawValue(result, skipInputValidation: true);
            }

            w.WriteString("status", status);
            w.WriteBoolean("success", true);
            if (extra)
            {
                w.WriteStartObject("newTopLevelField");
                w.WriteString("description", "A field added by a future API version.");
                w.WriteStartArray("values");
                w.WriteNumberValue(1);
                w.WriteNumberValue(2);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    }

    private static void WriteErrors(Utf8JsonWriter w, string? errors, SimulatorVariations variations)
    {
        if (errors is null)
        {
            w.WriteNull("errors");
            return;
        }

        switch (variations.ErrorsShape ?? ErrorsShape.String)
        {
            case ErrorsShape.ObjectArray:
                w.WriteStartArray("errors");
                w.WriteStartObject();
                ZuoraJson.WriteCode(w, ZuoraErrors.InvalidValue, variations.ReasonCodeAsNumber == true);
                w.WriteString("message", errors);
                w.WriteEndObject();
                w.WriteEndArray();
                break;
            case ErrorsShape.StringArray:
                w.WriteStartArray("errors");
                w.WriteStringValue(errors);
                w.WriteEndArray();
                break;
            default:
                w.WriteString("errors", errors);
                break;
        }
    }

    private static string WithFutureFlag(string result)
    {
        if (JsonNode.Parse(result) is not JsonObject obj)
        {
            return result;
        }

        obj["futureFlag"] = true;
        return obj.ToJsonString(ZuoraJson.SerializerOptions);
    }
}
