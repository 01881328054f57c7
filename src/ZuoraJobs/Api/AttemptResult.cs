namespace ZuoraJobs.Api
{
    /// <summary>The outcome of one attempt inside the retry loop.</summary>
    internal readonly struct AttemptResult<T>
        where T : class
    {
        private AttemptResult(T? value, AttemptFailure? failure, bool repeatNow)
        {
            Value = value;
            Failure = failure;
            RepeatNow = repeatNow;
        }

        public T? Value { get; }
        public AttemptFailure? Failure { get; }

        /// <summary>Try again at once without spending a retry (the token was renewed after a 401).</summary>
        public bool RepeatNow { get; }

        public static AttemptResult<T> Success(T value) => new AttemptResult<T>(value, null, false);
        public static AttemptResult<T> Fail(AttemptFailure failure) => new AttemptResult<T>(null, failure, false);
        public static AttemptResult<T> Repeat() => new AttemptResult<T>(null, null, true);
    }
}
