using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace ZuoraJobs
{
    /// <summary>
    /// Binds the module's own dependencies on .NET Framework, where nothing unifies versions for a module: System.Memory
    /// asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1 and System.Buffers 4.0.2.0 while the folder ships 6.0.0.0
    /// and 4.0.3.0. AssemblyResolve is process-wide, so the handler stays out of every other module's way: it answers
    /// only requests made by assemblies of this folder (or for Unsafe and Buffers, whose newer versions keep every older
    /// API), and only with a copy whose version is at least the one asked for, of the same major version.
    /// </summary>
    internal sealed class ModuleAssemblyResolver
    {
        // The two assemblies whose packages ship one file for every consumer: any newer copy serves an older request,
        // across major versions. Unsafe 6.0 holds all of 4.x; Buffers only ever gained members.
        private static readonly string[] UnifiedNames = { "System.Runtime.CompilerServices.Unsafe", "System.Buffers" };

        private static readonly object Gate = new object();
        private static Registration? _current;

        // Every runspace that imports the module runs OnImport, and Remove-Module in one of them runs OnRemove while the
        // others still use the module: the handler stays until the last import is removed.
        private static int _imports;

        private readonly string _moduleDirectory;

        internal ModuleAssemblyResolver(string moduleDirectory)
        {
            _moduleDirectory = Path.GetFullPath(moduleDirectory);
        }

        /// <summary>
        /// Attaches a resolver for <paramref name="moduleDirectory"/> to the current AppDomain when the runtime needs one
        /// (.NET Framework and Mono: .NET Core and .NET 5+ carry these assemblies in the box). Importing again replaces
        /// nothing: one handler per process, counted once per import. Returns whether a handler is attached after the call.
        /// </summary>
        public static bool Register(string moduleDirectory, string frameworkDescription) =>
            Register(moduleDirectory, frameworkDescription, h => AppDomain.CurrentDomain.AssemblyResolve += h, h => AppDomain.CurrentDomain.AssemblyResolve -= h);

        internal static bool Register(string moduleDirectory, string frameworkDescription, Action<ResolveEventHandler> attach, Action<ResolveEventHandler> detach)
        {
            if (!NeedsResolver(frameworkDescription))
            {
                return false;
            }

            lock (Gate)
            {
                if (_current == null)
                {
                    ResolveEventHandler handler = new ModuleAssemblyResolver(moduleDirectory).Resolve;
                    attach(handler);
                    _current = new Registration(handler, detach);
                }

                _imports++;
                return true;
            }
        }

        /// <summary>
        /// Counts one import removed (Remove-Module) and detaches the handler when no import is left; a later import
        /// attaches it again. Returns whether this call detached it.
        /// </summary>
        public static bool Unregister()
        {
            lock (Gate)
            {
                if (_current == null)
                {
                    return false;
                }

                if (--_imports > 0)
                {
                    return false;
                }

                _imports = 0;
                _current.Detach(_current.Handler);
                _current = null;
                return true;
            }
        }

        /// <summary>True on .NET Framework and Mono, whose binders need help; false on .NET Core and .NET 5+.</summary>
        internal static bool NeedsResolver(string frameworkDescription) =>
            frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)
            || frameworkDescription.StartsWith("Mono ", StringComparison.OrdinalIgnoreCase);

        internal static bool IsUnified(string? name)
        {
            foreach (var unified in UnifiedNames)
            {
                if (string.Equals(unified, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="candidate"/> may serve <paramref name="requested"/>: same name and public key, a
        /// version at least the requested one and, except for Unsafe and Buffers, of the same major version.
        /// </summary>
        internal static bool CanServe(AssemblyName candidate, AssemblyName requested)
        {
            if (!string.Equals(candidate.Name, requested.Name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var wantedKey = requested.GetPublicKeyToken();
            if (wantedKey != null && wantedKey.Length > 0 && !SameBytes(wantedKey, candidate.GetPublicKeyToken()))
            {
                return false;
            }

            if (requested.Version == null)
            {
                return true;
            }

            if (candidate.Version == null || candidate.Version < requested.Version)
            {
                return false;
            }

            return candidate.Version.Major == requested.Version.Major || IsUnified(requested.Name);
        }

        /// <summary>
        /// The decision, free of the AppDomain: which copy answers <paramref name="requested"/>, asked for by the assembly
        /// at <paramref name="requesterPath"/> (null when the runtime does not say), given the copies already loaded and
        /// the identity of the file this folder ships under that name (null when it ships none).
        /// </summary>
        internal Resolution Decide(AssemblyName requested, string? requesterPath, IReadOnlyList<AssemblyName> loaded, AssemblyName? shipped)
        {
            if (shipped == null || !(IsUnified(requested.Name) || IsInModuleDirectory(requesterPath)))
            {
                return Resolution.Decline;
            }

            // A loaded copy that fits keeps one set of types in the session; among several, the newest.
            AssemblyName? best = null;
            foreach (var copy in loaded)
            {
                if (CanServe(copy, requested) && (best == null || copy.Version > best.Version))
                {
                    best = copy;
                }
            }

            if (best != null)
            {
                return Resolution.UseLoaded(best);
            }

            return CanServe(shipped, requested) ? Resolution.LoadShipped(ShippedPath(requested.Name!)) : Resolution.Decline;
        }

        internal string ShippedPath(string name) => Path.Combine(_moduleDirectory, name + ".dll");

        internal bool IsInModuleDirectory(string? path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return false;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(path!));
            return string.Equals(
                directory?.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
                _moduleDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
                StringComparison.OrdinalIgnoreCase);
        }

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(args.Name);
            }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException)
            {
                return null;
            }

            if (string.IsNullOrEmpty(requested.Name))
            {
                return null;
            }

            var shippedPath = ShippedPath(requested.Name!);
            var shipped = File.Exists(shippedPath) ? ReadIdentity(shippedPath) : null;
            var requester = args.RequestingAssembly;
            var requesterPath = requester == null || requester.IsDynamic ? null : requester.Location;

            var assemblies = AppDomain.CurrentDomain.GetAssemblies();
            var names = new List<AssemblyName>(assemblies.Length);
            var byName = new Dictionary<AssemblyName, Assembly>();
            foreach (var assembly in assemblies)
            {
                var name = assembly.GetName();
                if (string.Equals(name.Name, requested.Name, StringComparison.OrdinalIgnoreCase))
                {
                    names.Add(name);
                    byName[name] = assembly;
                }
            }

            var resolution = Decide(requested, requesterPath, names, shipped);
            if (resolution.Loaded != null)
            {
                return byName[resolution.Loaded];
            }

            return resolution.Path != null ? Assembly.LoadFrom(resolution.Path) : null;
        }

        private static AssemblyName? ReadIdentity(string path)
        {
            try
            {
                return AssemblyName.GetAssemblyName(path);
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static bool SameBytes(byte[] a, byte[]? b)
        {
            if (b == null || a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>What answers a request: nothing, a copy already loaded, or the file the folder ships.</summary>
        internal sealed class Resolution
        {
            public static readonly Resolution Decline = new Resolution(null, null);

            private Resolution(AssemblyName? loaded, string? path)
            {
                Loaded = loaded;
                Path = path;
            }

            public AssemblyName? Loaded { get; }

            public string? Path { get; }

            public static Resolution UseLoaded(AssemblyName name) => new Resolution(name, null);

            public static Resolution LoadShipped(string path) => new Resolution(null, path);
        }

        private sealed class Registration
        {
            public Registration(ResolveEventHandler handler, Action<ResolveEventHandler> detach)
            {
                Handler = handler;
                Detach = detach;
            }

            public ResolveEventHandler Handler { get; }

            public Action<ResolveEventHandler> Detach { get; }
        }
    }
}
