using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Simulator;

/// <summary>
/// A response body that arrives slowly: each write goes out in eight flushed pieces with pauses between them, so a
/// client sees the headers at once and the body over the given time.
/// </summary>
internal sealed class TrickleStream(Stream inner, TimeSpan spread, CancellationToken aborted) : Stream
{
    private const int Pieces = 8;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, aborted);
        int piece = Math.Max(1, (buffer.Length + Pieces - 1) / Pieces);
        TimeSpan pause = spread / Pieces;
        for (int offset = 0; offset < buffer.Length; offset += piece)
        {
            if (offset > 0)
            {
                await Task.Delay(pause, linked.Token);
            }

            await inner.WriteAsync(buffer.Slice(offset, Math.Min(piece, buffer.Length - offset)), linked.Token);
            await inner.FlushAsync(linked.Token);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
