using ArchMcp.Core.Indexing;

namespace ArchMcp.Core.Tests.Engine;

/// <summary>Stored fields are read through <see cref="FileReadInput"/>: every byte where the file has it, from any position and clone.</summary>
public sealed class FileReadInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archmcp-fileread-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_AcrossAndBeyondItsBuffer_GiveTheFilesBytesWhereverTheySeek()
    {
        // three buffers and a bit, of bytes that tell their place
        var bytes = Enumerable.Range(0, (3 * FileReadInput.BufferBytes) + 777).Select(i => (byte)(i * 7 % 251)).ToArray();
        var path = Path.Combine(_folder, "_0.fdt");
        File.WriteAllBytes(path, bytes);

        using var input = FileReadInput.Open(path);
        Assert.Equal(bytes.Length, input.Length);

        var chunk = new byte[FileReadInput.BufferBytes + 5000];
        input.Seek(1234);
        input.ReadBytes(chunk, 0, chunk.Length);
        Assert.Equal(bytes.AsSpan(1234, chunk.Length).ToArray(), chunk);
        Assert.Equal(bytes[1234 + chunk.Length], input.ReadByte());

        using var clone = (FileReadInput)input.Clone();
        clone.Seek(bytes.Length - 3);
        input.Seek(10);
        Assert.Equal(bytes[^3..], new[] { clone.ReadByte(), clone.ReadByte(), clone.ReadByte() });
        Assert.Equal(bytes[10], input.ReadByte());
    }

    [Fact]
    public void Read_PastTheEnd_FailsNamingTheFileAndLeavesItReadable()
    {
        var path = Path.Combine(_folder, "_1.fdt");
        File.WriteAllBytes(path, [1, 2, 3, 4]);
        using var input = FileReadInput.Open(path);

        input.Seek(2);
        var error = Assert.Throws<EndOfStreamException>(() => input.ReadBytes(new byte[10], 0, 10));
        Assert.Contains("_1.fdt", error.Message, StringComparison.Ordinal);

        input.Seek(0);
        Assert.Equal(1, input.ReadByte());
    }

    [Fact]
    public void Clone_WhenDisposed_LeavesTheOriginalsFileOpen()
    {
        var path = Path.Combine(_folder, "_2.fdt");
        File.WriteAllBytes(path, [5, 6, 7]);
        using var input = FileReadInput.Open(path);

        ((FileReadInput)input.Clone()).Dispose();

        input.Seek(2);
        Assert.Equal(7, input.ReadByte());
    }
}
