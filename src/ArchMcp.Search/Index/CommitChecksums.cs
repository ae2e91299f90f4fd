using System.Buffers.Binary;
using System.IO.Hashing;
using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Search;

/// <summary>
/// The checksums of the index files a process serves: each file of a commit is checked against its footer once, when a
/// commit that holds it is first opened (index files are write-once, so a file is known by name, length and time
/// written).
/// </summary>
internal sealed class CommitChecksums
{
    private readonly HashSet<(string Name, long Length, long Written)> _verified = [];

    /// <summary>
    /// Verifies every file of the commit <paramref name="manager"/> serves from the folder <paramref name="lucenePath"/>
    /// that was not verified yet; throws a <see cref="CorruptIndexException"/> naming the first bad one.
    /// </summary>
    public void Verify(string lucenePath, SearcherManager manager)
    {
        var searcher = manager.Acquire();
        try
        {
            foreach (var name in ((DirectoryReader)searcher.IndexReader).IndexCommit.FileNames)
            {
                var file = new FileInfo(System.IO.Path.Combine(lucenePath, name));
                if (!file.Exists)
                {
                    continue; // another process committed since and removed this commit's files: its own are checked next
                }

                var stamp = (name, file.Length, file.LastWriteTimeUtc.Ticks);
                if (!_verified.Contains(stamp))
                {
                    VerifyChecksum(file.FullName);
                    _verified.Add(stamp);
                }
            }
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>
    /// Checks one index file against its footer (magic, algorithm 0, CRC-32 of everything before the checksum), as
    /// Lucene's <c>CodecUtil.ChecksumEntireFile</c> does but with a vectorised CRC.
    /// </summary>
    public static void VerifyChecksum(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        var length = file.Length;
        var footerLength = CodecUtil.FooterLength();
        if (length < footerLength)
        {
            throw new CorruptIndexException($"{name} is too short ({length} bytes) to end with a checksum");
        }

        Span<byte> footer = stackalloc byte[16];
        file.Position = length - footerLength;
        file.ReadExactly(footer[..footerLength]);
        if (BinaryPrimitives.ReadInt32BigEndian(footer) != CodecUtil.FOOTER_MAGIC || BinaryPrimitives.ReadInt32BigEndian(footer[4..]) != 0)
        {
            throw new CorruptIndexException($"{name} has no valid checksum footer");
        }

        var expected = BinaryPrimitives.ReadInt64BigEndian(footer[8..]);
        var crc = new Crc32();
        var buffer = new byte[1 << 20];
        file.Position = 0;
        for (var left = length - 8; left > 0;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new CorruptIndexException($"{name} ended while its checksum was read");
            }

            crc.Append(buffer.AsSpan(0, read));
            left -= read;
        }

        if (crc.GetCurrentHashAsUInt32() != expected)
        {
            throw new CorruptIndexException($"checksum mismatch in {name}: the file holds 0x{expected:x8}, its content gives 0x{crc.GetCurrentHashAsUInt32():x8}");
        }
    }

    /// <summary>Forgets every file verified (the index was wiped).</summary>
    public void Forget() => _verified.Clear();
}
