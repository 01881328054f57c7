using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZuoraJobs.Api;
using ZuoraJobs.Cmdlets;

namespace ZuoraJobs.Waiting
{
    /// <summary>
    /// One scheduler for any number of jobs, run on the pipeline thread: it starts polls that are due (never more at
    /// once than the connection allows), sleeps until the next one is due or a poll completes, and reports each job's
    /// single outcome the moment it is known. Throttling by Zuora is handled below it, in the client's shared gate,
    /// so every job backs off together. Deadlines and due times are read off the monotonic clock, so a wall-clock step
    /// neither times jobs out early nor holds polls (or the deadline) back by the size of the step.
    /// </summary>
    internal sealed class JobWaiter
    {
        // A poll that fails this many times in a row (each already retried by the client) ends the wait for its job.
        internal const int MaxConsecutiveFailures = 3;

        /// <summary>How long past the deadline a job never read may wait for its first answer (-Timeout 0 checks once).</summary>
        internal static readonly TimeSpan FirstLookGrace = TimeSpan.FromSeconds(1);

        private readonly ZuoraClient _client;
        private readonly ZuoraRequestContext _requestContext;
        private readonly PipelineMailbox _mailbox;
        private readonly IWaitObserver _observer;
        private readonly PollBackoff _backoff;
        private readonly TimeSpan? _timeout;
        private readonly bool _any;
        private readonly Dictionary<string, WaitedJob> _byKey = new Dictionary<string, WaitedJob>(StringComparer.Ordinal);
        private readonly List<WaitedJob> _active = new List<WaitedJob>();
        private readonly IWaitClock _clock;
        private readonly TimeSpan _started;
        private int _finished;
        private int _inFlight;
        private int _pollsStarted;
        private int _wakeUps;
        private TimeSpan? _lastProgress;

        public JobWaiter(ZuoraClient client, ZuoraRequestContext requestContext, PipelineMailbox mailbox, IWaitObserver observer,
            PollBackoff backoff, TimeSpan? timeout, bool any, IWaitClock? clock = null)
        {
            _clock = clock ?? SystemWaitClock.Instance;
            _started = _clock.Monotonic;
            _client = client;
            _requestContext = requestContext;
            _mailbox = mailbox;
            _observer = observer;
            _backoff = backoff;
            _timeout = timeout;
            _any = any;
        }

        public int Total => _byKey.Count;

        private TimeSpan Elapsed => _clock.Monotonic - _started;

        /// <summary>
        /// Adds a job by ID, with what is already known of it. Duplicates (the same job twice, in either ID form) are
        /// ignored so each job has one outcome. A job already finished is reported at once, without a request.
        /// </summary>
        public void Add(string jobId, AsyncJob? seen)
        {
            var key = jobId.Replace("-", string.Empty).ToLowerInvariant();
            if (_byKey.ContainsKey(key) || IsSatisfied)
            {
                return;
            }

            var job = new WaitedJob(jobId, _byKey.Count);
            _byKey.Add(key, job);
            if (seen != null)
            {
                job.LastSeen = seen;
                _observer.StateChanged(jobId, null, seen.Status, IsKnown(seen.Status));
                if (seen.IsTerminal)
                {
                    Finish(job, seen);
                    return;
                }

                Schedule(job);
            }
            else
            {
                job.NextPollAt = _clock.Monotonic;
            }

            _active.Add(job);
        }

        /// <summary>
        /// Waits for every added job; throws OperationCanceledException when the pipeline is stopped. With a timeout the
        /// deadline is a bound: jobs already read are reported as timed out at the deadline, jobs never read get at most
        /// <see cref="FirstLookGrace"/> more for their first look, then every poll still out is cancelled.
        /// </summary>
        public void Run(CancellationToken cancellationToken)
        {
            var deadline = _timeout.HasValue ? _clock.Monotonic + _timeout.Value : (TimeSpan?)null;
            var lastCall = deadline + FirstLookGrace;
            using var polls = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                while (_active.Count > 0 && !IsSatisfied)
                {
                    var now = _clock.Monotonic;
                    var late = deadline.HasValue && now >= deadline.Value;
                    if (late)
                    {
                        TimeOutJobs(job => job.LastSeen != null || job.LastFailure != null);
                        if (now >= lastCall!.Value)
                        {
                            polls.Cancel();
                            TimeOutJobs(_ => true);
                            break;
                        }
                    }

                    StartDuePolls(now, firstLooksOnly: late, polls.Token);
                    ReportProgress(finished: false);
                    if (_active.Count == 0)
                    {
                        break;
                    }

                    _mailbox.Pump(TimeUntilNextEvent(now, late ? lastCall : deadline, firstLooksOnly: late), cancellationToken);
                    _wakeUps++;
                }
            }
            finally
            {
                // Whatever is still in flight (after -Any, a timeout or Ctrl+C) is abandoned and must not reach the wire.
                polls.Cancel();
            }

            ReportProgress(finished: true);
            _observer.Summary(Total, _pollsStarted, _wakeUps, Elapsed);
        }

