using ArchMcp.Core.Loading;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>
/// <see cref="SafeFile.Read"/> returns a file's bytes exactly, up to one byte past the limit, whether or not the
/// length the file reports when opened is the length read.
/// </summary>
public sealed class SafeFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("safefile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(int length)
    {
        var path = Path.Combine(_folder, $"f{length}.md");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26)))]);
        return path;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(70_000)]
    public void Read_ReturnsTheFileBytesExactly(int length)
    {
        var path = Write(length);

        var read = SafeFile.Read(path, null, 1 << 20);

        Assert.Equal(SafeReadOutcome.Read, read.Outcome);
        Assert.Equal(File.ReadAllBytes(path), read.Bytes);
        Assert.Equal(length, read.Length);
    }

    [Fact]
    public void Read_AtTheLimit_ReadsItAndOnePastIsTooLarge()
    {
        Assert.Equal(SafeReadOutcome.Read, SafeFile.Read(Write(100), null, 100).Outcome);

        var over = SafeFile.Read(Write(101), null, 100);

        Assert.Equal(SafeReadOutcome.TooLarge, over.Outcome);
        Assert.Equal(101, over.Length);
    }

    /// <summary>A file that reports no length (as Linux's /proc files do) is still read to its end, within the limit.</summary>
    [SkippableFact]
    public void Read_FileReportingNoLength_ReadsToItsEndWithinTheLimit()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/proc/self/status"), "needs Linux's /proc");
        var expected = File.ReadAllText("/proc/self/mounts");
        Skip.If(expected.Length < 2, "/proc/self/mounts is empty here");

        var read = SafeFile.Read("/proc/self/mounts", null, 1 << 20);
        var bounded = SafeFile.Read("/proc/self/mounts", null, 1);

        Assert.Equal(SafeReadOutcome.Read, read.Outcome);
        Assert.StartsWith(expected[..Math.Min(expected.Length, 40)], System.Text.Encoding.UTF8.GetString(read.Bytes), StringComparison.Ordinal);
        Assert.Equal(SafeReadOutcome.TooLarge, bounded.Outcome);
        Assert.Equal(2, bounded.Length);
    }
}
