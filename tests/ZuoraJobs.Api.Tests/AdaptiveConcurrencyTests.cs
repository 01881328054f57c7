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
            var slots = new AdaptiveConcurrency(8);

            Assert.Equal(4, slots.Refused());
            Assert.Equal(2, slots.Refused());
            Assert.Equal(1, slots.Refused());
            Assert.Null(slots.Refused());
            Assert.Equal(1, slots.Limit);
        }

        [Fact]
        public async Task A_lowered_limit_holds_back_requests_until_enough_leave()
        {
            var slots = new AdaptiveConcurrency(4);
            for (var i = 0; i < 4; i++)
            {
                await slots.EnterAsync(CancellationToken.None);
            }

            slots.Refused();
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
            var slots = new AdaptiveConcurrency(4);
            slots.Refused();
            slots.Refused();
            Assert.Equal(1, slots.Limit);

            for (var i = 0; i < 200; i++)
            {
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
    }
}
