using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using ArchMcp.Tests.Shared;
using Xunit.Abstractions;

namespace ArchMcp.Server.Tests.Trust;

/// <summary>
/// The index on disk, attacked from outside with real processes: garbage in the commit, in a segment's metadata and in
/// its postings, norms and terms; a full disk (a small tmpfs); an index folder that is read-only, a file, or has a
/// file or folder where the engine expects the other. Each case ends with the CLI answering as a fresh index does, or
/// with one clear line naming the path and what to do.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class IndexDiskTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly string[] Queries = ["kafka events", "api gateway", "http url casing"];
    private readonly TempKnowledgeFolder _knowledge = new(TempKnowledgeFolder.FixturesPath);
    private readonly string _index = Path.Combine(Path.GetTempPath(), "archmcp-tests", "disk-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _mounts = [];

    [SkippableTheory]
    [InlineData("segments_")]
    [InlineData(".si")]
    public async Task Cli_WhenCommitOrSegmentInfoHasGarbage_RebuildsWithOneLogLineAndAnswers(string file)
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await RunOkAsync("index");
        var before = await AnswersAsync();

        Garble(file, 16);
        var (exit, stdout, stderr) = await RunAsync("search", "kafka events");

        Assert.True(exit == 0, $"search after garbage in {file} exited {exit}: {stderr}");
        Assert.Single(stderr.Split('\n'), l => l.Contains("rebuilding", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("could not be opened", stderr, StringComparison.Ordinal);
        Assert.Contains(_index, stderr, StringComparison.Ordinal);
        Assert.Equal(before, await AnswersAsync());
    }

    [SkippableTheory]
    [InlineData(".doc")]
    [InlineData(".nvd")]
    [InlineData(".tim")]
    [InlineData(".pos")]
    public async Task Cli_WhenPostingsNormsOrTermsHaveGarbage_DetectsItAndAnswersAsBefore(string file)
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await RunOkAsync("index");
        var before = await AnswersAsync();

        Garble(file, 64);
        var (exit, _, stderr) = await RunAsync("search", "kafka events");

        Assert.True(exit == 0, $"search after garbage in {file} exited {exit}: {stderr}");
        Assert.Contains("corrupt", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await AnswersAsync());
    }

    [SkippableFact]
    public async Task IndexVerify_ChecksEveryFileAndSaysTheIndexIsSound()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await RunOkAsync("index");

        var (exit, stdout, stderr) = await RunAsync("index", "--verify");

        Assert.True(exit == 0, $"index --verify exited {exit}: {stderr}");
        Assert.Contains("verified", stdout, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Index_WhenDiskFull_FailsWithOneClearLine_AndSearchAnswersFromTheLastCommit_ThenCatchesUp()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        var disk = MountTmpfs("4m");
        Skip.If(disk is null, "needs root to mount a 4 MB tmpfs (mount -t tmpfs) for a full disk");
        var index = Path.Combine(disk!, "index");
        await RunOkAsync("index", "--index", index);
        File.AppendAllText(_knowledge.FullPath("decisions/0001-use-kafka-for-events.md"), "\nTopics are replicated to the Zanzibar cluster.\n");
        for (var n = 0; n < 9; n++)
        {
            _knowledge.Write($"decisions/{100 + n:D4}-filler-{n}.md", $"# {100 + n}. Filler {n}\n\n## Status\n\nAccepted\n\n" + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{n}x{i}")));
        }

        Fill(disk!);

        var (exit, stdout, stderr) = await RunAsync("index", "--index", index);
        output.WriteLine($"index on a full disk: exit {exit}: {stderr}");
        Assert.Equal(4, exit);
        Assert.DoesNotContain("AggregateException", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", stderr, StringComparison.Ordinal);
        Assert.Contains(index, stderr, StringComparison.Ordinal);

        (exit, stdout, stderr) = await RunAsync("search", "api gateway", "--index", index, "--format", "json");
        output.WriteLine($"search on a full disk: exit {exit}: {stderr}");
        Assert.True(exit == 0, $"search from the last commit exited {exit}: {stderr}");
        Assert.Contains("behind", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(JsonDocument.Parse(stdout).RootElement.GetProperty("hits").EnumerateArray());

        File.Delete(Path.Combine(disk!, "filler"));
        (exit, stdout, stderr) = await RunAsync("search", "zanzibar", "--index", index, "--format", "json");
        Assert.True(exit == 0, $"search after space was freed exited {exit}: {stderr}");
        Assert.Equal("ADR-0001", JsonDocument.Parse(stdout).RootElement.GetProperty("hits")[0].GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task Serve_WhenDiskFullAtStart_SaysBehindThenIndexesThePendingEditsOnceSpaceIsFreed()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        var disk = MountTmpfs("4m");
        Skip.If(disk is null, "needs root to mount a 4 MB tmpfs (mount -t tmpfs) for a full disk");
        var index = Path.Combine(disk!, "index");
        await RunOkAsync("index", "--index", index);
        for (var n = 0; n < 9; n++)
        {
            _knowledge.Write($"decisions/{100 + n:D4}-pending-{n}.md", $"# {100 + n}. Pending {n}\n\n## Status\n\nAccepted\n\nZeta{new string((char)('a' + n), 3)} " + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{n}x{i}")));
        }

        Fill(disk!);
        var port = FreePort();
        using var server = ArchMcpProcess.Start("serve", "--http", "--urls", $"http://127.0.0.1:{port}", "--knowledge", _knowledge.Path, "--index", index);
        server.StandardInput.Close();
        _ = server.StandardOutput.ReadToEndAsync();
        var log = server.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var behind = await PollReadyzAsync(http, body => body.Contains("behind", StringComparison.OrdinalIgnoreCase));
            output.WriteLine($"full disk: /readyz {behind}");
            Assert.StartsWith("503", behind, StringComparison.Ordinal);

            File.Delete(Path.Combine(disk!, "filler"));
            var ready = await PollReadyzAsync(http, body => body.StartsWith("200", StringComparison.Ordinal));
            output.WriteLine($"space freed: /readyz {ready}");
            var (exit, stdout, stderr) = await RunAsync("search", "zetaiii", "--index", index, "--format", "json");
            Assert.True(exit == 0, stderr);
            Assert.Equal("ADR-0108", JsonDocument.Parse(stdout).RootElement.GetProperty("hits")[0].GetProperty("id").GetString());
        }
        finally
        {
            ArchMcpProcess.KillHard(server);
            output.WriteLine(await log);
        }
    }

    [SkippableFact]
    public async Task Cli_WhenIndexPathIsAFile_SaysSoNamingThePath()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        Directory.CreateDirectory(Path.GetDirectoryName(_index)!);
        File.WriteAllText(_index, "not a folder");

        var (exit, _, stderr) = await RunAsync("search", "kafka");

        AssertClearIndexError(exit, stderr, _index);
    }

    [SkippableFact]
    public async Task Cli_WhenLuceneFolderIsAFile_SaysSoNamingThePath()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        Directory.CreateDirectory(_index);
        File.WriteAllText(Path.Combine(_index, "lucene"), "not a folder");

        var (exit, _, stderr) = await RunAsync("search", "kafka");

        AssertClearIndexError(exit, stderr, Path.Combine(_index, "lucene"));
    }

    [SkippableFact]
    public async Task Cli_WhenLockIsAFolder_AnswersFromAnUpToDateIndex_AndIndexSaysWhatToDo()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        await RunOkAsync("index");
        var before = await AnswersAsync();
        File.Delete(Path.Combine(_index, "archmcp.lock"));
        Directory.CreateDirectory(Path.Combine(_index, "archmcp.lock"));

        Assert.Equal(before, await AnswersAsync());
        var (exit, _, stderr) = await RunAsync("index");
        Assert.True(exit == 0, $"index of an up-to-date index with a folder for its lock exited {exit}: {stderr}");

        File.AppendAllText(_knowledge.FullPath("decisions/0001-use-kafka-for-events.md"), "\nTopics are replicated to the Zanzibar cluster.\n");
        (exit, _, stderr) = await RunAsync("index");
        AssertClearIndexError(exit, stderr, Path.Combine(_index, "archmcp.lock"));
    }

    [SkippableFact]
    public async Task Cli_WhenIndexFolderReadOnly_AnswersFromAnUpToDateIndex_AndSaysBehindAfterAnEdit()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        var disk = MountTmpfs("16m");
        Skip.If(disk is null, "needs root to mount a tmpfs and remount it read-only");
        var index = Path.Combine(disk!, "index");
        await RunOkAsync("index", "--index", index);
        var before = await AnswersAsync("--index", index);
        Skip.If(!Remount(disk!, "ro"), "cannot remount the tmpfs read-only");

        Assert.Equal(before, await AnswersAsync("--index", index));
        var (exit, _, stderr) = await RunAsync("index", "--index", index);
        Assert.True(exit == 0, $"index of an up-to-date read-only index exited {exit}: {stderr}");

        File.AppendAllText(_knowledge.FullPath("decisions/0001-use-kafka-for-events.md"), "\nTopics are replicated to the Zanzibar cluster.\n");
        (exit, _, stderr) = await RunAsync("search", "kafka", "--index", index);
        Assert.True(exit == 0, $"search on a read-only index behind the files exited {exit}: {stderr}");
        Assert.Contains("behind", stderr, StringComparison.OrdinalIgnoreCase);
        (exit, _, stderr) = await RunAsync("index", "--index", index);
        AssertClearIndexError(exit, stderr, index);
        Assert.Contains("read-only", stderr, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        foreach (var mount in _mounts)
        {
            Run("umount", "-l", mount);
            TryDelete(mount);
        }

        _knowledge.Dispose();
        if (File.Exists(_index))
        {
            File.Delete(_index);
        }

        TryDelete(_index);
    }

    private void AssertClearIndexError(int exit, string stderr, string path)
    {
        output.WriteLine($"exit {exit}: {stderr}");
        Assert.Equal(4, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("archmcp:", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", line, StringComparison.Ordinal);
    }

    /// <summary>The search answers (ids, scores, snippets, lines) for a few queries, as JSON text.</summary>
    private async Task<string> AnswersAsync(params string[] extra)
    {
        var answers = new List<string>();
        foreach (var query in Queries)
        {
            var (exit, stdout, stderr) = await RunAsync(["search", query, "--limit", "10", "--format", "json", .. extra]);
            Assert.True(exit == 0, $"search {query} exited {exit}: {stderr}");
            answers.Add(stdout);
        }

        return string.Join('\n', answers);
    }

    /// <summary>Overwrites <paramref name="count"/> bytes in the middle of the first index file whose name contains <paramref name="marker"/>.</summary>
    private void Garble(string marker, int count)
    {
        var file = Directory.EnumerateFiles(Path.Combine(_index, "lucene")).Where(f => Path.GetFileName(f).Contains(marker, StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(file);
        var at = Math.Max(0, (bytes.Length / 2) - (count / 2));
        for (var i = at; i < Math.Min(bytes.Length, at + count); i++)
        {
            bytes[i] = (byte)(0xA5 ^ i);
        }

        File.WriteAllBytes(file, bytes);
        output.WriteLine($"{count} garbage bytes at {at} in {Path.GetFileName(file)} ({bytes.Length} bytes)");
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var all = new List<string>(args) { "--knowledge", _knowledge.Path };
        if (!args.Contains("--index"))
        {
            all.AddRange(["--index", _index]);
        }

        return ArchMcpProcess.RunAsync(Timeout, [.. all]);
    }

    private async Task RunOkAsync(params string[] args)
    {
        var (exit, _, stderr) = await RunAsync(args);
        Assert.True(exit == 0, $"{string.Join(' ', args)} exited {exit}: {stderr}");
    }

    /// <summary>A fresh tmpfs of <paramref name="size"/>; null when this machine does not allow mounting one.</summary>
    private string? MountTmpfs(string size)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var dir = Path.Combine(Path.GetTempPath(), "archmcp-tests", "tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", dir) != 0)
        {
            TryDelete(dir);
            return null;
        }

        _mounts.Add(dir);
        return dir;
    }

    private static bool Remount(string dir, string mode) => Run("mount", "-o", $"remount,{mode}", dir) == 0;

    /// <summary>Fills the file system of <paramref name="dir"/> with a file named "filler" until no space is left.</summary>
    private static void Fill(string dir)
    {
        using var filler = new FileStream(Path.Combine(dir, "filler"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // full
        }

        try
        {
            while (true)
            {
                filler.Write([1]);
            }
        }
        catch (IOException)
        {
            // full to the byte
        }
    }

    private static async Task<string> PollReadyzAsync(HttpClient http, Func<string, bool> until)
    {
        var watch = Stopwatch.StartNew();
        var last = "";
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (until(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"/readyz never matched; last: {last}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Run(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            using var p = Process.Start(info)!;
            p.WaitForExit(30_000);
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
