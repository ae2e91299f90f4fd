using ArchMcp.Core.Indexing;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;

namespace ArchMcp.Core.Tests.Engine;

/// <summary>
/// Indexing analyses each distinct word once and replays the result: what reaches the index (terms, positions,
/// offsets) must be exactly what the plain analysis makes, stop-word gaps across words included.
/// </summary>
public sealed class MemoizedAnalysisTests : IDisposable
{
    private readonly ArchAnalyzer _plain = new(null);
    private readonly ArchAnalyzer _memoized = new(null, memoize: true);

    public void Dispose()
    {
        _plain.Dispose();
        _memoized.Dispose();
    }

    [Theory]
    [InlineData("the API of the orderService and the order_service, again: orderService")]
    [InlineData("it's the team's it's")] // words made only of stop words, twice, at the start and at the end
    [InlineData("the_of a_the_b The_Service")] // compounds whose whole and parts are stop words
    [InlineData("we should use Fuse.js; Fuse.js is what we use")]
    [InlineData("HTTPServer v2 S3 version 1.2.3 2024-01-05 ADR-0012")]
    [InlineData("Ünïcödé naïve café CAFÉ straße 日本語のテキスト 😀 emoji")]
    [InlineData("")]
    [InlineData("the of and")]
    public void Analyze_WhenWordsRepeat_MatchesThePlainAnalysis(string text)
    {
        // twice through the same stream: the second pass is served from what the first remembered
        Assert.Equal(Tokens(_plain, text), Tokens(_memoized, text));
        Assert.Equal(Tokens(_plain, text), Tokens(_memoized, text));
    }

    [Fact]
    public void Analyze_WhenATokenIsLongerThanTheTokenizerAllows_KeepsItsPositionGap()
    {
        var text = "start " + new string('x', 300) + " the end " + new string('y', 50) + " end";

        Assert.Equal(Tokens(_plain, text), Tokens(_memoized, text));
    }

    [Fact]
    public void Analyze_WhenMoreDistinctWordsThanKept_StillMatches()
    {
        var text = string.Join(' ', Enumerable.Range(0, MemoizedChainFilter.MaxWords + 500).Select(i => $"w{i}x the Word{i}Part"));

        Assert.Equal(Tokens(_plain, text), Tokens(_memoized, text));
    }

    [Fact]
    public void Analyze_WhenShippedKnowledge_MatchesThePlainAnalysisForEveryFile()
    {
        Assert.NotNull(ShippedKnowledge.Path);
        AssertSameForFolder(ShippedKnowledge.Path!);
    }

    [SkippableFact]
    public void Analyze_WhenSharedCorpora_MatchesThePlainAnalysisForEveryFile()
    {
        Skip.If(Corpora.SkipReason is not null, Corpora.SkipReason);
        AssertSameForFolder(Corpora.Path!);
    }

    [Fact]
    public void Pieces_WhenShippedKnowledge_ReplayExactlyWhatAnalysingThemAloneGives()
    {
        Assert.NotNull(ShippedKnowledge.Path);
        AssertPiecesForFolder(ShippedKnowledge.Path!);
    }

    [SkippableFact]
    public void Pieces_WhenSharedCorpora_ReplayExactlyWhatAnalysingThemAloneGives()
    {
        Skip.If(Corpora.SkipReason is not null, Corpora.SkipReason);
        AssertPiecesForFolder(Corpora.Path!);
    }

    [Fact]
    public void Pieces_WhenTheWholeWasNotIndexedFirst_AreAnalysedAlone()
    {
        const string section = "The orderService keeps the order_service state; the team's services use it and Fuse.js again.";
        var whole = "# Title\n" + section + "\nmore text after it";
        var pieces = new PieceFields(whole);
        var wholeField = pieces.Whole("body", DocumentMapperTypes.Words);
        var piece = pieces.Section("stext", section, DocumentMapperTypes.Words);

        // another text recorded last: the piece cannot come from it
        Tokens(new PieceFields(whole + " ").Whole("body", DocumentMapperTypes.Words), _memoized);
        Assert.Equal(Tokens(_plain, section), Tokens(piece, _memoized));

        Tokens(wholeField, _memoized);
        Assert.Equal(Tokens(_plain, section), Tokens(piece, _memoized));
    }

