using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>The AsciiDoc subset decision records and standards use, each rule on a minimal fixture.</summary>
public class AsciiDocTests
{
    private static KnowledgeDocument Parse(string path, params string[] lines) =>
        MarkdownKnowledgeParser.Parse("k", path, string.Join('\n', lines));

    [Fact]
    public void Parse_WhenDocumentTitle_UsesItAsTitleOnItsLine()
    {
        var doc = Parse("guides/caching.adoc",
            "// a comment first",
            "= Caching guide",
            "",
            "Cache reads close to the caller.");

        Assert.Equal("Caching guide", doc.Title);
        Assert.Equal(2, doc.TitleLine);
        Assert.Contains("Cache reads close to the caller.", doc.Text);
    }

    [Fact]
    public void Parse_WhenHeaderAttributes_ReadsThemAsFrontMatter()
    {
        var doc = Parse("guides/queues.adoc",
            "= Queue guide",
            "Jane Writer",
            "v1.0, 2020-01-01",
            ":date: 2023-05-09",
            ":tags: messaging, queues",
            ":author: Jane Writer",
            "",
            "Use one queue per consumer.");

        Assert.Equal(new DateOnly(2023, 5, 9), doc.Date);
        Assert.Equal(["messaging", "queues"], doc.Tags);
        Assert.Equal("Jane Writer", doc.FrontMatter["author"]);
        Assert.DoesNotContain("v1.0", doc.Text);
    }

    [Fact]
    public void Parse_WhenSections_KeepsLevelsAndAsciiDocLineNumbers()
    {
        var doc = Parse("guides/layout.adoc",
            "= Layout",
            ":toc:",
            "",
            "== First part",
            "",
            "Some text.",
            "",
            "=== Detail",
            "More text.",
            "",
            "==== Deeper",
            "Deep text.");

        var sections = doc.Sections.Where(s => s.Level > 1).ToList();
        Assert.Equal(["First part", "Detail", "Deeper"], sections.Select(s => s.Heading));
        Assert.Equal([2, 3, 4], sections.Select(s => s.Level));
        Assert.Equal([4, 8, 11], sections.Select(s => s.Line));
        Assert.Equal("More text.", sections[1].Text);
    }

    [Fact]
    public void Parse_WhenListsAndBlockTitle_KeepsItemsAsText()
    {
        var doc = Parse("guides/lists.adoc",
            "= Lists",
            "",
            ".Steps to follow",
            ". Build the image",
            ". Push the image",
            "",
            "* first point",
            "** nested point",
            "- dash point",
            "",
            "Owner:: the platform team");

        Assert.Contains("Steps to follow", doc.Text);
        Assert.Contains("Build the image\nPush the image", doc.Text);
        Assert.Contains("nested point", doc.Text);
        Assert.Contains("dash point", doc.Text);
        Assert.Contains("Owner: the platform team", doc.Text);
        Assert.DoesNotContain(". Build", doc.Text);
        Assert.DoesNotContain("**", doc.Text);
    }

