using System;
using System.Management.Automation;
using System.Threading;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// What every ZuoraJobs cmdlet shares: Ctrl+C cancels all work at once, and diagnostics raised on worker threads
    /// are replayed on the pipeline thread.
    /// </summary>
    public abstract class ZuoraCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private PipelineMailbox? _mailbox;

        private protected CancellationToken Cancellation => _stopping.Token;

        private protected PipelineMailbox Mailbox => _mailbox ??= new PipelineMailbox();

        /// <summary>A request context whose log lines reach -Verbose/-Debug through the mailbox.</summary>
        private protected ZuoraRequestContext NewRequestContext(string? trackId)
        {
            var mailbox = Mailbox;
            return new ZuoraRequestContext
            {
                TrackId = trackId,
                Log = message => mailbox.Post(() => WriteApiMessage(message)),
            };
        }

        private protected void WriteApiMessage(ApiMessage message)
        {
            switch (message.Level)
            {
                case ApiMessageLevel.Debug:
                    WriteDebug(message.Text);
                    break;
                case ApiMessageLevel.Warning:
                    WriteWarning(message.Text);
                    break;
                default:
                    WriteVerbose(message.Text);
                    break;
            }
        }

        /// <summary>The connection to use after checking the track ID; null (the reason written once) when the cmdlet cannot run.</summary>
        private protected ZuoraConnection? ResolveConnection(ZuoraConnection? context, string? trackId)
        {
            if (trackId != null)
            {
                var problem = Validation.TrackIdProblem(trackId);
                if (problem != null)
                {
                    WriteError(ErrorRecords.InvalidTrackId(trackId, problem));
                    return null;
                }
            }

            var connection = context ?? ConnectionStore.Get(SessionState);
            if (connection == null)
            {
                WriteError(ErrorRecords.NotConnected());
            }

            return connection;
        }

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>PowerShell calls this when the pipeline ends, however it ends.</summary>
        public void Dispose()
        {
            _mailbox?.Dispose();
            _stopping.Dispose();
        }

        /// <summary>
        /// Runs work that waits on requests; when Ctrl+C cancels it, returns quietly and lets PowerShell end the
        /// pipeline, so nothing more is written or sent.
        /// </summary>
        private protected void UntilStopped(Action work)
        {
            try
            {
                work();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
        }
    }
}
