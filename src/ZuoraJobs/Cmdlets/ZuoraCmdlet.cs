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
                DebugWanted = DebugWanted(),
            };
        }

        /// <summary>-Debug, or a $DebugPreference that shows debug lines: only then is Debug text worth building.</summary>
        private bool DebugWanted()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug))
            {
                return debug is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(debug);
            }

            var preference = GetVariableValue("DebugPreference");
            if (preference is PSObject wrapped)
            {
                preference = wrapped.BaseObject;
            }

            return preference is ActionPreference value
                ? value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore
                : preference != null && !string.Equals(preference.ToString(), nameof(ActionPreference.SilentlyContinue), StringComparison.OrdinalIgnoreCase);
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

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Runs once the pipeline is over and nothing new may start: the place to settle requests already on the wire.</summary>
        private protected virtual void OnPipelineEnd()
        {
        }

        /// <summary>
        /// PowerShell calls this when the pipeline ends, however it ends: normally, by Ctrl+C, by an error downstream or
        /// -ErrorAction Stop, or by Select-Object -First stopping the commands upstream. Whatever is still queued or
        /// retrying is cancelled, so nothing new reaches Zuora once the pipeline is over.
        /// </summary>
        public void Dispose()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (AggregateException)
            {
                // A callback failed while abandoning work nobody waits for any more.
            }

            OnPipelineEnd();
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
