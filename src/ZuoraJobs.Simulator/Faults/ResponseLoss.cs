using System;
using System.Threading.Tasks;

namespace ZuoraJobs.Simulator;

/// <summary>
/// Carries out <see cref="FaultKind.CommitThenLoseResponse"/>: the request has been processed, and its answer is
/// reset mid-body, replaced by a gateway's 502, or held longer than the client waits.
/// </summary>
internal sealed class ResponseLoss
{
    private ResponseLoss(FaultSpec fault, LostResponse manner)
    {
        Fault = fault;
        Manner = manner;
    }

    public FaultSpec Fault { get; }

    public LostResponse Manner { get; }

    public bool IsSlow => Manner == LostResponse.SlowResponse;

    public static ResponseLoss Draw(FaultSpec fault, SeededRandom random) =>
        new(fault, fault.Loss == LostResponse.Any ? (LostResponse)random.Next(1, 4) : fault.Loss);

    /// <summary>The hold of a slow answer; ends early on <see cref="SimulatorState.ReleaseDelayedRequests"/>.</summary>
    public async Task HoldAsync(SimulatorState state)
    {
        int ms = Fault.LatencyMs > 0 ? Fault.LatencyMs : FaultSpec.DefaultSlowResponseMs;
        try
        {
            await Task.Delay(ms, state.DelayRelease);
        }
        catch (OperationCanceledException)
        {
            // Released by the control surface: answer now.
        }
    }

    /// <summary>Sends the processed answer the way this loss allows (a slow answer has already been held).</summary>
    public Task DeliverAsync(ApiRequest request, StoredResponse response) => Manner switch
    {
        LostResponse.ConnectionReset => FaultResponder.ResetMidBodyAsync(request.Http, response.Status, response.Body),
        LostResponse.BadGateway => FaultResponder.WriteBadGatewayAsync(request, Fault.Html),
        _ => OrderEndpoints.WriteAsync(request, response),
    };

    /// <summary>On an endpoint with nothing to commit: reset or 502 instead of the answer; a slow answer is held, then served.</summary>
    public async Task<bool> ReplaceUnprocessedAsync(ApiRequest request)
    {
        switch (Manner)
        {
            case LostResponse.ConnectionReset:
                await FaultResponder.WriteAsync(request, FaultSpec.Of(FaultKind.ConnectionReset));
                return true;
            case LostResponse.BadGateway:
                await FaultResponder.WriteBadGatewayAsync(request, Fault.Html);
                return true;
            default:
                await HoldAsync(request.State);
                return false;
        }
    }
}
