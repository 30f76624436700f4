namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// A read-only view of a stream that fails once more than a set number of bytes has been read: a stream that
/// cannot tell its length (an upload, a pipe) is still refused early instead of being read to the end.
/// </summary>
internal sealed class BoundedStream(Stream inner, long limit, Func<Exception> onExceeded) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        return _read > limit ? throw onExceeded() : n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
