using ArchMcp.Core;
using ArchMcp.Core.Model;
using BenchmarkDotNet.Attributes;

namespace ArchMcp.Benchmarks;

/// <summary>A full index of the five corpora into an empty folder (parse, map, write, commit, catalog).</summary>
[BenchmarkCategory("index")]
public class FullIndexBenchmarks
{
    private string? _index;

    [IterationSetup]
    public void NewFolder() => _index = BenchData.TempFolder("full");

    [IterationCleanup]
    public void RemoveFolder() => BenchData.Delete(_index);

    [Benchmark(Description = "full index, 5 corpora")]
    public async Task<int> FullIndex()
    {
        using var service = BenchData.Service(BenchData.RootSpecs(), _index!);
        var info = await service.RefreshAsync();
        return info.Documents;
    }
}

/// <summary>
/// Incremental refreshes over a writable copy of the corpora: nothing changed (the stat walk and the state
/// rebuild), and one file edited then found by a search (what a watching server does after a save).
/// </summary>
[BenchmarkCategory("index")]
public class IncrementalBenchmarks
{
    private string? _knowledge;
    private string? _index;
    private KnowledgeService? _service;
    private string _edited = "";
    private string _original = "";
    private int _round;
    private string _word = "";

    [GlobalSetup]
    public void Setup()
    {
        _knowledge = BenchData.TempFolder("knowledge");
        _index = BenchData.TempFolder("incremental");
        BenchData.CopyCorpora(_knowledge);
        _edited = Path.Combine(_knowledge, "govuk-aws", "docs", "architecture", "decisions", "0025-use-elasticache-for-redis.md");
        _original = File.ReadAllText(_edited);
        _service = BenchData.Service(BenchData.RootSpecs(_knowledge), _index);
        _service.RefreshAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _service?.Dispose();
        BenchData.Delete(_knowledge);
        BenchData.Delete(_index);
    }

    [Benchmark(Description = "refresh, nothing changed")]
    public async Task<int> RefreshNoChange() => (await _service!.RefreshAsync()).Documents;

    [IterationSetup(Target = nameof(OneFileChanged))]
    public void EditOneFile()
    {
        _round++;
        _word = $"zqbench{_round}x";
        File.WriteAllText(_edited, _original + $"\nThe benchmark adds the word {_word}.\n");
    }

    [Benchmark(Description = "one file edited → refresh → searchable")]
    public async Task<int> OneFileChanged()
    {
        await _service!.RefreshAsync();
        var result = await _service.SearchAsync(new SearchRequest { Query = _word, Limit = 5 });
        if (result.Hits.Count == 0)
        {
            throw new InvalidOperationException($"The edited word {_word} was not found after a refresh.");
        }

        return result.Hits.Count;
    }
}
