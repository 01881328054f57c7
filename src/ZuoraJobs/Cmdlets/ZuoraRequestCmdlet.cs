using System;
using System.Management.Automation;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// What the cmdlets that call Zuora share: <c>-Context</c> and <c>-TrackId</c>, and the connection and request
    /// context they resolve to before any input is read.
    /// </summary>
    public abstract class ZuoraRequestCmdlet : ZuoraCmdlet
    {
        private ZuoraConnection? _connection;
        private ZuoraRequestContext? _requestContext;

        [Parameter]
        [ValidateNotNull]
        public ZuoraConnection? Context { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string? TrackId { get; set; }

        /// <summary>The connection to use, resolved by BeginProcessing.</summary>
        private protected ZuoraConnection Connection =>
            _connection ?? throw new InvalidOperationException("The connection is resolved in BeginProcessing.");

        /// <summary>The track ID and the -Verbose/-Debug log of every request this cmdlet sends.</summary>
        private protected ZuoraRequestContext RequestContext =>
            _requestContext ?? throw new InvalidOperationException("The request context is made in BeginProcessing.");

        /// <summary>
        /// A bad track ID or a missing connection would leave every piped input without an outcome, so both stop the
        /// cmdlet (a terminating error) before any input is read and before anything is sent.
        /// </summary>
        protected override void BeginProcessing()
        {
            if (TrackId != null)
            {
                var problem = Validation.TrackIdProblem(TrackId);
                if (problem != null)
                {
                    ThrowTerminatingError(ErrorRecords.InvalidTrackId(TrackId, problem));
                }
            }

            _connection = Context ?? ConnectionStore.Get(SessionState);
            if (_connection == null)
            {
                ThrowTerminatingError(ErrorRecords.NotConnected());
            }

            _requestContext = NewRequestContext(TrackId);
        }
    }
}