    [Fact]
    public void Pieces_WhenManyWordsNotRememberedAreAnalysedBetween_StillReplayTheirOwn()
    {
        var link = "https://example.org/decisions/" + new string('a', 60); // longer than a word remembered
        var section = $"See {link} for how the orderService keeps its state, and {link}#again for the rest.";
        var whole = "# Title\n" + section + "\nmore text after it";
        var pieces = new PieceFields(whole);
        Tokens(pieces.Whole("body", DocumentMapperTypes.Words), _memoized);
        // other fields between the whole and its piece, with thousands of words too long to be remembered
        Tokens(_memoized, string.Join(' ', Enumerable.Range(0, 6000).Select(i => $"{i}{new string('z', 50)}")));
        Tokens(_memoized, string.Join(' ', Enumerable.Range(0, 6000).Select(i => $"{new string('y', 50)}{i}")));

        Assert.Equal(Tokens(_plain, section), Tokens(pieces.Section("stext", section, DocumentMapperTypes.Words), _memoized));
    }

    private void AssertPiecesForFolder(string folder)
    {
        var findings = new List<Finding>();
        var documents = KnowledgeLoader.LoadAll(new KnowledgeRoot("k", folder), 4 * 1024 * 1024, findings).Select(f => f.Document!).ToList();
        Assert.NotEmpty(documents);
        int pieces = 0, found = 0;
        foreach (var doc in documents)
        {
            var fields = new PieceFields(doc.Text);
            Tokens(fields.Whole("body", DocumentMapperTypes.Words), _memoized);
            int sectionsFrom = 0, rulesFrom = 0;
            foreach (var (text, isSection) in doc.Sections.Select(s => (s.Text, true)).Concat(doc.Rules.Select(r => (r.Text, false))))
            {
                pieces++;
                found += (isSection ? fields.Find(text, ref sectionsFrom) : fields.Find(text, ref rulesFrom)) >= 0 ? 1 : 0;
                var field = isSection ? fields.Section("stext", text, DocumentMapperTypes.Words) : fields.Rule("rtext", text, DocumentMapperTypes.Words);
                var expected = Tokens(_plain, text);
                var actual = Tokens(field, _memoized);
                Assert.True(expected.SequenceEqual(actual), $"{doc.Path}: the replayed piece differs at token {FirstDifference(expected, actual)}: {text[..Math.Min(80, text.Length)]}");
            }
        }

        // most pieces are long enough and found: the replay is what is being checked
        Assert.True(found > pieces / 2, $"only {found} of {pieces} pieces were found in their file's text");
    }

    private static List<Token> Tokens(Field field, Analyzer analyzer) => Read(field.GetTokenStream(analyzer));

    private void AssertSameForFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var expected = Tokens(_plain, text);
            var actual = Tokens(_memoized, text);
            Assert.True(expected.SequenceEqual(actual), $"{file}: the memoized analysis differs at token {FirstDifference(expected, actual)}.");
        }
    }

    private static int FirstDifference(List<Token> a, List<Token> b) =>
        Enumerable.Range(0, Math.Min(a.Count, b.Count)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Count, b.Count));

    private static List<Token> Tokens(Analyzer analyzer, string text) => Read(analyzer.GetTokenStream("body", text));

    private static List<Token> Read(TokenStream tokenStream)
    {
        var tokens = new List<Token>();
        using var stream = tokenStream;
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new Token(term.ToString(), increment.PositionIncrement, offset.StartOffset, offset.EndOffset, type.Type));
        }

        stream.End();
        tokens.Add(new Token("(end)", increment.PositionIncrement, offset.StartOffset, offset.EndOffset, ""));
        return tokens;
    }

    private readonly record struct Token(string Term, int Increment, int Start, int End, string Type);

    private static class DocumentMapperTypes
    {
        public static readonly FieldType Words = new(TextField.TYPE_NOT_STORED);
    }
}
