using ArchMcp.Search;
using Lucene.Net.Store;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// The index folder's own reads (<see cref="LuceneKnowledgeIndex.OpenDirectory"/>) against Lucene.Net's
/// <see cref="NIOFSDirectory"/> on the same file: every byte at every position, through clones, buffers refilled and
/// large reads that bypass the buffer, and the end of the file.
/// </summary>
public sealed class PositionalReadDirectoryTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("archmcp-pread-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private byte[] WriteFile(string name, int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        using var directory = LuceneKnowledgeIndex.OpenDirectory(_folder);
        using var output = directory.CreateOutput(name, IOContext.DEFAULT);
        output.WriteBytes(bytes, bytes.Length);
        return bytes;
    }

    [Fact]
    public void OpenInput_ReadsWhatLucenesOwnDirectoryReads_AtEveryPositionAndThroughClones()
    {
        var bytes = WriteFile("data.bin", 50_000);
        using var ours = LuceneKnowledgeIndex.OpenDirectory(_folder);
        using var lucenes = new NIOFSDirectory(new DirectoryInfo(_folder));
        using var a = ours.OpenInput("data.bin", IOContext.DEFAULT);
        using var b = lucenes.OpenInput("data.bin", IOContext.DEFAULT);
        Assert.Equal(bytes.Length, a.Length);

        var random = new Random(7);
        var clone = (IndexInput)a.Clone();
        for (var i = 0; i < 500; i++)
        {
            var at = random.Next(bytes.Length - 8);
            var length = random.Next(1, Math.Min(5_000, bytes.Length - at));
            foreach (var input in new[] { a, clone })
            {
                input.Seek(at);
                b.Seek(at);
                Assert.Equal(b.ReadInt64(), input.ReadInt64());
                input.Seek(at);
                b.Seek(at);
                var ourBytes = new byte[length];
                var theirBytes = new byte[length];
                input.ReadBytes(ourBytes, 0, length);
                b.ReadBytes(theirBytes, 0, length);
                Assert.Equal(theirBytes, ourBytes);
                Assert.Equal(bytes.AsSpan(at, length).ToArray(), ourBytes);
                Assert.Equal(b.Position, input.Position);
            }
        }

        // a clone's disposal leaves its original open, and the original reads on
        clone.Dispose();
        a.Seek(0);
        Assert.Equal(bytes[0], a.ReadByte());
    }

    [Fact]
    public void ReadBytes_PastTheEndOfTheFile_Throws()
    {
        WriteFile("short.bin", 100);
        using var directory = LuceneKnowledgeIndex.OpenDirectory(_folder);
        using var input = directory.OpenInput("short.bin", IOContext.DEFAULT);

        input.Seek(90);

        Assert.Throws<EndOfStreamException>(() => input.ReadBytes(new byte[20], 0, 20));
    }
}
