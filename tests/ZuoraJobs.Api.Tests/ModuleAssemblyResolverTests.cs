using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>
    /// The rules of the Windows PowerShell resolver: it serves the module's own assemblies, and Unsafe and Buffers for
    /// anyone, with a copy of at least the requested version and (but for those two) the same major version.
    /// </summary>
    public class ModuleAssemblyResolverTests
    {
        private const string MicrosoftKey = ", Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";
        private const string FrameworkKey = ", Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a";

        private static readonly string ModuleDirectory = Path.Combine(Path.GetTempPath(), "Modules", "ZuoraJobs", "0.1.0");
        private static readonly string OwnAssembly = Path.Combine(ModuleDirectory, "System.Memory.dll");
        private static readonly string NeighbourAssembly = Path.Combine(Path.GetTempPath(), "Modules", "Az.Accounts", "System.Text.Json.dll");

        private static readonly ModuleAssemblyResolver Resolver = new ModuleAssemblyResolver(ModuleDirectory);

        private static AssemblyName Unsafe(string version) => new AssemblyName("System.Runtime.CompilerServices.Unsafe, Version=" + version + FrameworkKey);

        private static AssemblyName Buffers(string version) => new AssemblyName("System.Buffers, Version=" + version + MicrosoftKey);

        private static AssemblyName EncodingsWeb(string version) => new AssemblyName("System.Text.Encodings.Web, Version=" + version + MicrosoftKey);

        private static AssemblyName Json(string version) => new AssemblyName("System.Text.Json, Version=" + version + MicrosoftKey);

        private static ModuleAssemblyResolver.Resolution Decide(AssemblyName requested, string? requester, AssemblyName? shipped, params AssemblyName[] loaded) =>
            Resolver.Decide(requested, requester, loaded, shipped);

        [Fact]
        public void System_Memory_asking_for_Unsafe_4_gets_the_shipped_6()
        {
            var resolution = Decide(Unsafe("4.0.4.1"), OwnAssembly, Unsafe("6.0.0.0"));

            Assert.Equal(Path.Combine(ModuleDirectory, "System.Runtime.CompilerServices.Unsafe.dll"), resolution.Path);
        }

        [Fact]
        public void Buffers_4_0_2_is_served_by_the_shipped_4_0_3()
        {
            Assert.NotNull(Decide(Buffers("4.0.2.0"), OwnAssembly, Buffers("4.0.3.0")).Path);
        }

        [Fact]
        public void Unsafe_and_Buffers_are_served_to_any_requester_because_newer_copies_keep_every_older_member()
        {
            Assert.NotNull(Decide(Unsafe("4.0.4.1"), NeighbourAssembly, Unsafe("6.0.0.0")).Path);
            Assert.NotNull(Decide(Buffers("4.0.2.0"), null, Buffers("4.0.3.0")).Path);
        }

        [Fact]
        public void Another_modules_request_is_never_answered_even_when_the_folder_has_a_file_of_that_name()
        {
            // Az's System.Text.Json 4.x asking for Encodings.Web 4.0.5.0 must not get this module's 8.0.
            Assert.Same(ModuleAssemblyResolver.Resolution.Decline, Decide(EncodingsWeb("4.0.5.0"), NeighbourAssembly, EncodingsWeb("8.0.0.0")));
            Assert.Same(ModuleAssemblyResolver.Resolution.Decline, Decide(EncodingsWeb("8.0.0.0"), NeighbourAssembly, EncodingsWeb("8.0.0.1")));
        }

        [Fact]
        public void A_request_whose_requester_is_unknown_is_declined_unless_it_is_Unsafe_or_Buffers()
        {
            Assert.Same(ModuleAssemblyResolver.Resolution.Decline, Decide(EncodingsWeb("8.0.0.0"), null, EncodingsWeb("8.0.0.1")));
        }

        [Fact]
        public void A_shipped_file_older_than_the_request_is_never_returned()
        {
            Assert.Same(ModuleAssemblyResolver.Resolution.Decline, Decide(Json("9.0.0.0"), OwnAssembly, Json("8.0.0.0")));
            Assert.Same(ModuleAssemblyResolver.Resolution.Decline, Decide(Unsafe("6.0.0.0"), OwnAssembly, Unsafe("4.0.4.1")));
        }

        [Fact]
        public void A_shipped_file_of_another_major_version_is_never_returned_for_the_module_own_request()
        {
            Assert.Same(ModuleAssemblyResolver.Resolution.Decline, Decide(EncodingsWeb("6.0.0.0"), OwnAssembly, EncodingsWeb("8.0.0.0")));
        }

        [Fact]
        public void A_file_with_another_public_key_is_not_the_requested_assembly()
        {
            var impostor = new AssemblyName("System.Text.Json, Version=8.0.0.1, Culture=neutral, PublicKeyToken=0123456789abcdef");

            Assert.Same(ModuleAssemblyResolver.Resolution.Decline, Decide(Json("8.0.0.0"), OwnAssembly, impostor));
        }

        [Fact]
        public void Nothing_is_answered_for_a_name_the_folder_does_not_ship()
        {
            Assert.Same(ModuleAssemblyResolver.Resolution.Decline, Decide(Json("8.0.0.0"), OwnAssembly, null, Json("8.0.0.1")));
        }

        [Fact]
        public void A_loaded_copy_is_reused_only_when_it_fits_by_the_same_rule()
        {
            var older = EncodingsWeb("6.0.0.0");
            var newerMajor = EncodingsWeb("9.0.0.0");
            Assert.NotNull(Decide(EncodingsWeb("8.0.0.0"), OwnAssembly, EncodingsWeb("8.0.0.1"), older, newerMajor).Path);

            var fits = EncodingsWeb("8.0.0.5");
            Assert.Same(fits, Decide(EncodingsWeb("8.0.0.0"), OwnAssembly, EncodingsWeb("8.0.0.1"), older, fits, newerMajor).Loaded);
        }

        [Fact]
        public void The_newest_loaded_Unsafe_is_reused_across_major_versions_and_an_older_one_never()
        {
            var old = Unsafe("4.0.4.1");
            var newer = Unsafe("6.0.1.0");

            Assert.Same(newer, Decide(Unsafe("4.0.4.1"), OwnAssembly, Unsafe("6.0.0.0"), old, newer).Loaded);
            Assert.Equal(Path.Combine(ModuleDirectory, "System.Runtime.CompilerServices.Unsafe.dll"), Decide(Unsafe("6.0.0.0"), OwnAssembly, Unsafe("6.0.0.0"), old).Path);
        }

        [Fact]
        public void The_requester_must_sit_in_the_module_folder_itself_not_beside_or_below_it()
        {
            Assert.True(Resolver.IsInModuleDirectory(Path.Combine(ModuleDirectory, "ZuoraJobs.dll")));
            Assert.False(Resolver.IsInModuleDirectory(Path.Combine(ModuleDirectory, "sub", "ZuoraJobs.dll")));
            Assert.False(Resolver.IsInModuleDirectory(Path.Combine(ModuleDirectory + "-other", "ZuoraJobs.dll")));
            Assert.False(Resolver.IsInModuleDirectory(null));
        }

        [Theory]
        [InlineData(".NET Framework 4.8.4250.0", true)]
        [InlineData("Mono 6.8.0.105 (Debian 6.8.0.105+dfsg-3.3+deb12u1 Sat Jun 21 16:33:59 UTC 2025)", true)]
        [InlineData(".NET 8.0.11", false)]
        [InlineData(".NET Core 3.1.32", false)]
        public void Only_NET_Framework_and_Mono_get_a_resolver(string framework, bool expected)
        {
            Assert.Equal(expected, ModuleAssemblyResolver.NeedsResolver(framework));
        }
    }

    /// <summary>
    /// Attaching and detaching the handler: one per process, none on PowerShell 7, removed when Remove-Module has
    /// removed the last import (each runspace that imports the module counts once).
    /// </summary>
    public sealed class ModuleAssemblyResolverRegistrationTests : IDisposable
    {
        private readonly List<ResolveEventHandler> _attached = new List<ResolveEventHandler>();

        public void Dispose()
        {
            while (_attached.Count > 0)
            {
                ModuleAssemblyResolver.Unregister();
            }
        }

        private bool Register(string framework) =>
            ModuleAssemblyResolver.Register(Path.GetTempPath(), framework, h => _attached.Add(h), h => Assert.True(_attached.Remove(h)));

        [Fact]
        public void Importing_twice_attaches_one_handler_and_removing_both_imports_detaches_it()
        {
            Assert.True(Register(".NET Framework 4.8.4250.0"));
            Assert.True(Register(".NET Framework 4.8.4250.0"));
            Assert.Single(_attached);

            Assert.False(ModuleAssemblyResolver.Unregister());
            Assert.Single(_attached);
            Assert.True(ModuleAssemblyResolver.Unregister());
            Assert.Empty(_attached);
            Assert.False(ModuleAssemblyResolver.Unregister());
        }

        [Fact]
        public void Removing_the_module_in_one_runspace_keeps_the_handler_for_another_that_still_has_it()
        {
            // Runspace A imports, runspace B imports, A removes the module: B's later loads still need the handler.
            Register(".NET Framework 4.8.4250.0");
            Register(".NET Framework 4.8.4250.0");
            ModuleAssemblyResolver.Unregister();

            Assert.Single(_attached);
        }

        [Fact]
        public void A_new_import_after_removal_attaches_again()
        {
            Register(".NET Framework 4.8.4250.0");
            ModuleAssemblyResolver.Unregister();

            Assert.True(Register(".NET Framework 4.8.4250.0"));
            Assert.Single(_attached);
        }

        [Fact]
        public void PowerShell_7_attaches_nothing()
        {
            Assert.False(Register(".NET 8.0.11"));
            Assert.Empty(_attached);
        }
    }
}
