using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>The detector says why a file was read as its kind (what `archmcp inspect` shows).</summary>
public sealed class KindReasonTests
{
    [Theory]
    [InlineData("adr/0001-use-kafka.md", "# 1. Use Kafka\n\n## Context\n\nC.\n", DocumentKind.Decision, "it is in the folder 'adr'")]
    [InlineData("adr/README.md", "# Decisions\n", DocumentKind.Guide, "README or index page")]
    [InlineData("notes/kafka.md", "# Kafka\n\nSome notes.\n", DocumentKind.Guide, "not a decision: no status, 0 decision-record section(s)")]
    [InlineData("notes/kafka.md", "---\nkind: standard\n---\n# Kafka\n", DocumentKind.Standard, "front matter declares kind: standard")]
    [InlineData("CONTRIBUTING.md", "# Contributing\n\nYou MUST sign off.\n", DocumentKind.Guide, "process")]
    [InlineData("api.md", "# API\n\n## MUST use JSON [101]\n\nText.\n", DocumentKind.Standard, "marks 1 rule(s) explicitly")]
    [InlineData("x/adr-template.md", "# {title}\n", DocumentKind.Template, "file name marks a template")]
    public void Detect_WhenParsed_GivesKindAndReason(string path, string content, DocumentKind kind, string reason)
    {
        var doc = MarkdownKnowledgeParser.Parse("k", path, content);

        Assert.Equal(kind, doc.Kind);
        Assert.Contains(reason, doc.KindReason, StringComparison.Ordinal);
    }
}
