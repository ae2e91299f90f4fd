using ArchMcp.Core.Loading;
using BenchmarkDotNet.Attributes;

namespace ArchMcp.Benchmarks;

/// <summary>
/// Markdown → KnowledgeDocument, per kind of file, on the shared corpora held in memory (no I/O). Each invocation
/// parses <see cref="Batch"/> files, cycling through the corpus, so the figure is the mean time per file.
/// </summary>
[BenchmarkCategory("parse")]
public class ParsingBenchmarks
{
    public const int Batch = 16;

    private List<(string RelativePath, string Content)> _files = [];
    private string _corpus = "";
    private int _next;

    /// <summary>"kind:corpus" — the kind of Markdown and the corpus that stands for it.</summary>
    [ParamsSource(nameof(Kinds))]
    public string Kind { get; set; } = "";

    public static IEnumerable<string> Kinds => BenchData.CorpusKinds.Select(k => $"{k.Value}:{k.Key}");

    [GlobalSetup]
    public void Setup()
    {
        _corpus = Kind[(Kind.IndexOf(':', StringComparison.Ordinal) + 1)..];
        _files = BenchData.LoadCorpus(_corpus);
        _next = 0;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "parse one file")]
    public int ParseFile()
    {
        var sections = 0;
        for (var i = 0; i < Batch; i++)
        {
            var (path, content) = _files[_next];
            _next = (_next + 1) % _files.Count;
            sections += MarkdownKnowledgeParser.Parse(_corpus, path, content).Sections.Count;
        }

        return sections;
    }
}
