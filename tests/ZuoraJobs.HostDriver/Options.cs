using System;
using System.Collections.Generic;

namespace ZuoraJobs.HostDriver
{
    internal sealed class Options
    {
        public const string Usage =
            "usage: ZuoraJobs.HostDriver --module DIR --base-uri URI --unreachable-uri URI --client-id ID --client-secret SECRET " +
            "--job ID --missing-job ID [--no-resolver] [--neighbours DIR]";

        public string ModuleDirectory { get; private set; } = string.Empty;
        public Uri BaseUri { get; private set; } = null!;
        public Uri UnreachableUri { get; private set; } = null!;
        public string ClientId { get; private set; } = string.Empty;
        public string ClientSecret { get; private set; } = string.Empty;
        public string JobId { get; private set; } = string.Empty;
        public string MissingJobId { get; private set; } = string.Empty;
        public bool Resolver { get; private set; } = true;
        public string? Neighbours { get; private set; }

        public static Options Parse(IReadOnlyList<string> args)
        {
            var options = new Options();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Count; i++)
            {
                var name = args[i];
                seen.Add(name);
                if (name == "--no-resolver")
                {
                    options.Resolver = false;
                    continue;
                }

                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException(name + " needs a value.");
                }

                var value = args[++i];
                switch (name)
                {
                    case "--module": options.ModuleDirectory = value; break;
                    case "--base-uri": options.BaseUri = new Uri(value); break;
                    case "--unreachable-uri": options.UnreachableUri = new Uri(value); break;
                    case "--client-id": options.ClientId = value; break;
                    case "--client-secret": options.ClientSecret = value; break;
                    case "--job": options.JobId = value; break;
                    case "--missing-job": options.MissingJobId = value; break;
                    case "--neighbours": options.Neighbours = value; break;
                    default: throw new ArgumentException("Unknown option " + name + ".");
                }
            }

            foreach (var required in new[] { "--module", "--base-uri", "--unreachable-uri", "--client-id", "--client-secret", "--job", "--missing-job" })
            {
                if (!seen.Contains(required))
                {
                    throw new ArgumentException("Missing " + required + ".");
                }
            }

            return options;
        }
    }
}
