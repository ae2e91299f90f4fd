using ArchMcp.Search;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Search;

/// <summary>Snippets: the sentence with the most query terms, highlighted.</summary>
public sealed class SnippetsTests : IDisposable
{
    private readonly ArchAnalyzer _analyzer = new(null);

    public void Dispose() => _analyzer.Dispose();

    private string Make(string text, string query) =>
        Snippets.Make(_analyzer, text, new HashSet<string>(new QueryFactory(_analyzer).Terms(query), StringComparer.Ordinal));

    [Fact]
    public void Make_WhenTheBestSentenceHasAWordWhoseStemEndsDifferently_PicksIt()
    {
        // "body" is stemmed to "bodi": the second sentence holds all three terms though "bodi" is not in its text
        var snippet = Make("The request and the response are logged.\n\nThe response body repeats the request.", "request response body");

        Assert.Equal("The **response** **body** repeats the **request**.", snippet);
    }

    [Fact]
    public void Make_WhenSentencesHoldAsManyTerms_PicksTheFirst()
    {
        var snippet = Make("Events go to Kafka topics in order. Consumers read Kafka topics later.", "kafka topics");

        Assert.Equal("Events go to **Kafka** **topics** in order. Consumers read **Kafka** **topics** later.", snippet);
    }

    [Fact]
    public void Make_WhenNoSentenceMatches_ShowsTheFirstWithSpacesAndLineBreaksCollapsed()
    {
        var snippet = Make("  One   line\nand  another.  Second sentence.", "kafka");

        Assert.Equal("One line and another. Second sentence.", snippet);
    }

    [Fact]
    public void Make_WhenATermIsPartOfACompoundWord_HighlightsTheWholeWordOnce()
    {
        var snippet = Make("Releases are built on GitHub runners.", "GitHub");

        Assert.Equal("Releases are built on **GitHub** runners.", snippet);
    }

    [Theory]
    [InlineData("Checklist item RE:07 asks for self-healing.", "RE:07", "Checklist item **RE:07** asks for self-healing.")]
    [InlineData("Rule API-001: version every endpoint.", "API-001", "Rule **API-001**: version every endpoint.")]
    [InlineData("Kafka and Redis: both run here.", "Kafka Redis", "**Kafka** and **Redis**: both run here.")]
    public void Make_WhenMarkedWordsFormOneIdentifier_HighlightsItWhole(string text, string query, string expected) =>
        Assert.Equal(expected, Make(text, query));

    [Fact]
    public void Make_SkipsMetadataLinesAndDiagramSourceForTheFirstProseSentence()
    {
        var snippet = Make("Date: 2022-11-03\nStatus: accepted\ngraph TD\n  A[Shop] --> B[Payments]\nPayments are taken by the provider, never stored.", "kafka");

        Assert.Equal("Payments are taken by the provider, never stored.", snippet);
    }

    [Theory]
    [InlineData(150, "Logs are kept for thirty **days** under the **retention** policy.")]
    [InlineData(Snippets.MaxSentences + 30, "Filler line 0 says nothing.")]
    public void Make_OnALongSection_OnlyItsFirstSentencesCompete(int at, string expected)
    {
        var sentences = Enumerable.Range(0, Snippets.MaxSentences + 50).Select(i => $"Filler line {i} says nothing.").ToArray();
        sentences[at] = "Logs are kept for thirty days under the retention policy.";

        Assert.StartsWith(expected, Make(string.Join("\n", sentences), "retention days"), StringComparison.Ordinal);
    }

    [Fact]
    public void MakeAll_WhenTextsAreLongEnoughToSplit_GivesEachTheSnippetMakeGives()
    {
        // long texts, so the snippets are made side by side: the fixtures' files joined, each text starting at another
        var files = System.IO.Directory.GetFiles(TempKnowledgeFolder.FixturesPath, "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var texts = Enumerable.Range(0, 5).Select(i => string.Join("\n\n", files.Skip(i).Concat(files.Take(i)))).ToList<string?>();
        texts.Insert(2, null);
        Assert.True(texts.Sum(t => t?.Length ?? 0) >= Snippets.SplitFromChars);
        var terms = new HashSet<string>(new QueryFactory(_analyzer).Terms("kafka events, api errors and logging retention"), StringComparer.Ordinal);

        var snippets = Snippets.MakeAll(_analyzer, texts, terms);

        Assert.Equal(texts.Select(t => t is null ? "" : Snippets.Make(_analyzer, t, terms)), snippets);
        Assert.Contains(snippets, s => s.Contains("**", StringComparison.Ordinal));
    }
}
