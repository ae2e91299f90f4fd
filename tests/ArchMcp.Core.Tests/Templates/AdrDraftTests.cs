using ArchMcp.Core.Model;
using ArchMcp.Core.Templates;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Templates;

/// <summary>AdrDraft: the template filling behind `archmcp new` and the draft-adr prompt.</summary>
public sealed class AdrDraftTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData("Use Redis for sessions", "use-redis-for-sessions")]
    [InlineData("  Use   gRPC / Protobuf (v3)! ", "use-grpc-protobuf-v3")]
    [InlineData("Café façade déjà vu", "cafe-facade-deja-vu")]
    [InlineData("Ünïcödé — dashes – everywhere", "unicode-dashes-everywhere")]
    public void Slug_WhenTitleHasPunctuationOrAccents_ReturnsLowercaseAsciiWords(string title, string slug)
    {
        Assert.Equal(slug, AdrDraft.Slug(title));
    }

    [Fact]
    public void Slug_WhenTitleIsLong_CutsAtAWordWithinSixtyCharacters()
    {
        var slug = AdrDraft.Slug("Adopt a single consistent approach to naming every asynchronous event topic across all teams");

        Assert.InRange(slug.Length, 20, 60);
        Assert.False(slug.EndsWith('-'));
        Assert.StartsWith("adopt-a-single-consistent", slug);
    }

    [Fact]
    public void Fill_WhenTemplateHasPlaceholdersAndKind_ReplacesThemAndDropsKind()
    {
        var text = AdrTemplate.Fill("---\nkind: template\nstatus: \"{{status}}\"\ndate: {{ date }}\n---\n# {{title}}\n\nADR-{{number}} {keep}\n", 17, "Use Redis", "2025-02-03", "proposed");

        Assert.Equal("---\nstatus: \"proposed\"\ndate: 2025-02-03\n---\n# Use Redis\n\nADR-0017 {keep}\n", text);
    }

    [Fact]
    public void Fill_WhenKindWasTheOnlyFrontMatter_DropsTheFrontMatter()
    {
        var text = AdrTemplate.Fill("---\nkind: template\n---\n# {{number}}. {{title}}\n", 3, "Three", "2025-01-01", "accepted");

        Assert.Equal("# 0003. Three\n", text);
    }

    [Fact]
    public void Fill_WhenTitleContainsPlaceholderText_DoesNotExpandItAgain()
    {
        var text = AdrTemplate.Fill("# {{title}} ({{status}})", 1, "Why {{status}} matters", "2025-01-01", "proposed");

        Assert.Equal("# Why {{status}} matters (proposed)", text);
    }

    [SkippableFact]
    public async Task PlanAsync_WhenShippedTemplateUsed_DraftParsesAsTheNextDecision()
    {
        Skip.If(ShippedKnowledge.Path is null, ShippedKnowledge.SkipReason);
        // the template beside the records wins over the built-in skeleton: put the shipped one there
        File.Copy(Path.Combine(ShippedKnowledge.Path!, "templates", "adr-template.md"), _engine.Folder.FullPath("decisions/adr-template.md"), overwrite: true);

        var plan = await AdrDraft.PlanAsync(_engine.Service.AsDecisionLog(), "Move Kafka to managed brokers", date: new DateOnly(2025, 3, 4));
        AdrDraft.Write(plan);
        await _engine.Service.RefreshAsync();
        var decision = await _engine.Service.GetDecisionAsync(new GetDecisionRequest { Reference = "ADR-0009" });

        Assert.Equal("decisions/adr-template.md", plan.Template);
        Assert.Equal("decisions/0009-move-kafka-to-managed-brokers.md", plan.RelativePath);
        Assert.Equal("Move Kafka to managed brokers", decision.Title);
        Assert.Equal("proposed", decision.Status);
        Assert.Equal("2025-03-04", decision.Date);
        Assert.Contains(plan.Related, r => r.Id == "ADR-0001");
        Assert.DoesNotContain("kind: template", plan.Markdown);
        Assert.DoesNotContain("{{", plan.Markdown);
    }

    [Fact]
    public async Task Write_WhenFileExists_ThrowsAndKeepsTheFile()
    {
        var plan = await AdrDraft.PlanAsync(_engine.Service.AsDecisionLog(), "Use Redis");
        _engine.Folder.Write(plan.RelativePath, "mine");

        var ex = Assert.Throws<KnowledgeException>(() => AdrDraft.Write(plan));

        Assert.Contains("already exists", ex.Message);
        Assert.Equal("mine", File.ReadAllText(plan.FullPath));
    }

    [Fact]
    public async Task PlanAsync_WhenRootUnknown_ThrowsInvalidQuery()
    {
        await Assert.ThrowsAsync<InvalidQueryException>(() => AdrDraft.PlanAsync(_engine.Service.AsDecisionLog(), "Use Redis", root: "elsewhere"));
    }
}
