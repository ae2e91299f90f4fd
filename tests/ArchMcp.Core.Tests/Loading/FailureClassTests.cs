using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>Failure classes of issue 25 that had no fixture of their own yet; minimal fixtures.</summary>
public class FailureClassTests
{
    private static KnowledgeDocument Parse(string path, string content) => MarkdownKnowledgeParser.Parse("k", path, content);

    [Theory]
    [InlineData("Implemented", DecisionStatus.Accepted)]
    [InlineData("Approved", DecisionStatus.Accepted)]
    [InlineData("Draft", DecisionStatus.Proposed)]
    public void StatusMapper_WhenMoreStatusWords_MapsThem(string raw, DecisionStatus expected) =>
        Assert.Equal(expected, StatusMapper.Map(raw));

    [Fact]
    public void Parse_WhenOneRulePerFileWithItsIdInFrontMatter_TheRuleTakesTheId()
    {
        var doc = Parse("rules/encrypt-at-rest.md", "---\nid: R-0042\ntitle: Encrypt data at rest\n---\n\nStored data MUST be encrypted with a managed key.\n");

        var rule = Assert.Single(doc.Rules);
        Assert.Equal("R-0042", rule.Id);
        Assert.Equal(RuleLevel.Must, rule.Level);
        Assert.Equal("Encrypt data at rest", rule.Statement);
        Assert.Equal(6, rule.Line);
    }

    [Fact]
    public void Parse_WhenAsciiDocRecordIsTheReadmeOfANumberedFolder_TakesTheFolderNumber()
    {
        var doc = Parse("ITE/5/README.adoc", "= Signed envelopes\n:status: Accepted\n\n== Motivation\n\nSign.\n");

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal(5, doc.Decision!.Number);
    }

    [Theory]
    [InlineData("meetings/2024-03-01-notes.md")]
    [InlineData("docs/meeting-notes/2024-03-01.md")]
    public void Parse_WhenMeetingNotes_AreAGuideWithoutRules(string path)
    {
        var doc = Parse(path, "# Weekly sync\n\n## Actions\n\nThe team MUST fix the build.\n");

        Assert.NotEqual(DocumentKind.Decision, doc.Kind);
        Assert.Empty(doc.Rules);
    }

    [Theory]
    [InlineData("# Caching\n\nTODO\n")]
    [InlineData("# Caching\n\n## Eviction\n\nTBD.\n")]
    public void Parse_WhenStandardIsAnEmptyStub_HasNoRules(string content) =>
        Assert.Empty(Parse("standards/caching.md", content).Rules);
}