    [Fact]
    public void Parse_WhenTable_ReadsCellsAndKeyValueRowsAsMetadata()
    {
        var doc = Parse("decisions/0042-pick-a-broker.adoc",
            "= 42. Pick a broker",
            "",
            "[cols=\"2\"]",
            "|===",
            "| Status",
            "| Accepted :tada:",
            "",
            "| Date",
            "| 2022-11-09",
            "",
            "| Type",
            "| Standards",
            "|===",
            "",
            "== Context",
            "",
            "|===",
            "| Option | Cost",
            "",
            "| Broker A | low",
            "| Broker B | high",
            "|===");

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision!.Status);
        Assert.Equal(new DateOnly(2022, 11, 9), doc.Date);
        Assert.Contains("Broker A", doc.Text);
        Assert.Contains("high", doc.Text);
        Assert.DoesNotContain("|", doc.Text);
    }

    [Fact]
    public void Parse_WhenTableCellsLookLikeNumbersOrSpan_KeepsEveryCell()
    {
        var doc = Parse("guides/versions.adoc",
            "= Versions",
            "",
            "[options=\"header\"]",
            "|===",
            "| Release | Runtime | Note",
            "| 23.4.0 | 3.3.0 | first",
            "2+| both columns | spanned",
            "|===");

        Assert.Contains("23.4.0", doc.Text);
        Assert.Contains("3.3.0", doc.Text);
        var lines = doc.Text.Split('\n');
        Assert.Contains("both columns", lines);
        Assert.Contains("spanned", lines);
    }

    [Fact]
    public void Parse_WhenAnchors_AttachesThemToHeadingsAndParagraphs()
    {
        var doc = Parse("standards/naming.adoc",
            "= Naming",
            "",
            "[[plural-names]]",
            "== Use plural names",
            "",
            "[#short-names]",
            "== Keep names short",
            "",
            "Names stay short.");

        Assert.Equal("plural-names", doc.Sections.Single(s => s.Heading == "Use plural names").Anchor);
        Assert.Equal("short-names", doc.Sections.Single(s => s.Heading == "Keep names short").Anchor);
    }

    [Fact]
    public void Parse_WhenLinks_KeepsTheirTextAndTargets()
    {
        var doc = Parse("guides/links.adoc",
            "= Links",
            "",
            "See link:other.adoc[the other guide], xref:0002-use-queues.adoc[the queue decision],",
            "https://example.org/spec[the spec] and <<retries,the retry section>>.",
            "",
            "Read <<Error handling>> and look at image:flow.png[the flow diagram].");

        Assert.Contains("See the other guide, the queue decision,", doc.Text);
        Assert.Contains("the spec and the retry section.", doc.Text);
        Assert.Contains("Read Error handling and look at the flow diagram.", doc.Text);
        Assert.Contains(doc.Links, l => l.Target == "other.adoc" && l.Line == 3);
        Assert.Contains(doc.Links, l => l.Target == "0002-use-queues.adoc");
        Assert.DoesNotContain(doc.Links, l => l.Target.Contains("example.org", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WhenCommentsAndIncludes_DropsThemWithoutFollowing()
    {
        var doc = Parse("guides/comments.adoc",
            "= Comments",
            "",
            "// hidden line",
            "////",
            "hidden block",
            "////",
            "include::secret-part.adoc[]",
            "ifdef::env-github[]",
            "Visible text.",
            "endif::[]");

        Assert.DoesNotContain("hidden", doc.Text);
        Assert.DoesNotContain("secret", doc.Text);
        Assert.DoesNotContain("ifdef", doc.Text);
        Assert.Contains("Visible text.", doc.Text);
        Assert.Empty(doc.Links);
    }

    [Fact]
    public void Parse_WhenListingAndAdmonitionBlocks_KeepsCodeAndNotes()
    {
        var doc = Parse("guides/blocks.adoc",
            "= Blocks",
            "",
            "[source,yaml]",
            "----",
            "// not a comment inside code",
            "replicas: 3",
            "----",
            "",
            "[IMPORTANT]",
            "====",
            "Back up before upgrading.",
            "====",
            "",
            "NOTE: Upgrades run at night.");

        Assert.Contains("// not a comment inside code\nreplicas: 3", doc.Text);
        Assert.Contains("IMPORTANT:", doc.Text);
        Assert.Contains("Back up before upgrading.", doc.Text);
        Assert.Contains("NOTE: Upgrades run at night.", doc.Text);
        Assert.DoesNotContain("----", doc.Text);
        Assert.DoesNotContain("====", doc.Text);
    }

    [Fact]
    public void Parse_WhenNygardRecordInAsciiDoc_ReadsDecisionNumberStatusAndDate()
    {
        var doc = Parse("docs/adr/0007-use-event-sourcing.adoc",
            "= 7. Use event sourcing",
            ":status: accepted",
            "",
            "Date: 2021-06-01",
            "",
            "== Status",
            "",
            "Accepted",
            "",
            "== Context",
            "",
            "Orders change often.",
            "",
            "== Decision",
            "",
            "We store events.",
            "",
            "== Consequences",
            "",
            "Replays are possible.");

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal("ADR-0007", doc.Id);
        Assert.Equal("Use event sourcing", doc.Title);
        Assert.Equal(7, doc.Decision!.Number);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision.Status);
        Assert.Equal(new DateOnly(2021, 6, 1), doc.Date);
        Assert.Equal(14, doc.Sections.Single(s => s.Heading == "Decision").Line);
    }

    [Fact]
    public void Parse_WhenAttributeStatusAndReference_UsesTheAttribute()
    {
        var doc = Parse("adr/ADR003-pick-a-format.adoc",
            "= ADR003: Pick a format",
            ":status: superseded",
            "",
            "* Status: {status}",
            "",
            "== Context and Problem Statement",
            "",
            "We need one format.",
            "",
            "== Decision Outcome",
            "",
            "Chosen option: JSON.");

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal(3, doc.Decision!.Number);
        Assert.Equal(DecisionStatus.Superseded, doc.Decision.Status);
        Assert.Contains("Status: superseded", doc.Text);
    }

    [Fact]
    public void Parse_WhenOnlyTheRevisionLineHasADate_UsesItAsTheLastResort()
    {
        var dated = Parse("adr/0011-use-s3.adoc",
            "= 11. Use S3",
            "Jane Writer",
            "v0.1, 19.08.2020",
            ":status: accepted",
            "",
            "== Decision",
            "",
            "We use S3.");
        var both = Parse("adr/0012-use-sqs.adoc",
            "= 12. Use SQS",
            "Jane Writer",
            "v0.1, 19.08.2020",
            "",
            "* Status: accepted",
            "* Date: 2021-02-03",
            "",
            "== Decision",
            "",
            "We use SQS.");

        Assert.Equal(new DateOnly(2020, 8, 19), dated.Date);
        Assert.Equal(new DateOnly(2021, 2, 3), both.Date);
    }

    [Fact]
    public void Parse_WhenSupersedesAttribute_ReadsTheRelation()
    {
        var doc = Parse("adr/0009-use-grpc.adoc",
            "= 9. Use gRPC",
            ":status: accepted",
            ":supersedes: xref:0004-use-soap.adoc[ADR 4]",
            "",
            "== Context",
            "",
            "Calls are slow.",
            "",
            "== Decision",
            "",
            "We use gRPC.");

        Assert.Equal(DecisionStatus.Accepted, doc.Decision!.Status);
        Assert.Contains(doc.Decision.Relations, r => r.Kind == RelationKind.Supersedes && r.Target == "0004-use-soap.adoc");
    }

    [Fact]
    public void Parse_WhenStandardWithMustHeadings_ReadsRulesOnTheirLines()
    {
        var doc = Parse("standards/http.adoc",
            "= HTTP standard",
            ":kind: standard",
            "",
            "== MUST use TLS for every endpoint [HTTP-001]",
            "",
            "Plain HTTP is refused.",
            "",
            "== SHOULD compress responses [HTTP-002]",
            "",
            "Use gzip.");

        Assert.Equal(DocumentKind.Standard, doc.Kind);
        var rules = doc.Rules.ToDictionary(r => r.Id);
        Assert.Equal(RuleLevel.Must, rules["HTTP-001"].Level);
        Assert.Equal(4, rules["HTTP-001"].Line);
        Assert.Equal(RuleLevel.Should, rules["HTTP-002"].Level);
        Assert.Equal(8, rules["HTTP-002"].Line);
    }

    [Fact]
    public void Parse_WhenThousandsOfNestedOrUnclosedBlocks_StaysFastAndKeepsTheText()
    {
        var lines = new List<string> { "= Hostile" };
        for (var n = 4; n < 4004; n++)
        {
            lines.Add(new string('=', n)); // each a different, never closed example block
            lines.Add(new string('*', n));
            lines.Add("|===");
            lines.Add("kept " + n);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var doc = Parse("guides/hostile.adoc", [.. lines]);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.Equal("Hostile", doc.Title);
        Assert.Contains("kept 4003", doc.Text);
    }

    [Fact]
    public void Enumerate_ListsAsciiDocFilesNextToMarkdown()
    {
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("a.md", "# A");
        folder.Write("b.adoc", "= B");
        folder.Write("c.asciidoc", "= C");
        folder.Write("d.txt", "not knowledge");

        var files = KnowledgeLoader.Enumerate(new KnowledgeRoot("k", folder.Path), new List<Finding>());

        Assert.Equal(["a.md", "b.adoc", "c.asciidoc"], files.Select(f => f.RelativePath));
        Assert.Equal("use-queues", FileNames.Analyze("adr/0002-use-queues.adoc").Slug);
    }
}
