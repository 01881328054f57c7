using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Testing
{
    /// <summary>What a raw server saw of one request.</summary>
    public sealed record RawRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, int Connection);

    /// <summary>
    /// An HTTP/1.1 server on a raw <see cref="TcpListener"/>: it answers with whatever bytes a test writes, so it can send
    /// what no well-behaved server would (endless bodies, lies in Content-Length, redirects elsewhere), and it sees the
    /// connections themselves (accepted, closed by the client).
    /// </summary>
    public sealed class RawHttpServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<Task> _connections = new List<Task>();
        private int _accepted;
        private int _closedByClient;

        /// <param name="respond">Writes the answer; returns true to keep the connection open for the next request.</param>
        public RawHttpServer(Func<RawRequest, Stream, CancellationToken, Task<bool>> respond, string address = "127.0.0.1")
        {
            Respond = respond;
            _listener = new TcpListener(IPAddress.Parse(address), 0);
            _listener.Start();
            var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            BaseAddress = new Uri($"http://{address}:{port}/");
            _ = AcceptLoopAsync();
        }

        public Uri BaseAddress { get; }
        public Func<RawRequest, Stream, CancellationToken, Task<bool>> Respond { get; set; }
        public ConcurrentQueue<RawRequest> Requests { get; } = new ConcurrentQueue<RawRequest>();
        public int Accepted => Volatile.Read(ref _accepted);
        public int ClosedByClient => Volatile.Read(ref _closedByClient);

        /// <summary>Bytes of a complete response with a Content-Length.</summary>
        public static byte[] Response(int status, string reason, string body, params (string Name, string Value)[] headers) =>
            Response(status, reason, Encoding.UTF8.GetBytes(body), headers);

        public static byte[] Response(int status, string reason, byte[] body, params (string Name, string Value)[] headers)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(status).Append(' ').Append(reason).Append("\r\n");
            var typed = false;
            foreach (var (name, value) in headers)
            {
                typed |= string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase);
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            if (!typed)
            {
                head.Append("Content-Type: application/json\r\n");
            }

            head.Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
            var bytes = Encoding.ASCII.GetBytes(head.ToString());
            var all = new byte[bytes.Length + body.Length];
            Buffer.BlockCopy(bytes, 0, all, 0, bytes.Length);
            Buffer.BlockCopy(body, 0, all, bytes.Length, body.Length);
            return all;
        }

        /// <summary>Waits (bounded) until the client has closed at least <paramref name="count"/> connections.</summary>
        public bool WaitForClientClose(int count, TimeSpan within)
        {
            var until = DateTime.UtcNow + within;
            while (ClosedByClient < count)
            {
                if (DateTime.UtcNow > until)
                {
                    return false;
                }

                Thread.Sleep(20);
            }

            return true;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            Task[] open;
            lock (_connections)
            {
                open = _connections.ToArray();
            }

            try
            {
                Task.WaitAll(open, TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                var number = Interlocked.Increment(ref _accepted);
                var task = Task.Run(() => ServeAsync(client, number));
                lock (_connections)
                {
                    _connections.Add(task);
                }
            }
        }

        private async Task ServeAsync(TcpClient client, int number)
        {
            using (client)
            using (var stream = client.GetStream())
            using (_stop.Token.Register(() => client.Close()))
            {
                try
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        var request = await ReadRequestAsync(stream, number).ConfigureAwait(false);
                        if (request == null)
                        {
                            Interlocked.Increment(ref _closedByClient);
                            return;
                        }

                        Requests.Enqueue(request);
                        if (!await Respond(request, stream, _stop.Token).ConfigureAwait(false))
                        {
                            return;
                        }

                        await stream.FlushAsync().ConfigureAwait(false);
                    }
                }
                catch (IOException)
                {
                    // The client aborted mid-answer: the point of several tests.
                }
                catch (ObjectDisposedException)
                {
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        /// <summary>The request head and its Content-Length body, or null when the client closed the connection.</summary>
        private static async Task<RawRequest?> ReadRequestAsync(Stream stream, int connection)
        {
            var head = new List<byte>(1024);
            var one = new byte[1];
            while (head.Count < 4 || head[head.Count - 4] != '\r' || head[head.Count - 3] != '\n' || head[head.Count - 2] != '\r' || head[head.Count - 1] != '\n')
            {
                if (await stream.ReadAsync(one, 0, 1).ConfigureAwait(false) == 0)
                {
                    return null;
                }

                head.Add(one[0]);
                if (head.Count > 256 * 1024)
                {
                    throw new IOException("request head too large");
                }
            }

            var lines = Encoding.ASCII.GetString(head.ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.None);
            var start = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 1; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon > 0)
                {
                    headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
                }
            }

            var body = string.Empty;
            if (headers.TryGetValue("Content-Length", out var lengthText) && int.TryParse(lengthText, out var length) && length > 0)
            {
                var buffer = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = await stream.ReadAsync(buffer, read, length - read).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return null;
                    }

                    read += n;
                }

                body = Encoding.UTF8.GetString(buffer);
            }

            return new RawRequest(start[0], start.Length > 1 ? start[1] : string.Empty, headers, body, connection);
        }
    }
}
