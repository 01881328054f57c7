using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ZuoraJobs.Compatibility.Tests
{
    /// <summary>
    /// Walks the references of the module folder from ZuoraJobs.dll, as one host would bind them, using only metadata
    /// (nothing is loaded). Each reference is satisfied by the host's in-box copy, by a shipped file the host's binder
    /// or the module's resolver accepts, or by PowerShell itself; anything else is a problem.
    /// </summary>
    internal sealed class ReferenceClosure
    {
        /// <summary>Supplied by PowerShell (5.1 and 7.x both carry System.Management.Automation 3.0.0.0).</summary>
        private static readonly AssemblyName PowerShell = new AssemblyName("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35");

        private readonly Dictionary<string, AssemblyName> _inBox;
        private readonly Dictionary<string, (AssemblyName Name, string Path)> _shipped;
        private readonly HostBinding _binding;

        public ReferenceClosure(string moduleFolder, IEnumerable<string> inBoxFiles, HostBinding binding)
        {
            _binding = binding;
            _shipped = Directory.GetFiles(moduleFolder, "*.dll")
                .Select(p => (Name: Identity(p), Path: p))
                .Where(s => s.Name != null)
                .ToDictionary(s => s.Name!.Name!, s => (s.Name!, s.Path), StringComparer.OrdinalIgnoreCase);
            _inBox = new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in inBoxFiles.Select(Identity).Where(n => n != null))
            {
                if (!_inBox.TryGetValue(name!.Name!, out var known) || known.Version < name.Version)
                {
                    _inBox[name.Name!] = name;
                }
            }
        }

        /// <summary>How a host binds a strong-named reference.</summary>
        public enum HostBinding
        {
            /// <summary>.NET Framework: in-box copies serve equal or older requests; a shipped file binds on an exact
            /// version, any other version only through the module's resolver.</summary>
            NetFramework,

            /// <summary>.NET Core: an in-box copy serves every older request and cannot be replaced by a newer file;
            /// a shipped file serves equal or older requests.</summary>
            NetCore,
        }

        public IReadOnlyCollection<string> InBoxNames => _inBox.Keys;

        /// <summary>Shipped files the walk reached, and one line per reference that nothing satisfies.</summary>
        public (IReadOnlyList<string> Reached, IReadOnlyList<string> Problems) Walk(string rootAssembly = "ZuoraJobs")
        {
            var problems = new List<string>();
            var reached = new List<string> { rootAssembly };
            var queue = new Queue<string>(reached);
            while (queue.Count > 0)
            {
                var from = queue.Dequeue();
                foreach (var reference in References(_shipped[from].Path))
                {
                    var source = Bind(from, reference, out var problem);
                    if (problem != null)
                    {
                        problems.Add(problem);
                    }
                    else if (source == Source.Shipped && !reached.Contains(reference.Name!, StringComparer.OrdinalIgnoreCase))
                    {
                        reached.Add(reference.Name!);
                        queue.Enqueue(reference.Name!);
                    }
                }
            }

            return (reached, problems);
        }

        private enum Source
        {
            InBox,
            Shipped,
            Host,
        }

        private Source? Bind(string from, AssemblyName reference, out string? problem)
        {
            problem = null;
            var name = reference.Name!;
            var wanted = $"{from} references {name} {reference.Version}";
            _inBox.TryGetValue(name, out var inBox);
            var hasShipped = _shipped.TryGetValue(name, out var shipped);

            if (inBox != null && inBox.Version >= reference.Version)
            {
                return Source.InBox;
            }

            if (inBox != null && _binding == HostBinding.NetCore)
            {
                problem = $"{wanted}, newer than the runtime's in-box {inBox.Version}, which no file can replace";
                return null;
            }

            if (hasShipped)
            {
                var accepted = _binding == HostBinding.NetFramework
                    ? shipped.Name.Version == reference.Version || ModuleAssemblyResolver.CanServe(shipped.Name, reference)
                    : shipped.Name.Version >= reference.Version && SameKey(shipped.Name, reference);
                if (accepted)
                {
                    return Source.Shipped;
                }

                problem = $"{wanted}; the folder ships {shipped.Name.Version}, which {(_binding == HostBinding.NetFramework ? "neither the binder nor the module's resolver accepts" : "is older")}";
                return null;
            }

            if (string.Equals(name, PowerShell.Name, StringComparison.OrdinalIgnoreCase) && PowerShell.Version >= reference.Version)
            {
                return Source.Host;
            }

            problem = $"{wanted}, which is neither in the box{(inBox == null ? string.Empty : $" (only {inBox.Version})")} nor shipped";
            return null;
        }

        private static bool SameKey(AssemblyName a, AssemblyName b) =>
            (a.GetPublicKeyToken() ?? Array.Empty<byte>()).SequenceEqual(b.GetPublicKeyToken() ?? Array.Empty<byte>());

        public static AssemblyName? Identity(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return null;
            }

            var reader = pe.GetMetadataReader();
            return reader.IsAssembly ? reader.GetAssemblyDefinition().GetAssemblyName() : null;
        }

        public static IReadOnlyList<AssemblyName> References(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToList();
        }
    }
}
