using System;
using System.Net;
using System.Threading;
using Xunit;
using ZuoraJobs.Cmdlets;
using ZuoraJobs.Waiting;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>
    /// A wall-clock step in the middle of a wait (NTP correction, VM resume) changes neither -Timeout nor the poll
    /// schedule: both run on elapsed time. The client sees the same step, as it would on a real host.
    /// </summary>
    public sealed class JobWaiterClockTests : IDisposable
    {
        private const string Processing = """{"errors":null,"result":null,"status":"Processing","success":true}""";
        private static readonly TimeSpan Hours = TimeSpan.FromHours(3);

        // Ends a wait that stalls, so a regression fails the test instead of hanging it; never reached when it passes.
        private readonly CancellationTokenSource _guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        private readonly ClientFixture _fixture = new ClientFixture(o => o.MaxRetryCount = 0);
        private readonly SteppableWaitClock _clock = new SteppableWaitClock();
        private readonly RecordingWaitObserver _observer = new RecordingWaitObserver();
        private readonly PipelineMailbox _mailbox = new PipelineMailbox();

        private void StepWallClock(TimeSpan by)
        {
            _clock.WallOffset += by;
            _fixture.Offset += by;
        }

        private void Wait(TimeSpan? timeout)
        {
            var backoff = new PollBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), seed: 7);
            var waiter = new JobWaiter(_fixture.Client, _fixture.Context, _mailbox, _observer, backoff, timeout, any: false, _clock);
            waiter.Add(FakeZuora.JobId, null);
            waiter.Run(_guard.Token);
        }

        [Fact]
        public void A_step_forward_of_hours_does_not_time_out_a_job_waited_on_with_an_hour_to_go()
        {
            _fixture.Fake.EnqueueGet(HttpStatusCode.OK, Processing);
            _observer.OnStateChanged = status =>
            {
                if (status == "Processing")
                {
                    StepWallClock(Hours);
                }
            };

            Wait(TimeSpan.FromHours(1));

            Assert.Empty(_observer.TimedOut);
            Assert.Equal(new[] { "Completed" }, _observer.Finished);
        }

        [Fact]
        public void A_step_back_of_hours_after_a_poll_was_scheduled_does_not_hold_the_next_poll_back()
        {
            // The failed poll is rescheduled, then the clock steps back before the waiter sleeps again.
            _fixture.Fake.EnqueueGet(HttpStatusCode.ServiceUnavailable, "{}");
            _observer.OnPollFailed = () => StepWallClock(-Hours);

            Wait(timeout: null);

            Assert.Equal(1, _observer.PollFailures);
            Assert.Equal(new[] { "Completed" }, _observer.Finished);
            Assert.Equal(2, _fixture.Fake.JobGets);
        }

        [Fact]
        public void A_step_back_of_hours_does_not_extend_the_timeout()
        {
            _fixture.Fake.DefaultGet = (_, _) => System.Threading.Tasks.Task.FromResult(FakeZuora.Json(HttpStatusCode.OK, Processing));
            var stepped = false;
            _observer.OnStateChanged = _ =>
            {
                if (!stepped)
                {
                    stepped = true;
                    StepWallClock(-Hours);
                }
            };

            Wait(TimeSpan.FromMilliseconds(300));

            Assert.Equal(new[] { "Processing" }, _observer.TimedOut);
            Assert.Empty(_observer.Finished);
        }

        public void Dispose()
        {
            _mailbox.Dispose();
            _fixture.Dispose();
            _guard.Dispose();
        }
    }
}
