using ArchMcp.Core.Indexing;
using ArchMcp.Core.Search;
using ArchMcp.Core.Tests.Engine;
using ArchMcp.Tests.Shared;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// <see cref="Bm25"/> is Lucene's <see cref="BM25Similarity"/> with its factors open: the same norms written, the same
/// scores and explanations for every query the engine builds, to the last bit.
/// </summary>
public sealed class Bm25Tests
{
    [Fact]
    public void ComputeNorm_IsBm25SimilaritysForEveryLengthOverlapAndBoost()
    {
        var lucene = new BM25Similarity();
        var ours = new Bm25();
        var tested = 0;
        foreach (var boost in new[] { 1f, 0.5f, 2f, 3.7f })
        {
            for (var length = 0; length < 300_000; length += length < 2_000 ? 1 : 97)
            {
                foreach (var overlap in new[] { 0, 1, length / 3 })
                {
                    var state = new FieldInvertState("body", length, length, overlap, 0, boost);
                    Assert.Equal(lucene.ComputeNorm(state), ours.ComputeNorm(state));
                    tested++;
                }
            }
        }

        Assert.True(tested > 10_000);
    }

    [SkippableTheory]
    [InlineData("", "why do we use Kafka for domain events")]
    [InlineData("", "api errors, logging, events and data for services")]
    [InlineData("govuk-aws", "pg and mysql on a managed AWS database service instead of puppet-managed VMs")]
    [InlineData("zalando", "json property names in request and response bodies: camelCase or snake_case?")]
    public async Task Search_ScoresAndExplainsEveryEntryAsBm25Similarity(string source, string text)
    {
        if (source.Length > 0)
        {
            Skip.If(Corpora.SkipReason is not null, Corpora.SkipReason);
            Skip.IfNot(Corpora.Has(source), $"Corpus '{source}' is missing from {Corpora.Path}.");
        }

        using var engine = new EngineHarness(source.Length == 0 ? "" : Corpora.Folder(source));
        await engine.Service.RefreshAsync();
        using var directory = LuceneKnowledgeIndex.OpenDirectory(Path.Combine(engine.IndexPath, "lucene"));
        using var reader = DirectoryReader.Open(directory);
        var ours = new IndexSearcher(reader) { Similarity = new Bm25() };
        var lucene = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        using var analyzer = new ArchAnalyzer(null);
        var prepared = QueryFactory.Prepare(reader, new QueryFactory(analyzer).Terms(text));

        // the file query (term queries, boosts) and the section query (with its sloppy word pairs)
        foreach (var query in new[] { prepared.Build(FileRanker.FileFields)!, prepared.Build(FileRanker.SectionFields, IndexFields.SectionText)! })
        {
            var expected = lucene.Search(query, reader.MaxDoc).ScoreDocs;
            var actual = ours.Search(query, reader.MaxDoc).ScoreDocs;

            Assert.True(expected.Length > 5, $"only {expected.Length} entries match {query}");
            Assert.Equal(expected.Select(h => (h.Doc, h.Score)), actual.Select(h => (h.Doc, h.Score)));
            foreach (var hit in expected.Take(5))
            {
                Assert.Equal(lucene.Explain(query, hit.Doc).Value, ours.Explain(query, hit.Doc).Value);
            }
        }
    }
}
