using System;
using System.IO;
using System.Linq;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>
    /// What a runbook hands Start-ZuoraOrder beyond the tidy case: hashtables whose order changes between processes,
    /// numbers of every kind, inputs that cannot be read, file names with wildcard characters. Each odd input is one
    /// error in its place; nothing ends the command.
    /// </summary>
    public class OrderInputTests : ModuleTestBase, IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("zuorajobs-orders-").FullName;

        public OrderInputTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string Sent(string jobId) => Simulator.State.GetJob(jobId)!.OrderRequest!;

        private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);

        private string WriteOrder(string name, string orderNumber)
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllText(path, $$"""{"orderDate":"2026-12-04","orderNumber":"{{orderNumber}}"}""");
            return path;
        }

        [Fact]
        public void Hashtables_are_written_in_ordinal_key_order_at_every_depth_and_ordered_input_keeps_its_order()
        {
            using var session = Connected();
            var n = Unique("BYTES");
            var result = session.Run("""
                $n = $args[0]
                $caseSensitive = [hashtable]::new([StringComparer]::Ordinal); $caseSensitive.b = 2; $caseSensitive.B = 1; $caseSensitive.a = @(@{ y = 1; x = 2 })
                @{ orderNumber = "$n-H"; orderDate = '2026-12-04'; Zeta = 1; alpha = $caseSensitive },
                [ordered]@{ orderNumber = "$n-O"; orderDate = '2026-12-04'; zeta = @{ b = 1; a = 2 } } | Start-ZuoraOrder
                """, n);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var ids = Strings(result, "JobId");
            Assert.Equal("""{"Zeta":1,"alpha":{"B":1,"a":[{"x":2,"y":1}],"b":2},"orderDate":"2026-12-04","orderNumber":"{0}-H"}""".Replace("{0}", n), Sent(ids[0]));
            Assert.Equal("""{"orderNumber":"{0}-O","orderDate":"2026-12-04","zeta":{"a":2,"b":1}}""".Replace("{0}", n), Sent(ids[1]));
        }

        [Theory]
        [InlineData("")]
        [InlineData("de-DE")]
        public void Numbers_have_one_invariant_form(string culture)
        {
            using var session = Connected();
            var result = session.Run("""
                if ($args[0]) { [System.Threading.Thread]::CurrentThread.CurrentCulture = $args[0]; if ((1.5).ToString() -ne '1,5') { throw 'the culture did not apply' } }
                [ordered]@{ orderDate = '2026-12-04'; d = 2.5; third = 1/3; tiny = 0.1 + 0.2; big = 1e20; negZero = -0.0; m = [decimal]::Parse('1.50', [cultureinfo]::InvariantCulture)
                            f = [float]0.1; l = [long]9007199254740993; b = [byte]7; when = [datetimeoffset]'2026-12-04T23:30:00+05:00' } | Start-ZuoraOrder
                """, culture);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal("""{"orderDate":"2026-12-04","d":2.5,"third":0.33333333333333331,"tiny":0.30000000000000004,"big":1E+20,"negZero":0,"m":1.50,"f":0.1,"l":9007199254740993,"b":7,"when":"2026-12-04"}""",
                Sent(Strings(result, "JobId")[0]));
        }

        [Fact]
        public void Strings_escape_only_what_JSON_requires()
        {
            using var session = Connected();
            var result = session.Run("""[ordered]@{ orderDate = '2026-12-04'; s = "Zoë <b> & `"q`" \ `t`n" + [char]1 + [char]0xD800 } | Start-ZuoraOrder""");

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal("{\"orderDate\":\"2026-12-04\",\"s\":\"Zoë <b> & \\\"q\\\" \\\\ \\t\\n\\u0001\\ud800\"}", Sent(Strings(result, "JobId")[0]));
        }

        [Fact]
        public void Inputs_that_cannot_be_read_are_one_InvalidOrder_each_in_place_and_the_rest_are_sent()
        {
            using var session = Connected();
            var n = Unique("ODD");
            var deepJson = "{\"orderDate\":\"2026-12-04\",\"orderNumber\":\"" + n + "-deep\",\"x\":" + new string('[', 70) + new string(']', 70) + "}";
            var result = session.Run("""
                $n = $args[0]; $deepJson = $args[1]; $folder = $args[2]
                $throwing = [pscustomobject]@{ orderDate = '2026-12-04'; orderNumber = "$n-script" }
                $throwing.psobject.Properties.Add([psscriptproperty]::new('notes', { throw 'no notes today' }))
                $deep = @{ orderDate = '2026-12-04'; orderNumber = "$n-hdeep" }; $cursor = $deep
                1..70 | ForEach-Object { $next = @{}; $cursor.next = $next; $cursor = $next }
                $unreadable = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($folder, 'unreadable.json'))
                @{ orderDate = '2026-12-04'; orderNumber = "$n-1" }, $deepJson, $throwing, $deep, [System.IO.FileInfo]$unreadable.FullName,
                    @{ orderDate = '2026-12-04'; orderNumber = "$n-2" } |
                    Start-ZuoraOrder -IdempotencyKeyProperty orderNumber 2>&1 |
                    ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "$($_.FullyQualifiedErrorId.Split(',')[0]) $($_.TargetObject.Position): $($_.Exception.Message)" } else { $_.OrderNumber } }
                """, n, deepJson, _folder);

            var lines = result.Output.Select(o => o.BaseObject.ToString()!).ToArray();
            Assert.True(lines.Length == 6, string.Join(Environment.NewLine, lines) + result.ErrorSummary);
            Assert.Equal(n + "-1", lines[0]);
            Assert.StartsWith("InvalidOrder 2:", lines[1]);
            Assert.Contains("nests deeper than 64 levels", lines[1]);
            Assert.StartsWith("InvalidOrder 3:", lines[2]);
            Assert.Contains("order.notes", lines[2]);
            Assert.Contains("no notes today", lines[2]);
            Assert.StartsWith("InvalidOrder 4:", lines[3]);
            Assert.Contains("deeper than 64", lines[3]);
            Assert.StartsWith("InvalidOrder 5:", lines[4]);
            Assert.Contains("cannot be read", lines[4]);
            Assert.Equal(n + "-2", lines[5]);
        }

        [Fact]
        public void LiteralPath_reads_names_with_wildcard_characters_and_Path_expands_them()
        {
            using var session = Connected();
            var n = Unique("LIT");
            var one = WriteOrder("order1.json", n + "-one");
            var literal = WriteOrder("order[1].json", n + "-bracket");

            var result = session.Run("""
                Start-ZuoraOrder -LiteralPath $args[0]
                Start-ZuoraOrder -Path $args[0]
                [System.IO.FileInfo]$args[0] | Start-ZuoraOrder
                Start-ZuoraOrder -Order ([System.IO.FileInfo]$args[0]), ([System.IO.FileInfo]$args[1])
                """, literal, one);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal(new[] { n + "-bracket", n + "-one", n + "-bracket", n + "-bracket", n + "-one" }, Strings(result, "OrderNumber"));
        }

        [Fact]
        public void A_missing_file_is_an_error_in_its_place()
        {
            using var session = Connected();
            var n = Unique("MISS");
            var a = WriteOrder("a.json", n + "-a");
            var b = WriteOrder("b.json", n + "-b");
            var result = session.Run("""
                Start-ZuoraOrder -Path $args[0], $args[1], $args[2] 2>&1 |
                    ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.FullyQualifiedErrorId.Split(',')[0] + ' ' + $_.TargetObject.Path } else { $_.OrderNumber } }
                """, a, Path.Combine(_folder, "missing.json"), b);

            Assert.Equal(new[] { n + "-a", "OrderFileNotFound " + Path.Combine(_folder, "missing.json"), n + "-b" }, result.Output.Select(o => o.BaseObject.ToString()));
        }

        [Fact]
        public void WhatIf_reports_the_duplicate_key_a_real_run_would_refuse()
        {
            using var session = Connected();
            var before = Simulator.State.GetStatistics().ForEndpoint("POST /v1/async/orders");
            var result = session.Run("""
                @{ orderDate = '2026-12-04'; orderNumber = 'SAME' }, @{ orderDate = '2026-12-04'; orderNumber = 'SAME'; notes = 'again' } |
                    Start-ZuoraOrder -IdempotencyKeyProperty orderNumber -WhatIf
                """);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("DuplicateIdempotencyKey", error.FullyQualifiedErrorId);
            Assert.Equal(2, StartZuoraOrderTests.Target(error, "Position"));
            Assert.Equal(before, Simulator.State.GetStatistics().ForEndpoint("POST /v1/async/orders"));
        }

        [Fact]
        public void Keys_are_1_to_254_characters()
        {
            using var session = Connected();
            var n = Unique("KEY");
            var result = session.Run("""
                $n = $args[0]
                try { @{ orderDate = '2026-12-04' } | Start-ZuoraOrder -IdempotencyKey ('k' * 255) } catch { $_.FullyQualifiedErrorId }
                @{ orderDate = '2026-12-04'; orderNumber = "$n-254" } | Start-ZuoraOrder -IdempotencyKey ('k' * 250 + $n.Substring($n.Length - 4))
                @{ orderDate = '2026-12-04'; orderNumber = "$n-" + ('x' * 255) } | Start-ZuoraOrder -IdempotencyKeyProperty orderNumber
                """, n);

            Assert.StartsWith("ParameterArgumentValidationError,", result.Output[0].BaseObject.ToString());
            Assert.Equal(254, ((string)RunResult.Prop(result.Output[1], "IdempotencyKey")!).Length);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidIdempotencyKey", error.FullyQualifiedErrorId);
            Assert.Contains("at most 254", error.Exception.Message);
        }
    }
}
