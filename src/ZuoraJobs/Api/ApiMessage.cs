namespace ZuoraJobs.Api
{
    public enum ApiMessageLevel
    {
        Verbose,
        Debug,
        Warning,
    }

    /// <summary>
    /// A diagnostic line from the API layer. It is produced on worker threads; the cmdlet queues it and writes it from
    /// the pipeline thread. Never contains a secret, token or Authorization header.
    /// </summary>
    public sealed class ApiMessage
    {
        public ApiMessage(ApiMessageLevel level, string text)
        {
            Level = level;
            Text = text;
        }

        public ApiMessageLevel Level { get; }
        public string Text { get; }

        public override string ToString() => Text;
    }
}
