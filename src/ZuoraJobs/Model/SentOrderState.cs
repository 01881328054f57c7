namespace ZuoraJobs
{
    /// <summary>Where an order a connection sent stands, as far as the module knows.</summary>
    public enum SentOrderState
    {
        /// <summary>A request is on its way or being retried.</summary>
        Sending,

        /// <summary>Zuora accepted it: <see cref="SentOrder.JobId"/> is its job.</summary>
        Accepted,

        /// <summary>Zuora answered that it did not take it; nothing was created.</summary>
        Refused,

        /// <summary>It was sent but no answer came back that says what happened: the order may exist.</summary>
        Unknown,

        /// <summary>The command ended before the request left; nothing was created.</summary>
        NotSent,
    }
}
