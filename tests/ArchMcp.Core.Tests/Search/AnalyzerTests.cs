using ArchMcp.Search;
using Lucene.Net.Analysis.TokenAttributes;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// The analysis both the index and queries go through: compound identifiers yield their word parts after the
/// whole token (the first part at the token's position), stop words drop (leaving a gap), words are stemmed, and every token's
/// offsets point at its text (snippets highlight by them).
/// </summary>
public sealed class AnalyzerTests : IDisposable
{
    private readonly ArchAnalyzer _analyzer = new(null);

    public void Dispose() => _analyzer.Dispose();

    [Theory]
    [InlineData("orderService", "orderservic@1 order@0 servic@1")]
    [InlineData("snake_case_name", "snake_case_nam@1 snake@0 case@1 name@1")]
    [InlineData("Fuse.js search", "fuse.j@1 fuse@0 js@1 search@1")]
    [InlineData("the team's services", "team'@2 team@0 servic@1")]
    [InlineData("HTTPServer v2 S3", "httpserver@1 v2@1 s3@1")]
    [InlineData("version 1.2.3", "version@1 1.2.3@1")]
    public void Analyze_WhenCompoundTokens_EmitsTheTokenThenItsParts(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', Tokens(text).Select(t => $"{t.Term}@{t.Increment}")));
    }

    [Fact]
    public void Analyze_WhenStopWordsAreCapitalised_TheyAreStillRemoved()
    {
        Assert.Equal("api@2 servic@3", string.Join(' ', Tokens("The API Of THE Service").Select(t => $"{t.Term}@{t.Increment}")));
    }

    [Fact]
    public void Analyze_WhenPartsAreEmitted_TheirOffsetsPointAtTheirText()
    {
        const string text = "call the orderService now";

        foreach (var (term, _, start, end) in Tokens(text))
        {
            Assert.StartsWith(text[start..end].ToLowerInvariant()[..Math.Min(4, term.Length)], term, StringComparison.Ordinal);
        }

        Assert.Contains(Tokens(text), t => t.Term == "servic" && text[t.Start..t.End] == "Service");
    }

    private List<(string Term, int Increment, int Start, int End)> Tokens(string text)
    {
        var tokens = new List<(string, int, int, int)>();
        using var stream = _analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }
}
