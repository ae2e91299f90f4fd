using ArchMcp.Core.Indexing;
using ArchMcp.Core.Search;

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
}
