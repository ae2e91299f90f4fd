using System.IO.Hashing;
using Lucene.Net.Store;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// Writes one index file, as Lucene.Net's file output does (checksummed, flushed to disk when closed), with a buffer of
/// its own and a vectorised CRC-32: Lucene.Net's output updates a table-driven CRC and a file stream byte by byte, 3%
/// of a full index's CPU. The checksum is the same CRC-32 (IEEE), which Lucene checks when it reads the file's footer.
/// </summary>
internal sealed class IndexFileOutput : IndexOutput
{
    private const int BufferSize = 64 * 1024;

    private readonly string _path;
    private readonly FileStream _file;
    private readonly Crc32 _crc = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _buffered;
    private long _flushed;
    private bool _open = true;

    public IndexFileOutput(string path)
    {
        _path = path;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
    }

    public override void WriteByte(byte b)
    {
        if (_buffered == BufferSize)
        {
            WriteBuffer();
        }

        _buffer[_buffered++] = b;
    }

    public override void WriteBytes(byte[] b, int offset, int length)
    {
        if (length > BufferSize - _buffered)
        {
            WriteBuffer();
            if (length >= BufferSize)
            {
                var bytes = b.AsSpan(offset, length);
                _crc.Append(bytes);
                _file.Write(bytes);
                _flushed += length;
                return;
            }
        }

        Buffer.BlockCopy(b, offset, _buffer, _buffered, length);
        _buffered += length;
    }

    public override void Flush()
    {
        WriteBuffer();
        _file.Flush();
    }

    public override long Position => _flushed + _buffered;

    public override long Length => Position;

    /// <summary>The CRC-32 of everything written so far.</summary>
    public override long Checksum
    {
        get
        {
            WriteBuffer();
            return _crc.GetCurrentHashAsUInt32();
        }
    }

    [Obsolete("(4.1) this method will be removed in Lucene 5.0")]
    public override void Seek(long pos) => throw new NotSupportedException($"{_path}: index files are written from start to end.");

    protected override void Dispose(bool disposing)
    {
        if (!disposing || !_open)
        {
            return;
        }

        try
        {
            WriteBuffer();
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            _open = false;
            _file.Dispose();
        }
    }

    private void WriteBuffer()
    {
        ObjectDisposedException.ThrowIf(!_open, this);
        if (_buffered == 0)
        {
            return;
        }

        var bytes = _buffer.AsSpan(0, _buffered);
        _crc.Append(bytes);
        _file.Write(bytes);
        _flushed += _buffered;
        _buffered = 0;
    }
}
