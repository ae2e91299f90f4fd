using ArchMcp.Core.Tests.Harness;
using ArchMcp.Search;
using ArchMcp.Tests.Shared;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// <see cref="TopHits.ByKey"/> collects the best entries and those tied with the last place in one search; the plain
/// path is Lucene's top n + 1 and, when the last two tie, a second search for every entry with that score. Both are
/// run on an index where every file has identical copies (so ties at the cut are the rule), with several segments and
/// deleted entries.
/// </summary>
public sealed class TopHitsTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned))
        {
            d.Dispose();
        }
    }

    [Theory]
    [InlineData("why do we use Kafka for domain events")]
    [InlineData("log retention and personal data in logs, api errors")]
    [InlineData("postgres on virtual machines or managed database")]
    [InlineData("grpc between services")]
    [InlineData("naming rules for dotnet")]
    public async Task ByKey_KeepsWhatLucenesTopHitsAndASearchForTheTiedOnesKeep(string text)
    {
        var searcher = await CopiesSearcherAsync();
        using var analyzer = new ArchAnalyzer(null);
        var prepared = QueryFactory.Prepare(searcher.IndexReader, new QueryFactory(analyzer).Terms(text));
        var decisions = new QueryWrapperFilter(new TermQuery(new Term(IndexFields.Kind, "decision")));
        var tiesAtTheCut = 0;
        foreach (var fields in new[] { FileRanker.FileFields, RuleRanker.Fields })
        {
            var query = prepared.Build(fields)!;
            foreach (var filter in new Filter?[] { null, decisions })
            {
                foreach (var n in new[] { 1, 2, 3, 5, 8, 13, 60 })
                {
                    var (expected, tied) = Plain(searcher, query, filter, n);
                    tiesAtTheCut += tied ? 1 : 0;
                    Assert.Equal(expected, TopHits.ByKey(searcher, query, filter, n));
                }
            }
        }

        Assert.True(tiesAtTheCut > 0, $"no tie at the cut for '{text}': the tied entries were not compared");
    }

    /// <summary>The plain path, and whether the last place was tied.</summary>
    private static (List<(int Doc, string Key, float Score)> Hits, bool Tied) Plain(IndexSearcher searcher, Query query, Filter? filter, int n)
    {
        var top = searcher.Search(query, filter, n + 1).ScoreDocs;
        IEnumerable<ScoreDoc> hits = top;
        var tied = top.Length > n && top[n].Score == top[n - 1].Score;
        if (tied)
        {
            var score = top[n - 1].Score;
            var all = searcher.Search(query, filter, Math.Max(1, searcher.IndexReader.MaxDoc)).ScoreDocs;
            hits = top.Where(h => h.Score > score).Concat(all.Where(h => h.Score == score));
        }

        var reader = searcher.IndexReader;
        var ranked = hits
            .Select(h => (h.Doc, Key: IndexKeys.Of(reader, h.Doc)!, h.Score))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Key, StringComparer.Ordinal)
            .ThenBy(h => h.Doc)
            .Take(n)
            .ToList();
        return (ranked, tied);
    }

    /// <summary>The fixtures three times over (the root and two copies), one file re-indexed and one more deleted, and a searcher on it.</summary>
    private async Task<IndexSearcher> CopiesSearcherAsync()
    {
        var engine = new EngineHarness();
        _owned.Add(engine);
        foreach (var copy in new[] { "copy-a", "copy-b" })
        {
            foreach (var file in Directory.EnumerateFiles(TempKnowledgeFolder.FixturesPath, "*.md", SearchOption.AllDirectories))
            {
                engine.Folder.Write(Path.Combine(copy, Path.GetRelativePath(TempKnowledgeFolder.FixturesPath, file)), File.ReadAllText(file));
            }
        }

        await engine.Service.RefreshAsync();
        await engine.ReindexFirstFileAsync("\n\nKafka domain events and managed databases.\n");
        var directory = LuceneKnowledgeIndex.OpenDirectory(Path.Combine(engine.IndexPath, "lucene"));
        _owned.Add(directory);
        RankingTests.DeleteOneFileWithoutMerging(directory);
        var reader = DirectoryReader.Open(directory);
        _owned.Add(reader);
        Assert.True(reader.Leaves.Count >= 2, $"{reader.Leaves.Count} segment: the search crosses no segments");
        Assert.True(reader.HasDeletions, "the index has no deleted entries");
        return new IndexSearcher(reader) { Similarity = LuceneKnowledgeIndex.Similarity };
    }
}
