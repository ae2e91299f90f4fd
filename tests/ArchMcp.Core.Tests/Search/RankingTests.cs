using ArchMcp.Core.Indexing;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using ArchMcp.Core.Tests.Engine;
using ArchMcp.Tests.Shared;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// The search engine's shortcuts against what plain Lucene computes on the same real index: fuzzy matching of unknown
/// words, the best section of each ranked file, the proximity pairs a query gets, and rule search scoring rule text
/// from sections.
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
        _owned.Add(directory);
        var reader = DirectoryReader.Open(directory);
        _owned.Add(reader);
        return (new IndexSearcher(reader) { Similarity = LuceneKnowledgeIndex.Similarity }, engine);
    }

    private static List<(int Doc, float Score)> Hits(IndexSearcher searcher, Query query) =>
        [.. searcher.Search(query, 1000).ScoreDocs.Select(h => (h.Doc, h.Score))];

    [SkippableTheory]
    [InlineData("")]
    [InlineData("govuk-aws")]
    [InlineData("zalando")]
    public async Task Build_WhenWordIsUnknown_MatchesWhatLuceneFuzzyQueryMatches(string source)
    {
        var searcher = await SearcherAsync(source);
        var reader = searcher.IndexReader;
        var words = new List<string>();
        var terms = MultiFields.GetTerms(reader, IndexFields.Body).GetEnumerator();
        while (terms.MoveNext())
        {
            var word = terms.Term.Utf8ToString();
            if (word.Length >= 6 && word.All(char.IsLetter))
            {
                // a dropped letter, and two letters swapped
                words.Add(word[..2] + word[3..]);
                words.Add(word[..2] + word[3] + word[2] + word[4..]);
            }
        }

        var tested = 0;
        foreach (var fields in new[] { FileRanker.FileFields, FileRanker.SectionFields })
        {
            foreach (var word in words.Where((_, i) => i % 7 == 0))
            {
                var built = QueryFactory.Prepare(reader, [word]).Build(fields);
                if (built?.Clauses.Single().Query is not DisjunctionMaxQuery dismax || dismax.Disjuncts.Any(d => d is TermQuery))
                {
                    continue; // the word is in the index: matched exactly
                }

                var lucene = new DisjunctionMaxQuery(0.2f);
                foreach (var f in fields)
                {
                    lucene.Add(new FuzzyQuery(new Term(f.Name, word), QueryFactory.FuzzyEdits, prefixLength: 1, maxExpansions: QueryFactory.FuzzyExpansions, transpositions: true) { Boost = f.Boost * QueryFactory.FuzzyWeight });
                }

                Assert.Equal(Hits(searcher, new BooleanQuery(disableCoord: true) { { lucene, Occur.SHOULD } }), Hits(searcher, built));
                tested++;
            }
        }

        Assert.True(tested > 20, $"only {tested} misspellings tested");
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
    [InlineData("", "why do we use Kafka for domain events", false)]
    [InlineData("", "logging retention and security", true)]
    [InlineData("govuk-aws", "what superseded the decision on DNS definitions for hosts and services?", false)]
    [InlineData("govuk-aws", "plan for replacing mongo with documnetdb", true)]
    [InlineData("zalando", "json property names in request and response bodies: camelCase or snake_case?", false)]
    [InlineData("madr", "should considered options get short labels like [A] and [B] or be written out in full every time?", true)]
    public async Task FilePassTop_IsWhatLuceneFindsBestForTheFileQuery(string source, string text, bool decisionsOnly) =>
        AssertFilePassIsLucenes(await SearcherAsync(source), text, decisionsOnly);

    private static void AssertFilePassIsLucenes(IndexSearcher searcher, string text, bool decisionsOnly)
    {
        using var analyzer = new ArchAnalyzer(null);
        var terms = new QueryFactory(analyzer).Terms(text);
        var prepared = QueryFactory.Prepare(searcher.IndexReader, terms);
        var files = prepared.Build(FileRanker.FileFields)!;
        var filter = decisionsOnly ? new TermQuery(new Term(IndexFields.Kind, "decision")) : null;

        var top = FilePass.Top(searcher, prepared.Clauses(FileRanker.FileFields), filter, 60);

        var lucene = searcher.Search(files, filter is null ? null : new QueryWrapperFilter(filter), 60).ScoreDocs;
        Assert.NotEmpty(top);
        Assert.Equal(lucene.Select(h => h.Doc), top.Select(t => t.Doc));
        // the same sums, but a file's field scores may be added in another order: equal to a float's last bits
        Assert.All(lucene.Zip(top), p => Assert.Equal(p.First.Score, p.Second.Score, p.First.Score * 1e-6f));
        Assert.All(top, t => Assert.Equal(t.Key, searcher.Doc(t.Doc).Get(IndexFields.Key)));
    }

    [SkippableFact]
    public async Task FilePassAndSections_OnAnIndexLargeEnoughToSplitAcrossCores_AreWhatLuceneFinds()
    {
        Skip.If(Environment.ProcessorCount < 2, "This machine has one core: a search never splits its work over segments.");
        // the fixtures copied until the index has enough files for a search to score its segments side by side
        var engine = new EngineHarness(EngineHarness.Empty);
        _owned.Add(engine);
        var copies = (Segments.SplitFrom / System.IO.Directory.GetFiles(TempKnowledgeFolder.FixturesPath, "*.md", SearchOption.AllDirectories).Length) + 10;
        for (var i = 0; i < copies; i++)
        {
            CopyTree(TempKnowledgeFolder.FixturesPath, Path.Combine(engine.Folder.Path, $"copy-{i:000}"));
        }

        await engine.Service.RefreshAsync();
        await engine.ReindexFirstFileAsync("\n\nKafka domain events and logging retention.\n");
        var directory = LuceneKnowledgeIndex.OpenDirectory(Path.Combine(engine.IndexPath, "lucene"));
        _owned.Add(directory);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = LuceneKnowledgeIndex.Similarity };
        Assert.True(reader.Leaves.Count >= 2, $"the index has {reader.Leaves.Count} segment: nothing to split");
        var files = searcher.Search(new TermQuery(new Term(IndexFields.Type, IndexFields.TypeDoc)), 1).TotalHits;
        Assert.True(files >= Segments.SplitFrom, $"only {files} files indexed");

        // twice: the common words' postings are decoded by the first asking (into files' slots, deleted ones included)
        // and read from there by the second
        var questions = new[] { ("why do we use Kafka for domain events", false), ("logging retention and security", true), ("api errors, logging, events and data for services", false) };
        foreach (var (text, decisionsOnly) in questions.Concat(questions))
        {
            AssertFilePassIsLucenes(searcher, text, decisionsOnly);
            AssertEachHitsSectionIsLucenes(searcher, text);
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [SkippableTheory]
    [InlineData("", "kafka domain events on a topic, with the event schema in the registry")]
    [InlineData("", "error responses never contain stack traces; public APIs put the major version in the path")]
    [InlineData("zalando", "json property names in request and response bodies: camelCase or snake_case?")]
    [InlineData("zalando", "must use cursor based pagination for large collections")]
    [InlineData("govuk-aws", "the load balancer health check of the backend machines")]
    public async Task WordPairs_ScoreEveryEntryAsLucenesSloppyPhraseQuery(string source, string text)
    {
        var searcher = await SearcherAsync(source);
        using var analyzer = new ArchAnalyzer(null);
        var pairs = QueryFactory.Prepare(searcher.IndexReader, new QueryFactory(analyzer).Terms(text)).WordPairs(FileRanker.SectionFields, IndexFields.SectionText);

        Assert.True(pairs.Count >= 3, $"only {pairs.Count} word pairs");
        var matched = 0;
        foreach (var pair in pairs)
        {
            var lucene = searcher.Search(pair.ToQuery(), 100_000).ScoreDocs.ToDictionary(h => h.Doc, h => h.Score);
            var ours = new Dictionary<int, float>();
            var weight = WordPairs.Weight(searcher, pair);
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var live = leaf.AtomicReader.LiveDocs;
                var docs = Enumerable.Range(0, leaf.AtomicReader.MaxDoc).Where(d => live is null || live.Get(d)).ToList();
                WordPairs.Score(new WordPairs.Readers(leaf), pair, searcher.Similarity.GetSimScorer(weight, leaf), docs, (i, score) => ours.Add(leaf.DocBase + docs[i], score));
            }

            Assert.Equal(lucene.Keys.Order(), ours.Keys.Order());
            Assert.All(lucene, h => Assert.Equal(h.Value, ours[h.Key]));
            matched += lucene.Count;
        }

        Assert.True(matched > 3, $"the pairs of \"{text}\" matched only {matched} entries");
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("zalando")]
    public async Task Clauses_WhenTheirWordsAreKnownFromEarlierQuestions_PointEachTermAtItsOwnPostings(string source)
    {
        var reader = (await SearcherAsync(source)).IndexReader;
        using var analyzer = new ArchAnalyzer(null);
        WeightedField[] fields = [.. FileRanker.FileFields, .. FileRanker.SectionFields];
        string[] texts = ["why do we use Kafka for domain events", "api errors, logging, events and data for services", "json property names: camelCase or snake_case?"];
        var tested = 0;
        // the first round looks the words up; the second finds them known, each text after the others' words
        for (var round = 0; round < 2; round++)
        {
            foreach (var text in texts)
            {
                foreach (var term in QueryFactory.Prepare(reader, new QueryFactory(analyzer).Terms(text)).Clauses(fields).Where(c => !c.Fuzzy).SelectMany(c => c.Fields).SelectMany(t => t))
                {
                    Assert.Equal(reader.DocFreq(term.Term), term.Stats.DocFreq);
                    Assert.Equal(reader.TotalTermFreq(term.Term), term.Stats.TotalTermFreq);
                    foreach (var leaf in reader.Leaves)
                    {
                        var expected = Docs(leaf.AtomicReader.GetTermDocsEnum(term.Term));
                        var terms = leaf.AtomicReader.GetTerms(term.Term.Field)?.GetEnumerator();
                        List<int> actual = [];
                        if (term.Stats.Get(leaf.Ord) is { } state)
                        {
                            terms!.SeekExact(term.Term.Bytes, state);
                            actual = Docs(terms.Docs(leaf.AtomicReader.LiveDocs, null));
                        }

                        Assert.Equal(expected, actual);
                        tested++;
                    }
                }
            }
        }

        Assert.True(tested > 40, $"only {tested} terms tested");

        static List<int> Docs(DocsEnum? docs)
        {
            List<int> result = [];
            for (var doc = docs?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS; doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs!.NextDoc())
            {
                result.Add(doc);
            }

            return result;
        }
    }

    [Fact]
    public async Task Build_WhenAWordIsMissingFromTheSectionText_NoWordPairHasIt()
    {
        var searcher = await SearcherAsync("");

        var query = QueryFactory.Prepare(searcher.IndexReader, ["kafka", "zzzunknown", "event", "topic"]).Build(FileRanker.SectionFields, IndexFields.SectionText)!;

        var pairs = query.Clauses.Select(c => c.Query).OfType<PhraseQuery>().Select(p => string.Join(' ', p.GetTerms().Select(t => t.Text))).ToList();
        Assert.Equal(["event topic"], pairs);
    }

    [SkippableTheory]
    [InlineData("", "log retention and personal data in logs")]
    [InlineData("", "api errors, logging, events and data for services")]
    [InlineData("zalando", "json property names in request and response bodies: camelCase or snake_case?")]
    [InlineData("zalando", "must use cursor based pagination for large collections")]
    [InlineData("gds-way", "store secrets and credentials outside source control")]
    public async Task RulePassTop_ScoresEveryRuleAsLuceneScoresItsWholeText(string source, string text)
    {
        var (searcher, engine) = await EngineAsync(source);
        using var analyzer = new ArchAnalyzer(null);
        var terms = new QueryFactory(analyzer).Terms(text);
        var top = RulePass.Top(searcher, QueryFactory.Prepare(searcher.IndexReader, terms).Clauses(RulePass.Fields), null, 100_000);

        // the old layout: every rule with its whole text in its own field, searched by plain Lucene with the same statistics
        using var reference = RuleReference(engine, analyzer);
        using var referenceReader = DirectoryReader.Open(reference);
        var oracle = new StatisticsOf(referenceReader, searcher) { Similarity = LuceneKnowledgeIndex.Similarity };
        WeightedField[] withText = [new(IndexFields.RuleStatement, 2f), new(IndexFields.RuleText, 1f), new(IndexFields.RuleContext, 0.5f)];
        var query = QueryFactory.Prepare(referenceReader, terms).Build(withText)!;
        var expected = oracle.Search(query, 100_000).ScoreDocs.ToDictionary(h => RuleOf(oracle, h.Doc), h => h.Score);

        Assert.True(top.Count > 3, $"only {top.Count} rules found");
        Assert.Equal(expected.Count, top.Count);
        foreach (var (doc, score) in top)
        {
            Assert.True(expected.TryGetValue(RuleOf(searcher, doc), out var want), $"{RuleOf(searcher, doc)} not found by Lucene");
            Assert.Equal(want, score, want * 1e-5f);
        }
    }

    private static string RuleOf(IndexSearcher searcher, int doc)
    {
        var d = searcher.Doc(doc);
        return $"{d.Get(IndexFields.Key)}#{d.GetField(IndexFields.Ordinal).GetInt32Value()}";
    }

    /// <summary>The live rules of the engine's folder as the index had them before: each with its whole text indexed.</summary>
    private static RAMDirectory RuleReference(EngineHarness engine, ArchAnalyzer analyzer)
    {
        var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(ArchAnalyzer.Version, analyzer) { Similarity = LuceneKnowledgeIndex.Similarity });
        var root = new KnowledgeRoot(Path.GetFileName(engine.Folder.Path), engine.Folder.Path);
        var textOnly = new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS };
        foreach (var doc in KnowledgeLoader.LoadAll(root, new KnowledgeOptions().MaxFileBytes, []).Select(f => f.Document).OfType<KnowledgeDocument>())
        {
            var entries = DocumentMapper.Map(doc, new FileStamp(0, 0, ""));
            foreach (var rule in entries.Where(e => e.GetField(IndexFields.Ordinal) is not null))
            {
                if (rule.GetField(IndexFields.RuleText) is null)
                {
                    var ordinal = rule.GetField(IndexFields.Ordinal).GetInt32Value()!.Value;
                    rule.RemoveFields(IndexFields.TextAt);
                    rule.Add(new Field(IndexFields.RuleText, doc.Rules[ordinal].Text, textOnly));
                }

                writer.AddDocument(rule);
            }
        }

        writer.Commit();
        return directory;
    }

    /// <summary>A searcher of <paramref name="reader"/> scoring with the statistics of the real index (rule text: its section text's).</summary>
    private sealed class StatisticsOf(IndexReader reader, IndexSearcher real) : IndexSearcher(reader)
    {
        private static string Source(string field) => field == IndexFields.RuleText ? IndexFields.SectionText : field;

        public override CollectionStatistics CollectionStatistics(string field)
        {
            var s = real.CollectionStatistics(Source(field));
            return new CollectionStatistics(field, s.MaxDoc, s.DocCount, s.SumTotalTermFreq, s.SumDocFreq);
        }

        public override TermStatistics TermStatistics(Term term, TermContext context)
        {
            var source = new Term(Source(term.Field), term.Bytes);
            return real.TermStatistics(source, TermContext.Build(real.IndexReader.Context, source));
        }
    }
}
