using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>32 requests in flight when the token runs out share exactly one token request.</summary>
    public class TokenRenewalConcurrencyTests
    {
        private const int InFlight = 32;

        [Theory]
        [InlineData(56)] // inside the renewal window: the token is still valid
        [InlineData(61)] // past expiry
        public async Task Callers_arriving_together_at_renewal_time_make_one_token_request(int minutesLater)
        {
            using var f = new ClientFixture(o => o.MaxConcurrency = InFlight);
            await f.Client.AuthenticateAsync(f.Context, default);
            f.Offset = TimeSpan.FromMinutes(minutesLater);
            var release = new TaskCompletionSource();
            f.Fake.TokenGate = release.Task;

            var calls = Enumerable.Range(0, InFlight).Select(_ => Task.Run(() => f.Get())).ToArray();
            await WaitUntil(() => f.Fake.TokenPosts >= 2);
            release.SetResult();
            var jobs = await Task.WhenAll(calls);

            Assert.All(jobs, j => Assert.Equal("Completed", j.Status));
            Assert.Equal(2, f.Fake.TokenPosts);
            Assert.All(f.Fake.GetRequests, r => Assert.Equal("Bearer " + FakeZuora.Token(2), r.Headers["Authorization"]));
        }

        [Fact]
        public async Task Thirty_two_requests_refused_together_for_an_expired_token_make_one_token_request()
        {
            using var f = new ClientFixture(o => o.MaxConcurrency = InFlight);
            await f.Client.AuthenticateAsync(f.Context, default);

            // Every request with the first token is held until all 32 are in flight, then refused as Zuora refuses an
            // expired token; requests with a newer token succeed.
            var arrived = 0;
            var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            f.Fake.DefaultGet = async (request, _) =>
            {
                if (request.Headers.Authorization!.Parameter != FakeZuora.Token(1))
                {
                    return FakeZuora.Json(HttpStatusCode.OK, FakeZuora.CompletedJob);
                }

                if (Interlocked.Increment(ref arrived) == InFlight)
                {
                    allIn.SetResult();
                }

                await allIn.Task;
                return FakeZuora.Json(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");
            };

            var jobs = await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(() => f.Get())));

            Assert.All(jobs, j => Assert.Equal("Completed", j.Status));
            Assert.Equal(InFlight, arrived);
            Assert.Equal(2, f.Fake.TokenPosts);
        }

        private static async Task WaitUntil(Func<bool> condition)
        {
            var until = DateTime.UtcNow.AddSeconds(10);
            while (!condition() && DateTime.UtcNow < until)
            {
                await Task.Delay(5);
            }

            // Give late callers the chance to reach the cache; the assertion holds however many do.
            await Task.Delay(50);
        }
    }
}
