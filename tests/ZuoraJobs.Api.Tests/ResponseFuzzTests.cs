using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit;
using ZuoraJobs.Cmdlets;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>
    /// Property-based fuzzing of the response path (client, parser, PowerShell object factory and presentation):
    /// whatever 200 body arrives, the caller gets a job or a ZuoraApiException (InvalidResponse when the body is not
    /// JSON), never another exception, and a job can always be shown to PowerShell. CI runs a fixed seed;
    /// ZUORAJOBS_FUZZ_CASES and ZUORAJOBS_FUZZ_SEED run more or other cases.
    /// </summary>
    public class ResponseFuzzTests
    {
        private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("ZUORAJOBS_FUZZ_CASES"), out var n) ? n : 1500;
        private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("ZUORAJOBS_FUZZ_SEED"), out var s) ? s : 20261123UL;

        private static readonly string[] Corpus =
        {
            FakeZuora.CompletedJob,
            """{"errors":null,"result":null,"status":"Processing","success":true}""",
            """{"errors":"Payment declined.","result":null,"status":"Failed","success":true}""",
            """{"errors":null,"result":{"jobType":"AsyncCreateOrder","accountNumber":"A00000001","accountId":"8a8a","invoiceNumbers":["INV00000001","INV00000002"],"invoiceIds":["i1"],"orderLineItems":[{"id":"bd7840a3c1b6492aa5d1e6f0c3a8fa20","itemNumber":"116","extra":{"a":[1,2,{"b":null}]}}],"orderNumber":"OM-00002","paidAmount":"300.50","paymentNumber":"P-00000002","paymentStatus":"Processed","status":"Pending","subscriptions":[{"status":"Pending Activation","subscriptionNumber":"SM-00001","subscriptionId":"s1","subscriptionOwnerNumber":"A1"},{"status":"Active","subscriptionNumber":"SM-00002"}],"ramps":[{"rampNumber":"R-1","subscriptionNumber":"SM-00001"}],"refunds":[{"number":"RF-1","refundInvoiceNumbers":["INV1"],"status":"Success"}],"writeOff":[{"amount":10.5,"invoiceNumber":"INV1","status":"Success"}],"commitments":[{"id":"c1","commitmentNumber":"CMT-1","totalAmount":"100","schedules":[{"amount":1}]}],"creditMemoNumbers":["CM1"],"subscriptionNumbers":["SM-00001"],"success":true},"status":"Completed","success":true}""",
            """{"errors":null,"result":{"jobType":"AsyncPreviewOrder","invoices":[{"amount":108.0,"amountWithoutTax":100.0,"taxAmount":8.0,"targetDate":"2026-11-23","invoiceItems":[{"serviceStartDate":"2026-11-23","amountWithoutTax":100.0,"chargeName":"Base"}]}],"creditMemos":[{"amount":-5,"creditMemoItems":[]}],"chargeMetrics":[],"orderMetrics":[{"orderActions":[]}],"orderDeltaMetrics":{"orderDeltaMrr":[]},"success":true},"status":"Completed","success":true}""",
            """{"success":false,"processId":"p1","reasons":[{"code":50000050,"message":"Operation failed due to a lock competition, please retry later."}],"requestId":"r1"}""",
            """{"success":false,"reasons":[{"code":"58730020","message":"Job not found"}]}""",
            """{"message":"An internal error occurred"}""",
        };

        private static readonly string[] Tokens =
        {
            "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-0", "1e999", "1e-999", "123456789012345678901234567890.5", "\"\"",
            "\"\\u0000\"", "\"\\ud800\"", "\"\\uDFFF\\uD800\"", "\\", "/*c*/", "//c\n", "\u00e9", "\uFEFF", "\"status\":\"Completed\"",
            "\"\":1", "\"result\":{}", "\"errors\":[{}]", "\"reasons\":[null]", "\"paidAmount\":[]", "NaN", "Infinity", "'x'",
        };

        private static readonly string[] Names =
        {
            "status", "success", "errors", "result", "jobId", "jobType", "reasons", "code", "message", "processId", "requestId",
            "orderNumber", "accountNumber", "paidAmount", "invoiceNumbers", "subscriptions", "orderLineItems", "ramps", "refunds",
            "writeOff", "commitments", "invoices", "creditMemos", "chargeMetrics", "orderDeltaMetrics", "subscriptionNumber", "id",
            "itemNumber", "amount", "schedules", "", " ", "Status", "a\u0000b", "\u00e9t\u00e9", "result.x", "(empty)", "PSObject",
        };

        private static readonly string[] Scalars =
        {
            "null", "true", "false", "0", "-1", "1.5", "1e308", "1e999", "123456789012345678901234567890", "\"\"", "\"Completed\"",
            "\"Processing\"", "\"Failed\"", "\"300.00\"", "\"abc\"", "\"x\\u0000y\"", "\"\\ud800\"", "\"2026-11-23\"", "50000070",
        };

        [Fact]
        public void Mutated_job_bodies_give_a_job_or_a_Zuora_error()
        {
            var mutations = Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 5), Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, Tokens.Length - 1))));
            var bodies = Gen.Zip(Gen.Choose(0, Corpus.Length - 1), mutations)
                .Select(t => Mutate(Encoding.UTF8.GetBytes(Corpus[t.Item1]), t.Item2));
            Check(bodies);
        }

        [Fact]
        public void Arbitrary_json_objects_give_a_job_or_a_Zuora_error()
        {
            var bodies = Gen.Sized(size => ObjectGen(Math.Min(4, 1 + size / 25), topLevel: true)).Select(Encoding.UTF8.GetBytes);
            Check(bodies);
        }

        private static void Check(Gen<byte[]> bodies)
        {
            var current = new byte[1][];
            using var client = new ZuoraClient(new ZuoraClientOptions
            {
                BaseUri = new Uri("https://zuora.test/"),
                AccessToken = FakeZuora.Secure("t"),
                MaxRetryCount = 0,
                ObjectFactory = PSObjects.CustomObject,
                Handler = new BodyHandler(() => current[0]),
            });

            var property = Prop.ForAll(bodies.ToArbitrary(), bytes =>
            {
                current[0] = bytes;
                return Outcome(client, bytes);
            });
            var config = Config.QuickThrowOnFailure
                .WithMaxTest(Cases)
                .WithQuietOnSuccess(true)
                .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));
            property.Check(config);
        }

        /// <summary>The property: a job that PowerShell can show, or a ZuoraApiException of the right kind.</summary>
        private static bool Outcome(ZuoraClient client, byte[] bytes)
        {
            var json = IsJson(bytes);
            string outcome;
            try
            {
                var job = client.GetAsyncJobAsync(FakeZuora.JobId, null, default).GetAwaiter().GetResult();
                PSObjects.Present(job);
                if (json && job.JobId == FakeZuora.JobId)
                {
                    return true;
                }

                outcome = "a job from a body that is not JSON";
            }
            catch (ZuoraApiException error)
            {
                if (json || error.Kind == ZuoraErrorKind.InvalidResponse)
                {
                    return true;
                }

                outcome = error.Kind + ": " + error.Message;
            }
            catch (Exception error)
            {
                outcome = error.GetType().Name + ": " + error.Message;
            }

            throw new InvalidOperationException($"Body {Encoding.UTF8.GetString(bytes)} gave {outcome}");
        }

        private static bool IsJson(byte[] bytes)
        {
            try
            {
                var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                // Syntax only: a lone surrogate escape such as "\ud800" is valid JSON, though not valid text.
                while (reader.Read())
                {
                }

                return bytes.Length > 0;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static byte[] Mutate(byte[] source, (int Kind, (int At, int Token) Where)[] steps)
        {
            var bytes = new List<byte>(source);
            foreach (var (kind, (at, token)) in steps)
            {
                var position = bytes.Count == 0 ? 0 : at % bytes.Count;
                var text = Encoding.UTF8.GetBytes(Tokens[token]);
                switch (kind)
                {
                    case 0:
                        if (bytes.Count > 0)
                        {
                            bytes[position] = (byte)(bytes[position] ^ (1 << (token % 8)));
                        }

                        break;
                    case 1:
                        bytes.RemoveRange(position, Math.Min(1 + token, bytes.Count - position));
                        break;
                    case 2:
                        bytes.InsertRange(position, text);
                        break;
                    case 3:
                        bytes.InsertRange(position, bytes.Skip(position).Take(1 + token * 3).ToList());
                        break;
                    case 4:
                        bytes.RemoveRange(position, bytes.Count - position);
                        break;
                    default:
                        if (bytes.Count > 0)
                        {
                            bytes[position] = text[0];
                        }

                        break;
                }
            }

            return bytes.ToArray();
        }

        private static Gen<string> ObjectGen(int depth, bool topLevel)
        {
            var pair = Gen.Zip(Gen.Elements(Names), ValueGen(depth - 1))
                .Select(p => JsonSerializer.Serialize(p.Item1) + ":" + p.Item2);
            var pairs = topLevel
                ? Gen.Zip(Gen.ArrayOf(pair), Gen.Elements("\"status\":\"Completed\",", "\"status\":null,", "\"status\":{},", "", "\"status\":\"Queued\",", "\"status\":7,"))
                    .Select(t => t.Item2 + string.Join(",", t.Item1)).Select(b => b.TrimEnd(','))
                : Gen.ArrayOf(pair).Select(items => string.Join(",", items));
            return pairs.Select(b => "{" + b + "}");
        }

        private static Gen<string> ValueGen(int depth)
        {
            var scalar = Gen.Elements(Scalars);
            if (depth <= 0)
            {
                return scalar;
            }

            var array = Gen.ArrayOf(Gen.OneOf(scalar, Gen.Sized(_ => ObjectGen(depth - 1, topLevel: false)))).Select(items => "[" + string.Join(",", items) + "]");
            return Gen.Frequency((4, scalar), (2, ObjectGen(depth, topLevel: false)), (2, array));
        }

        /// <summary>Answers every request with the current body, as a 200 JSON response.</summary>
        private sealed class BodyHandler : HttpMessageHandler
        {
            private readonly Func<byte[]> _body;

            public BodyHandler(Func<byte[]> body)
            {
                _body = body;
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var content = new ByteArrayContent(_body());
                content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
            }
        }
    }
}