        private void StartDuePolls(TimeSpan now, bool firstLooksOnly, CancellationToken cancellationToken)
        {
            var slots = Math.Max(1, _client.Options.MaxConcurrency) - _inFlight;
            if (slots <= 0)
            {
                return;
            }

            var due = _active.Where(j => j.Poll == null && j.NextPollAt <= now && (!firstLooksOnly || IsUnread(j)))
                .OrderBy(j => j.NextPollAt).ThenBy(j => j.Order)
                .Take(slots)
                .ToList();
            foreach (var job in due)
            {
                var poll = _client.GetAsyncJobAsync(job.JobId, _requestContext, cancellationToken);
                job.Poll = poll;
                _inFlight++;
                _pollsStarted++;
                poll.ContinueWith(t => _mailbox.Post(() => Polled(job, t)), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        private void Polled(WaitedJob job, Task<AsyncJob> poll)
        {
            job.Poll = null;
            _inFlight--;
            if (job.Done || poll.IsCanceled || IsSatisfied)
            {
                return;
            }

            var failure = poll.Exception?.GetBaseException();
            if (failure == null)
            {
                var seen = poll.Result;
                var previous = job.LastStatus;
                job.LastSeen = seen;
                job.ConsecutiveFailures = 0;
                if (!string.Equals(previous, seen.Status, StringComparison.Ordinal))
                {
                    _observer.StateChanged(job.JobId, previous, seen.Status, IsKnown(seen.Status));
                }

                if (seen.IsTerminal)
                {
                    Finish(job, seen);
                }
                else
                {
                    Schedule(job);
                }

                return;
            }

            if (!(failure is ZuoraApiException apiError))
            {
                // A defect, not a Zuora condition: surface it rather than keep polling blindly.
                apiError = new ZuoraApiException(ZuoraErrorKind.ServiceError, failure.Message, failure) { JobId = job.JobId };
            }

            job.ConsecutiveFailures++;
            job.LastFailure = apiError;
            if (!IsTransient(apiError) || job.ConsecutiveFailures >= MaxConsecutiveFailures)
            {
                End(job);
                _observer.Unreadable(job.JobId, apiError, job.LastSeen);
                return;
            }

            var delay = Schedule(job);
            _observer.PollFailed(job.JobId, apiError, delay);
        }

        private void TimeOutJobs(Func<WaitedJob, bool> which)
        {
            foreach (var job in _active.Where(which).ToList())
            {
                End(job);
                _observer.TimedOut(job.JobId, job.LastSeen, Elapsed);
            }
        }

        private static bool IsUnread(WaitedJob job) => job.LastSeen == null && job.LastFailure == null;

        private TimeSpan Schedule(WaitedJob job)
        {
            job.NominalDelay = _backoff.Grow(job.NominalDelay);
            var delay = _backoff.Jittered(job.NominalDelay.Value);
            job.NextPollAt = _clock.Monotonic + delay;
            return delay;
        }

        /// <summary>Until the next poll may start or the limit passes; completions wake the pump earlier.</summary>
        private TimeSpan TimeUntilNextEvent(TimeSpan now, TimeSpan? limit, bool firstLooksOnly)
        {
            var next = limit;
            if (_inFlight < Math.Max(1, _client.Options.MaxConcurrency))
            {
                foreach (var job in _active)
                {
                    if (job.Poll == null && (!firstLooksOnly || IsUnread(job)) && (next == null || job.NextPollAt < next))
                    {
                        next = job.NextPollAt;
                    }
                }
            }

            if (next == null)
            {
                return Timeout.InfiniteTimeSpan;
            }

            var wait = next.Value - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        /// <summary>With -Any, one finished job ends the wait: later inputs and answers are not reported.</summary>
        private bool IsSatisfied => _any && _finished > 0;

        private void Finish(WaitedJob job, AsyncJob seen)
        {
            if (IsSatisfied)
            {
                End(job);
                return;
            }

            End(job);
            _finished++;
            _observer.Finished(seen);
        }

        private void End(WaitedJob job)
        {
            job.Done = true;
            _active.Remove(job);
        }

        private void ReportProgress(bool finished)
        {
            var now = _clock.Monotonic;
            if (!finished && _lastProgress.HasValue && now - _lastProgress.Value < TimeSpan.FromMilliseconds(500))
            {
                return;
            }

            _lastProgress = now;
            var byStatus = _byKey.Values
                .GroupBy(j => j.LastStatus ?? "Pending", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            _observer.Progress(new WaitProgress(Total, Total - _active.Count, byStatus, Elapsed, finished));
        }

        private static bool IsKnown(string status) =>
            status == AsyncJob.StatusProcessing || status == AsyncJob.StatusCompleted || status == AsyncJob.StatusFailed;

        private static bool IsTransient(ZuoraApiException error) => error.Kind switch
        {
            ZuoraErrorKind.RateLimited => true,
            ZuoraErrorKind.ConnectionFailed => true,
            ZuoraErrorKind.RequestTimeout => true,
            ZuoraErrorKind.InvalidResponse => true,
            ZuoraErrorKind.ServiceError => error.HttpStatus == null || error.HttpStatus >= 500,
            _ => false,
        };
    }
}
