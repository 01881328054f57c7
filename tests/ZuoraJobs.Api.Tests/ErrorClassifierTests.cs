using System;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class ErrorClassifierTests
    {
        [Theory]
        [InlineData(429, null, ZuoraErrorKind.RateLimited, true, true)]
        [InlineData(200, "50000070", ZuoraErrorKind.RateLimited, true, true)]
        [InlineData(400, "50000050", ZuoraErrorKind.ServiceError, true, false)]
        [InlineData(200, "50000061", ZuoraErrorKind.ServiceError, true, false)]
        [InlineData(502, null, ZuoraErrorKind.ServiceError, true, false)]
        [InlineData(503, null, ZuoraErrorKind.ServiceError, true, false)]
        [InlineData(504, null, ZuoraErrorKind.ServiceError, true, false)]
        [InlineData(500, null, ZuoraErrorKind.ServiceError, false, false)]
        [InlineData(200, "50000060", ZuoraErrorKind.ServiceError, false, false)]
        [InlineData(401, null, ZuoraErrorKind.AuthenticationFailed, false, false)]
        [InlineData(200, "90000011", ZuoraErrorKind.AuthenticationFailed, false, false)]
        [InlineData(403, null, ZuoraErrorKind.AccessDenied, false, false)]
        [InlineData(400, "50000010", ZuoraErrorKind.AccessDenied, false, false)]
        [InlineData(404, null, ZuoraErrorKind.NotFound, false, false)]
        [InlineData(200, "50000040", ZuoraErrorKind.NotFound, false, false)]
        [InlineData(400, null, ZuoraErrorKind.InvalidRequest, false, false)]
        [InlineData(200, "53100320", ZuoraErrorKind.InvalidRequest, false, false)]
        [InlineData(200, null, ZuoraErrorKind.ServiceError, false, false)]
        [InlineData(200, "50000099", ZuoraErrorKind.ServiceError, false, false)]
        public void Classifies(int status, string? code, ZuoraErrorKind kind, bool retryable, bool throttle)
        {
            var reasons = code == null ? Array.Empty<ZuoraReason>() : new[] { new ZuoraReason(code, "m") };
            var result = ErrorClassifier.Classify(status, reasons);
            Assert.Equal(kind, result.Kind);
            Assert.Equal(retryable, result.Retryable);
            Assert.Equal(throttle, result.Throttle);
        }
    }
}
