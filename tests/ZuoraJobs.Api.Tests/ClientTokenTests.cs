using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class ClientTokenTests
    {
        [Fact]
        public async Task Token_is_fetched_once_and_reused()
        {
            using var f = new ClientFixture();
            for (var i = 0; i < 3; i++)
            {
                var job = await f.Get();
                Assert.Equal("Completed", job.Status);
            }

            Assert.Equal(1, f.Fake.TokenPosts);
            Assert.Equal(3, f.Fake.JobGets);
            Assert.All(f.Fake.GetRequests, r => Assert.Equal("Bearer " + FakeZuora.Token(1), r.Headers["Authorization"]));
            Assert.NotNull(f.Client.TokenExpiresAt);
        }

        [Fact]
        public async Task Token_request_is_a_client_credentials_form_without_authorization()
        {
            using var f = new ClientFixture();
            await f.Client.AuthenticateAsync(f.Context, default);
            var post = Assert.Single(f.Fake.Requests);
            Assert.Equal("POST", post.Method);
            Assert.Equal("/oauth/token", post.Path);
            Assert.False(post.Headers.ContainsKey("Authorization"));
            Assert.Equal("application/x-www-form-urlencoded", post.Headers["Content-Type"]);
            var form = post.Body!.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => WebUtility.UrlDecode(p[1]));
            Assert.Equal(FakeZuora.ClientId, form["client_id"]);
            Assert.Equal(FakeZuora.Secret, form["client_secret"]);
            Assert.Equal("client_credentials", form["grant_type"]);
            Assert.Equal("track-7", post.Headers["Zuora-Track-Id"]);
        }

        [Fact]
        public async Task Token_is_renewed_near_expiry()
        {
            using var f = new ClientFixture();
            await f.Get();
            var firstExpiry = f.Client.TokenExpiresAt!.Value;
            f.Offset = TimeSpan.FromMinutes(54); // 3599 s token, 5 min margin: not yet
            await f.Get();
            Assert.Equal(1, f.Fake.TokenPosts);
            f.Offset = TimeSpan.FromMinutes(55.5);
            await f.Get();
            Assert.Equal(2, f.Fake.TokenPosts);
            Assert.Equal("Bearer " + FakeZuora.Token(2), f.Fake.GetRequests.Last().Headers["Authorization"]);
            Assert.True(f.Client.TokenExpiresAt > firstExpiry);
        }

        [Fact]
        public async Task Short_lived_token_is_renewed_at_half_its_lifetime()
        {
            using var f = new ClientFixture();
            f.Fake.TokenExpiresIn = 60;
            await f.Get();
            f.Offset = TimeSpan.FromSeconds(25);
            await f.Get();
            Assert.Equal(1, f.Fake.TokenPosts);
            f.Offset = TimeSpan.FromSeconds(31);
            await f.Get();
            Assert.Equal(2, f.Fake.TokenPosts);
        }

        [Fact]
        public async Task A_401_renews_the_token_once_and_retries()
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");
            var job = await f.Get();
            Assert.Equal("Completed", job.Status);
            Assert.Equal(2, f.Fake.TokenPosts);
            Assert.Equal("Bearer " + FakeZuora.Token(2), f.Fake.GetRequests.Last().Headers["Authorization"]);
        }

        [Fact]
        public async Task A_401_after_renewal_is_AuthenticationFailed()
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");
            f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""", ("Zuora-Request-Id", "req-401"));
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.AuthenticationFailed, error.Kind);
            Assert.Equal(401, error.HttpStatus);
            Assert.Equal("req-401", error.RequestId);
            Assert.Equal(2, f.Fake.TokenPosts);
            Assert.Equal(2, f.Fake.JobGets);
            Assert.Contains("Authentication error", error.Message);
        }

        [Fact]
        public async Task Concurrent_callers_share_one_token_request()
        {
            using var f = new ClientFixture(o => o.MaxConcurrency = 20);
            var release = new TaskCompletionSource();
            f.Fake.TokenGate = release.Task;
            var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(() => f.Get())).ToArray();
            await WaitUntil(() => f.Fake.TokenPosts >= 1);
            await Task.Delay(50); // lets the other callers reach the token cache; the assertion does not depend on it
            release.SetResult();
            await Task.WhenAll(calls);
            Assert.Equal(1, f.Fake.TokenPosts);
            Assert.Equal(20, f.Fake.JobGets);
        }

        [Fact]
        public async Task Concurrent_401s_share_one_renewal()
        {
            using var f = new ClientFixture(o => o.MaxConcurrency = 20);
            await f.Client.AuthenticateAsync(f.Context, default);
            f.Fake.DefaultGet = (request, _) => Task.FromResult(
                request.Headers.Authorization!.Parameter == FakeZuora.Token(1)
                    ? FakeZuora.Json(HttpStatusCode.Unauthorized, """{"message":"expired"}""")
                    : FakeZuora.Json(HttpStatusCode.OK, FakeZuora.CompletedJob));
            var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(() => f.Get())).ToArray();
            await Task.WhenAll(calls);
            Assert.Equal(2, f.Fake.TokenPosts);
        }

        [Fact]
        public async Task Rejected_credentials_are_AuthenticationFailed_with_Zuoras_message()
        {
            using var f = new ClientFixture();
            f.Fake.Tokens.Enqueue((_, _) => Task.FromResult(FakeZuora.Json(HttpStatusCode.Unauthorized,
                """{"success":false,"reasons":[{"code":90000011,"message":"this resource is protected, please sign in first"}]}""", ("Zuora-Request-Id", "req-tok"))));
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Client.AuthenticateAsync(f.Context, default));
            Assert.Equal(ZuoraErrorKind.AuthenticationFailed, error.Kind);
            Assert.Equal("90000011", error.ReasonCodes);
            Assert.Equal("req-tok", error.RequestId);
            Assert.Contains("please sign in first", error.Message);
            Assert.Equal(1, f.Fake.TokenPosts);
        }

        [Fact]
        public async Task Token_endpoint_429_is_retried()
        {
            using var f = new ClientFixture();
            f.Fake.Tokens.Enqueue((_, _) => Task.FromResult(FakeZuora.Json((HttpStatusCode)429, "{}", ("Retry-After", "0"))));
            await f.Client.AuthenticateAsync(f.Context, default);
            Assert.Equal(2, f.Fake.TokenPosts);
            Assert.Single(f.Retries, r => r.StartsWith("Retrying POST /oauth/token", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Supplied_token_is_sent_and_never_renewed()
        {
            using var f = new ClientFixture(o => o.AccessToken = FakeZuora.Secure("supplied-tkn-123"), clientCredentials: false);
            await f.Client.AuthenticateAsync(f.Context, default);
            await f.Get();
            Assert.Equal("Bearer supplied-tkn-123", f.Fake.GetRequests.Single().Headers["Authorization"]);
            f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.AuthenticationFailed, error.Kind);
            Assert.Contains("supplied access token", error.Message);
            Assert.Contains("Connect-Zuora", error.Message);
            Assert.DoesNotContain("supplied-tkn-123", error.ToString());
            Assert.Equal(0, f.Fake.TokenPosts);
            Assert.Null(f.Client.TokenExpiresAt);
        }

        [Fact]
        public async Task No_credentials_fail_without_sending()
        {
            using var f = new ClientFixture(clientCredentials: false);
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.AuthenticationFailed, error.Kind);
            Assert.Empty(f.Fake.Requests);
        }

        internal static async Task WaitUntil(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "condition not reached");
                await Task.Delay(5);
            }
        }
    }
}
