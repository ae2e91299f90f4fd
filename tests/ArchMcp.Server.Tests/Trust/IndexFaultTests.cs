using System.Text.Json;
using ArchMcp.Tests.Shared;
using Xunit.Abstractions;

namespace ArchMcp.Server.Tests.Trust;

/// <summary>
/// Index integrity with real processes: SIGKILL during a full and an incremental index, then a clean start; two and
/// four index/search processes racing on one index folder. After every scenario the index equals the files on disk.
/// CI uses 800 generated decisions; ARCHMCP_LONG=1 uses 5,000 and more kill points.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class IndexFaultTests(ITestOutputHelper output) : IDisposable
{
    private static readonly bool Long = Environment.GetEnvironmentVariable("ARCHMCP_LONG") is "1" or "true";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly TempKnowledgeFolder _knowledge = new(null);
    private readonly string _index = Path.Combine(Path.GetTempPath(), "archmcp-tests", "idx-" + Guid.NewGuid().ToString("N"));

    private int FileCount => Long ? 5_000 : 800;

    [SkippableFact]
    public async Task Index_WhenKilledDuringFullIndex_NextRunMatchesDisk()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        var files = Generate(FileCount);
        var delays = Long ? new[] { 200, 600, 1000, 1500, 2500, 4000 } : [700, 1800];
        foreach (var delay in delays)
        {
            await KillAfterAsync(delay, "index");
        }

        await AssertIndexMatchesDiskAsync(files);
    }

    [SkippableFact]
    public async Task Index_WhenKilledDuringIncrementalUpdate_NextRunMatchesDisk()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        var files = Generate(FileCount);
        await IndexAsync();
        var rounds = Long ? 5 : 2;
        for (var round = 0; round < rounds; round++)
        {
            // edit a fifth, delete a tenth, add a tenth; then kill the update part-way
            var rng = new Random(round);
            foreach (var n in files.Keys.Where(_ => rng.Next(5) == 0).ToList())
            {
                files[n] = $"edited{round}x{n}";
                Write(n, files[n]);
            }

            foreach (var n in files.Keys.Where(_ => rng.Next(10) == 0).ToList())
            {
                File.Delete(PathOf(n));
                files.Remove(n);
            }

            var next = files.Keys.Max() + 1;
            for (var n = next; n < next + FileCount / 10; n++)
            {
                files[n] = $"added{round}x{n}";
                Write(n, files[n]);
            }

            await KillAfterAsync(700 + (round * 500), "index");
        }

        await AssertIndexMatchesDiskAsync(files);
    }

    [SkippableTheory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task IndexAndSearch_WhenStartedTogether_AllAnswerCorrectly(int processes)
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        var files = Generate(Long ? 2_000 : 400);
        foreach (var existing in new[] { false, true })
        {
            var runs = Enumerable.Range(0, processes).Select(i => i % 2 == 0
                ? ArchMcpProcess.RunAsync(Timeout, "index", "--knowledge", _knowledge.Path, "--index", _index, "--format", "json")
                : ArchMcpProcess.RunAsync(Timeout, "search", Token(files, i * 37), "--knowledge", _knowledge.Path, "--index", _index, "--format", "json")).ToList();
            var results = await Task.WhenAll(runs);
            for (var i = 0; i < results.Length; i++)
            {
                var (exit, stdout, stderr) = results[i];
                output.WriteLine($"existing={existing} process {i}: exit {exit}; {stderr.Trim()}");
                Assert.True(exit == 0, $"process {i} ({(i % 2 == 0 ? "index" : "search")}) exited {exit}: {stderr}");
                if (i % 2 == 1)
                {
                    var hits = JsonDocument.Parse(stdout).RootElement.GetProperty("hits");
                    Assert.Equal(files.Keys.OrderBy(k => k).ElementAt(i * 37 % files.Count), NumberOf(hits[0]));
                }
            }
        }

        await AssertIndexMatchesDiskAsync(files);
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        try
        {
            Directory.Delete(_index, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task KillAfterAsync(int delayMs, params string[] verb)
    {
        using var p = ArchMcpProcess.Start([.. verb, "--knowledge", _knowledge.Path, "--index", _index]);
        p.StandardInput.Close();
        var exited = p.WaitForExit(delayMs);
        ArchMcpProcess.KillHard(p);
        output.WriteLine($"kill after {delayMs} ms: {(exited ? $"had already exited ({p.ExitCode})" : "killed")}");
    }

    private async Task IndexAsync()
    {
        var (exit, _, stderr) = await ArchMcpProcess.RunAsync(Timeout, "index", "--knowledge", _knowledge.Path, "--index", _index);
        Assert.True(exit == 0, $"index exited {exit}: {stderr}");
    }

    /// <summary>A clean run succeeds (no stale lock), lists exactly the decisions on disk, and finds sampled files once.</summary>
    private async Task AssertIndexMatchesDiskAsync(Dictionary<int, string> files)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (exit, stdout, stderr) = await ArchMcpProcess.RunAsync(Timeout, "index", "--knowledge", _knowledge.Path, "--index", _index, "--format", "json");
        Assert.True(exit == 0, $"index after the faults exited {exit}: {stderr}");
        output.WriteLine($"clean index in {watch.ElapsedMilliseconds} ms");
        var info = JsonDocument.Parse(stdout).RootElement.GetProperty("info");
        Assert.Equal(files.Count, info.GetProperty("documents").GetInt32());
        Assert.Equal(files.Count, info.GetProperty("decisions").GetInt32());

        (exit, stdout, stderr) = await ArchMcpProcess.RunAsync(Timeout, "list", "--knowledge", _knowledge.Path, "--index", _index, "--format", "json");
        Assert.True(exit == 0, $"list exited {exit}: {stderr}");
        var listed = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("number").GetInt32()).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(files.Keys.Order(), listed.Order());

        // lost or duplicated Lucene documents show up in search: each sampled file's own token finds it exactly once
        foreach (var n in files.Keys.Where((_, i) => i % Math.Max(1, files.Count / 4) == 0).Take(4))
        {
            (exit, stdout, stderr) = await ArchMcpProcess.RunAsync(Timeout, "search", files[n], "--limit", "10", "--knowledge", _knowledge.Path, "--index", _index, "--format", "json");
            Assert.True(exit == 0, $"search exited {exit}: {stderr}");
            var hits = JsonDocument.Parse(stdout).RootElement.GetProperty("hits").EnumerateArray().ToList();
            Assert.Single(hits, h => NumberOf(h) == n);
            Assert.Equal(n, NumberOf(hits[0]));
        }
    }

    /// <summary>The number of a search hit, from its file name "decisions/00042-topic-42.md".</summary>
    private static int NumberOf(JsonElement hit) =>
        int.Parse(Path.GetFileName(hit.GetProperty("path").GetString()!)[..5], System.Globalization.CultureInfo.InvariantCulture);

    private Dictionary<int, string> Generate(int count)
    {
        var files = new Dictionary<int, string>();
        for (var n = 1; n <= count; n++)
        {
            files[n] = $"token{n}x{n % 7}";
            Write(n, files[n]);
        }

        return files;
    }

    private static string Token(Dictionary<int, string> files, int i) => files[files.Keys.OrderBy(k => k).ElementAt(i % files.Count)];

    private string PathOf(int n) => _knowledge.FullPath($"decisions/{n:D5}-topic-{n}.md");

    private void Write(int n, string token) => _knowledge.Write($"decisions/{n:D5}-topic-{n}.md",
        $"# {n}. Topic {n}\n\nDate: 2024-01-{1 + (n % 28):D2}\n\n## Status\n\nAccepted\n\n## Context\n\nWe need {token} for service {n}. " +
        string.Join(' ', Enumerable.Range(0, 40).Select(i => $"word{(n * 31 + i) % 500}")) + "\n\n## Decision\n\nWe use it.\n");
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "archmcp processes";
}
