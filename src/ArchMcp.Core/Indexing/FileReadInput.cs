using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// An index file read with positional reads into a buffer large enough for a whole stored-fields chunk. Reading a
/// section for a hit seeks to its chunk and reads the chunk: Lucene's <c>NIOFSIndexInput</c> took two or three reads
/// for that (a 1 KB buffer refill for the chunk's header, then the chunk in 16 KB pieces, each read asking the file's
/// length first), and on this machine each read is a costly trip into the kernel. Here one read brings the header and
/// the chunk. Clones share the file handle; only the input that opened it closes it.
/// </summary>
public sealed class FileReadInput : BufferedIndexInput
{
    /// <summary>Stored-fields chunks are 16 KB of documents plus the last document's overflow, and their header.</summary>
    public const int BufferBytes = 32 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private bool _isClone;

    private FileReadInput(string path, SafeFileHandle handle)
        : base($"FileReadInput(path=\"{path}\")", BufferBytes)
    {
        _handle = handle;
        _length = RandomAccess.GetLength(handle);
    }

    public static FileReadInput Open(string path) =>
        new(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));

    public override long Length => _length;

    protected override void ReadInternal(byte[] b, int offset, int length)
    {
        var position = Position;
        if (position + length > _length)
        {
            throw new EndOfStreamException($"read past the end of {this}: {length} bytes at {position} of {_length}");
        }

        var into = b.AsSpan(offset, length);
        while (!into.IsEmpty)
        {
            var read = RandomAccess.Read(_handle, into, position);
            if (read <= 0)
            {
                throw new EndOfStreamException($"{this} ended at {position} of {_length} bytes (was the file truncated?)");
            }

            position += read;
            into = into[read..];
        }
    }

    protected override void SeekInternal(long pos)
    {
    }

    public override object Clone()
    {
        var clone = (FileReadInput)base.Clone();
        clone._isClone = true;
        return clone;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_isClone)
        {
            _handle.Dispose();
        }
    }
}
