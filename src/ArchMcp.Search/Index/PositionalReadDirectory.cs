using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace ArchMcp.Search;

/// <summary>
/// An index folder whose files are read with positional reads (<see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>)
/// on one handle per file shared by the input's clones. Lucene.Net's <see cref="NIOFSDirectory"/> reads through a
/// <see cref="FileStream"/>: every refill of an input's buffer takes a lock, asks the file system for the file's length
/// and moves the stream; a search refills thousands of times. Writing is <see cref="FSDirectory"/>'s own.
/// </summary>
internal sealed class PositionalReadDirectory(DirectoryInfo path, LockFactory lockFactory) : FSDirectory(path, lockFactory)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var file = System.IO.Path.Combine(Directory.FullName, name);
        var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return new Input($"{nameof(PositionalReadDirectory)}(path=\"{file}\")", handle, context);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>One open file; its clones share the handle, which only the input opened first closes.</summary>
    private sealed class Input(string description, SafeFileHandle handle, IOContext context) : BufferedIndexInput(description, context)
    {
        private readonly long _length = RandomAccess.GetLength(handle);
        private bool _isClone;

        public override long Length => _length;

        /// <summary>Fills <paramref name="b"/> from the input's position (the buffer's start when it refills).</summary>
        protected override void ReadInternal(byte[] b, int offset, int length)
        {
            var position = Position;
            if (position + length > _length)
            {
                throw new EndOfStreamException($"read past EOF: {this} (position {position}, {length} bytes, length {_length})");
            }

            while (length > 0)
            {
                var read = RandomAccess.Read(handle, b.AsSpan(offset, length), position);
                if (read <= 0)
                {
                    throw new EndOfStreamException($"read past EOF: {this} (position {position}, length {_length})");
                }

                offset += read;
                length -= read;
                position += read;
            }
        }

        /// <summary>Nothing to move: every read says where it reads.</summary>
        protected override void SeekInternal(long pos)
        {
        }

        public override object Clone()
        {
            var clone = (Input)base.Clone();
            clone._isClone = true;
            return clone;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_isClone)
            {
                handle.Dispose();
            }
        }
    }
}
