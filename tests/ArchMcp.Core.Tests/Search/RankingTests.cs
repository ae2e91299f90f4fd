using ArchMcp.Core.Tests.Harness;
using ArchMcp.Search;
using ArchMcp.Tests.Shared;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// File ranking on a real index with several segments and deleted entries: the queries' term statistics against
/// Lucene's own lookup, the best section of each ranked file, and the proximity pairs a query gets.
/// </summary>
public sealed class RankingTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned))
        {
            d.Dispose();
        }
    }

    /// <summary>An index of the fixtures (source "") or of one shared corpus with one file re-indexed, and a searcher on it.</summary>
    private async Task<IndexSearcher> SearcherAsync(string source) => (await EngineAsync(source)).Searcher;

    private async Task<(IndexSearcher Searcher, EngineHarness Engine)> EngineAsync(string source)
    {
        if (source.Length > 0)
        {
            Corpora.Require(source);
        }

        var engine = new EngineHarness(source.Length == 0 ? "" : Corpora.Folder(source));
        _owned.Add(engine);
        await engine.Service.RefreshAsync();
        // a re-indexed file's old entries are deleted in the index: they must not be found
        await engine.ReindexFirstFileAsync("\n\nKafka domain events, JSON property names, DNS for hosts, cursor pagination, considered options.\n");
        var directory = LuceneKnowledgeIndex.OpenDirectory(Path.Combine(engine.IndexPath, "lucene"));
        DeleteOneFileWithoutMerging(directory);
        _owned.Add(directory);
        var reader = DirectoryReader.Open(directory);
        _owned.Add(reader);
        return (new IndexSearcher(reader) { Similarity = LuceneKnowledgeIndex.Similarity }, engine);
    }

    /// <summary>
    /// A merge may reclaim the re-indexed file's deleted entries (the first refresh writes more segments when more
    /// threads index), so one more file of the oldest segment is deleted with merging off: the index surely has deletions.
    /// </summary>
    internal static void DeleteOneFileWithoutMerging(Lucene.Net.Store.Directory directory)
    {
        string? victim;
        using (var reader = DirectoryReader.Open(directory))
        {
            var oldest = reader.Leaves[0].AtomicReader;
            victim = Enumerable.Range(0, oldest.MaxDoc)
                .Where(d => oldest.LiveDocs is null || oldest.LiveDocs.Get(d))
                .Select(d => oldest.Document(d).Get(IndexFields.Key))
                .LastOrDefault(k => k is not null);
        }

        Assert.NotNull(victim);
        var config = new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, null) { MergePolicy = NoMergePolicy.NO_COMPOUND_FILES, OpenMode = OpenMode.APPEND };
        using var writer = new IndexWriter(directory, config);
        writer.DeleteDocuments(new Term(IndexFields.Key, victim));
        writer.Commit();
    }

    [SkippableTheory]
    [InlineData("", "why do we use Kafka for domain events")]
    [InlineData("", "log retention and personal data in logs, api errors")]
    [InlineData("govuk-aws", "what superseded the decision on DNS definitions for hosts and services?")]
    [InlineData("govuk-aws", "plan for replacing mongo with documnetdb")]
    [InlineData("zalando", "json property names in request and response bodies: camelCase or snake_case?")]
    [InlineData("zalando", "must use cursor based pagination for large collections")]
    public async Task Build_WithTermsLookedUpTogether_ScoresAsTermQueriesThatLookThemselvesUp(string source, string text)
    {
        var searcher = await SearcherAsync(source);
        Assert.True(searcher.IndexReader.Leaves.Count >= 2, $"{searcher.IndexReader.Leaves.Count} segment: the lookups cross no segments");
        Assert.True(searcher.IndexReader.HasDeletions, "the index has no deleted entries");
        using var analyzer = new ArchAnalyzer(null);
        var terms = new QueryFactory(analyzer).Terms(text);
        var prepared = QueryFactory.Prepare(searcher.IndexReader, terms);
        var matched = 0;
        foreach (var (fields, proximity) in new[] { (FileRanker.FileFields, (string?)null), (FileRanker.SectionFields, IndexFields.SectionText), (RuleRanker.Fields, null) })
        {
            var built = prepared.Build(fields, proximity)!;
            var plain = new BooleanQuery(disableCoord: true);
            foreach (var clause in built.Clauses)
            {
                plain.Add(clause.Query is DisjunctionMaxQuery dismax ? LookingUpThemselves(dismax) : clause.Query, Occur.SHOULD);
            }

            var expected = searcher.Search(plain, 100_000).ScoreDocs;
            var actual = searcher.Search(built, 100_000).ScoreDocs;
            Assert.Equal(expected.Select(h => (h.Doc, h.Score)), actual.Select(h => (h.Doc, h.Score)));
            matched += expected.Length;
        }

        Assert.True(matched > 10, $"only {matched} entries match '{text}'");
    }

    /// <summary>The same clause with every term query made afresh, so Lucene looks its term up itself.</summary>
    private static DisjunctionMaxQuery LookingUpThemselves(DisjunctionMaxQuery dismax)
    {
        var copy = new DisjunctionMaxQuery(dismax.TieBreakerMultiplier);
        foreach (var q in dismax.Disjuncts)
        {
            copy.Add(q is TermQuery t ? new TermQuery(t.Term) { Boost = t.Boost } : q);
        }

        return copy;
    }

    [SkippableTheory]
    [InlineData("", "why do we use Kafka for domain events")]
    [InlineData("", "api errors, logging, events and data for services")]
    [InlineData("govuk-aws", "I changed the ASG launch config but the running instances still have the old user-data")]
    [InlineData("govuk-aws", "pg and mysql on a managed AWS database service instead of puppet-managed VMs")]
    [InlineData("zalando", "json property names in request and response bodies: camelCase or snake_case?")]
    [InlineData("zalando", "offset vs cursor pagination for large collections")]
    public async Task Rank_EachHitsSection_IsTheBestSectionLuceneFindsInThatFile(string source, string text) =>
        AssertEachHitsSectionIsLucenes(await SearcherAsync(source), text);

    private static void AssertEachHitsSectionIsLucenes(IndexSearcher searcher, string text)
    {
        using var analyzer = new ArchAnalyzer(null);
        var terms = new QueryFactory(analyzer).Terms(text);
        var sections = QueryFactory.Prepare(searcher.IndexReader, terms).Build(FileRanker.SectionFields, IndexFields.SectionText)!;

        var hits = FileRanker.Rank(searcher, terms, null, 30);

        Assert.NotEmpty(hits);
        foreach (var hit in hits)
        {
            var inFile = searcher.Search(new FilteredQuery(sections, new TermsFilter(new Term(IndexFields.Key, hit.Key))), 1).ScoreDocs;
            Assert.Equal(inFile.Length == 0 ? -1 : inFile[0].Doc, hit.SectionDoc);
        }
    }

    [SkippableTheory]
    [InlineData("", "why do we use Kafka for domain events")]
    [InlineData("govuk-aws", "pg and mysql on a managed AWS database service instead of puppet-managed VMs")]
    [InlineData("zalando", "offset vs cursor pagination for large collections")]
    public async Task Rank_OnTheIndexFolderOpenedByLucenesOwnDirectory_RanksTheSame(string source, string text)
    {
        var ours = await SearcherAsync(source);
        var folder = ((FSDirectory)((DirectoryReader)ours.IndexReader).Directory).Directory.FullName;
        using var directory = new NIOFSDirectory(new DirectoryInfo(folder));
        using var reader = DirectoryReader.Open(directory);
        var lucenes = new IndexSearcher(reader) { Similarity = LuceneKnowledgeIndex.Similarity };
        using var analyzer = new ArchAnalyzer(null);
        var terms = new QueryFactory(analyzer).Terms(text);

        var expected = FileRanker.Rank(lucenes, terms, null, 30);
        var actual = FileRanker.Rank(ours, terms, null, 30);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Select(h => FileRanker.ReadSection(lucenes, h)), actual.Select(h => FileRanker.ReadSection(ours, h)));
    }

    [Fact]
    public async Task Build_WhenAWordIsMissingFromTheSectionText_NoWordPairHasIt()
    {
        var searcher = await SearcherAsync("");

        var query = QueryFactory.Prepare(searcher.IndexReader, ["kafka", "zzzunknown", "event", "topic"]).Build(FileRanker.SectionFields, IndexFields.SectionText)!;

        var pairs = query.Clauses.Select(c => c.Query).OfType<PhraseQuery>().Select(p => string.Join(' ', p.GetTerms().Select(t => t.Text))).ToList();
        Assert.Equal(["event topic"], pairs);
    }
}
