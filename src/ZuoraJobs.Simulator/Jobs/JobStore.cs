using System.Collections.Concurrent;
using System.Collections.Generic;

namespace ZuoraJobs.Simulator;

/// <summary>Thread-safe job table; lookups are lock-free so polling never contends.</summary>
internal sealed class JobStore
{
    private readonly ConcurrentDictionary<string, SimJob> _jobs = new(System.StringComparer.OrdinalIgnoreCase);

    public int Count => _jobs.Count;

    public void Put(SimJob job) => _jobs[job.Id] = job;

    public SimJob? Find(string id) => _jobs.TryGetValue(id, out SimJob? job) ? job : null;

    public IEnumerable<SimJob> All => _jobs.Values;

    public void Clear() => _jobs.Clear();
}
