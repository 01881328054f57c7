using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using ZuoraJobs.Api;

namespace ZuoraJobs.Api.Tests
{
    public class AdaptiveConcurrencyTests
    {
        [Fact]
        public async Task No_more_than_the_limit_enter_and_a_release_admits_the_next_waiter()
        {
            var slots = new AdaptiveConcurrency(2);
            await slots.EnterAsync(CancellationToken.None);
            await slots.EnterAsync(CancellationToken.None);

            var third = slots.EnterAsync(CancellationToken.None);
            Assert.False(third.IsCompleted);

            slots.Exit();
            await third;
        }

        [Fact]
        public void A_refusal_halves_the_limit_down_to_one()
        {
            var clock = new ManualClock();
            var slots = new AdaptiveConcurrency(8, clock.Now);

            Assert.Equal(4, slots.Refused());
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(2, slots.Refused());
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(1, slots.Refused());
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Null(slots.Refused());
            Assert.Equal(1, slots.Limit);
        }

        [Fact]
        public async Task A_lowered_limit_holds_back_requests_until_enough_leave()
        {
            var clock = new ManualClock();
            var slots = new AdaptiveConcurrency(4, clock.Now);
            for (var i = 0; i < 4; i++)
            {
                await slots.EnterAsync(CancellationToken.None);
            }

            slots.Refused();
            clock.Advance(TimeSpan.FromSeconds(2));
            slots.Refused();
            var waiting = slots.EnterAsync(CancellationToken.None);

            slots.Exit();
            slots.Exit();
            slots.Exit();
            Assert.False(waiting.IsCompleted);
            slots.Exit();
            await waiting;
        }

        [Fact]
        public void Answers_without_refusal_grow_the_limit_back_to_the_ceiling_and_no_further()
        {
            var clock = new ManualClock();
            var slots = new AdaptiveConcurrency(4, clock.Now);
            slots.Refused();
            clock.Advance(TimeSpan.FromSeconds(2));
            slots.Refused();
            Assert.Equal(1, slots.Limit);

            for (var i = 0; i < 200; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                slots.Answered();
            }

            Assert.Equal(4, slots.Limit);
        }

        [Fact]
        public async Task A_cancelled_waiter_leaves_without_taking_a_slot()
        {
            var slots = new AdaptiveConcurrency(1);
            await slots.EnterAsync(CancellationToken.None);
            using var cancel = new CancellationTokenSource();

            var abandoned = slots.EnterAsync(cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<TaskCanceledException>(() => abandoned);

            slots.Exit();
            var next = slots.EnterAsync(CancellationToken.None);
            Assert.True(next.IsCompleted);
        }

        [Fact]
        public void A_burst_of_simultaneous_refusals_halves_the_limit_once()
        {
            var sent = DateTimeOffset.UtcNow;
            var slots = new AdaptiveConcurrency(8);

            var lowered = Enumerable.Range(0, 8).Select(_ => slots.Refused(sent)).Where(l => l.HasValue).ToList();

            Assert.Equal(new int?[] { 4 }, lowered);
            Assert.Equal(4, slots.Limit);
        }

        [Fact]
        public void A_refusal_of_a_request_sent_after_the_cut_halves_again()
        {
            var clock = new ManualClock();
            var slots = new AdaptiveConcurrency(8, clock.Now);
            var early = clock.Now();
            clock.Advance(TimeSpan.FromMilliseconds(50));

            Assert.Equal(4, slots.Refused(early));
            clock.Advance(TimeSpan.FromMilliseconds(50));
            Assert.Null(slots.Refused(early)); // sent at the old width
            var late = clock.Now();
            clock.Advance(TimeSpan.FromMilliseconds(50));
            Assert.Equal(2, slots.Refused(late));
        }

        [Theory]
        [InlineData(8)]
        [InlineData(40)]
        public void The_limit_recovers_from_one_to_the_ceiling_within_a_minute_of_answers(int ceiling)
        {
            var clock = new ManualClock();
            var slots = new AdaptiveConcurrency(ceiling, clock.Now);
            while (slots.Limit > 1)
            {
                slots.Refused(clock.Now());
                clock.Advance(TimeSpan.FromSeconds(2));
            }

            // Ten answers a second at whatever width is allowed, for one minute.
            for (var i = 0; i < 600; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                slots.Answered();
            }

            Assert.Equal(ceiling, slots.Limit);
        }

        [Fact]
        public void Without_answers_the_limit_does_not_grow()
        {
            var clock = new ManualClock();
            var slots = new AdaptiveConcurrency(8, clock.Now);
            slots.Refused(clock.Now());

            clock.Advance(TimeSpan.FromMinutes(10));

            Assert.Equal(4, slots.Limit);
        }

        private sealed class ManualClock
        {
            private DateTimeOffset _now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

            public DateTimeOffset Now() => _now;

            public void Advance(TimeSpan by) => _now += by;
        }
    }
}
