using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Lucene.Net.Store;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// A file-system directory that reads index files through memory maps, like Lucene's MMapDirectory, but without
/// its clone tracking: MMapDirectory records every clone of an input (several per term a query looks up) in a
/// ConditionalWeakTable so it can unmap eagerly, and those dependent handles made each garbage collection of a
/// searching process scan thousands of entries — on a 20,000-file index most of a search's time went to the
/// collector. Here a map lives as long as any input that reads it is reachable and is released by its finalizer,
/// so no input can ever read unmapped memory. Windows cannot delete a mapped file, so it keeps Lucene's default.
/// </summary>
public sealed class MappedDirectory(DirectoryInfo path, LockFactory lockFactory) : FSDirectory(path, lockFactory)
{
    /// <summary>
    /// The index folder for reading and writing. Stored fields (<c>.fdt</c>, <c>.fdx</c>) are read through ordinary
    /// file reads instead of a map: every header is read once when the index opens, and mapped, those pages stayed
    /// in the process's resident memory (~80 MB of 440 MB serving 19,635 files); read, they stay in the page cache only.
    /// </summary>
    public static Lucene.Net.Store.Directory OpenFor(string path, LockFactory lockFactory)
    {
        var folder = new DirectoryInfo(path);
        return OperatingSystem.IsWindows()
            ? FSDirectory.Open(folder, lockFactory)
            : new FileSwitchDirectory(StoredFieldFiles, new StoredFieldsDirectory(folder, lockFactory), new MappedDirectory(folder, lockFactory), doClose: true);
    }

    private static readonly HashSet<string> StoredFieldFiles = ["fdt", "fdx"];

    /// <summary>Files are written through <see cref="IndexFileOutput"/>.</summary>
    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        EnsureOpen();
        EnsureCanWrite(name);
        return new IndexFileOutput(System.IO.Path.Combine(Directory.FullName, name));
    }

    /// <summary>Where stored fields are read with plain file reads (<see cref="FileReadInput"/>); written like the other files.</summary>
    private sealed class StoredFieldsDirectory(DirectoryInfo path, LockFactory lockFactory) : NIOFSDirectory(path, lockFactory)
    {
        public override IndexOutput CreateOutput(string name, IOContext context)
        {
            EnsureOpen();
            EnsureCanWrite(name);
            return new IndexFileOutput(System.IO.Path.Combine(Directory.FullName, name));
        }

        public override IndexInput OpenInput(string name, IOContext context)
        {
            EnsureOpen();
            return FileReadInput.Open(System.IO.Path.Combine(Directory.FullName, name));
        }
    }

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var map = Map.Of(System.IO.Path.Combine(Directory.FullName, name));
        return new MappedInput($"MappedInput(path=\"{name}\")", map, 0, map.Length);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(name, Map.Of(System.IO.Path.Combine(Directory.FullName, name)));
    }

    private sealed class Slicer(string name, Map map) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > map.Length)
            {
                throw new ArgumentException($"slice {sliceDescription} [{offset}, {offset + length}) is outside {name} ({map.Length} bytes)");
            }

            return new MappedInput($"MappedInput(path=\"{name}\" slice=\"{sliceDescription}\")", map, offset, length);
        }

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full", 0, map.Length);

        protected override void Dispose(bool disposing)
        {
        }
    }

    /// <summary>One mapped file; unmapped by the view handle's finalizer once no input refers to it.</summary>
    private sealed unsafe class Map
    {
        private readonly MemoryMappedViewAccessor? _view;

        private Map(MemoryMappedViewAccessor? view, byte* start, long length)
        {
            _view = view;
            Start = start;
            Length = length;
        }

        public byte* Start { get; }

        public long Length { get; }

        public static Map Of(string path)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = file.Length;
            if (length == 0)
            {
                return new Map(null, null, 0); // an empty file cannot be mapped
            }

            using var mapped = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = mapped.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            var start = (byte*)view.SafeMemoryMappedViewHandle.DangerousGetHandle() + view.PointerOffset;
            return new Map(view, start, length);
        }

        /// <summary>Keeps the view reachable while a read through <see cref="Start"/> is under way.</summary>
        public void KeepAlive() => GC.KeepAlive(_view);
    }

    private sealed unsafe class MappedInput(string description, Map map, long offset, long length) : IndexInput(description)
    {
        private readonly byte* _start = map.Start + offset;
        private long _position;

        public override long Length => length;

        public override long Position => _position;

        public override void Seek(long pos)
        {
            if (pos < 0 || pos > length)
            {
                throw new EndOfStreamException($"seek to {pos} is outside {this} ({length} bytes)");
            }

            _position = pos;
        }

        public override byte ReadByte()
        {
            if (_position >= length)
            {
                throw new EndOfStreamException($"read past the end of {this}");
            }

            var b = _start[_position++];
            map.KeepAlive();
            return b;
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            new ReadOnlySpan<byte>(Take(len), len).CopyTo(b.AsSpan(offset, len));
            map.KeepAlive();
        }

        public override short ReadInt16()
        {
            var value = BinaryPrimitives.ReadInt16BigEndian(new ReadOnlySpan<byte>(Take(2), 2));
            map.KeepAlive();
            return value;
        }

        public override int ReadInt32()
        {
            var value = BinaryPrimitives.ReadInt32BigEndian(new ReadOnlySpan<byte>(Take(4), 4));
            map.KeepAlive();
            return value;
        }

        public override long ReadInt64()
        {
            var value = BinaryPrimitives.ReadInt64BigEndian(new ReadOnlySpan<byte>(Take(8), 8));
            map.KeepAlive();
            return value;
        }

        public override int ReadVInt32()
        {
            if (length - _position < 5)
            {
                return base.ReadVInt32();
            }

            var p = _start + _position;
            var value = 0;
            for (var i = 0; i < 5; i++)
            {
                int b = p[i];
                value |= (b & 0x7F) << (7 * i);
                if (b < 0x80)
                {
                    _position += i + 1;
                    map.KeepAlive();
                    return value;
                }
            }

            throw new IOException($"invalid vInt in {this} at {_position}");
        }

        public override object Clone() => MemberwiseClone();

        protected override void Dispose(bool disposing)
        {
        }

        /// <summary>The address of the next <paramref name="count"/> bytes, which the position then moves past.</summary>
        private byte* Take(int count)
        {
            if (count < 0 || _position + count > length)
            {
                throw new EndOfStreamException($"read of {count} bytes past the end of {this}");
            }

            var at = _start + _position;
            _position += count;
            return at;
        }
    }
}
