using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// A checklist code that a checklist table lists and a guide page carries as its own identifier: asked for the code,
/// the page that is the code answers first, the checklist that lists it next.
/// </summary>
public sealed class CodeLookupTests : IDisposable
{
    private readonly EngineHarness _engine = new(EngineHarness.Empty);

    public CodeLookupTests()
    {
        _engine.Folder.Write("resilience/checklist.md",
            "# Resilience checklist\n\n## Checklist\n\n| | Code | Recommendation |\n|---|---|---|\n" +
            "| ☐ | [RS:01](keep-it-simple.md) | **Keep the design simple.** Fewer parts fail less. |\n" +
            "| ☐ | [RS:02](self-healing.md) | **Heal without a person.** Restart what fails and shed load. |\n");
        _engine.Folder.Write("resilience/self-healing.md",
            "# Self-healing\n\n| **RS:02** | Heal without a person. |\n|---|---|\n\n## Restart what fails\n\nA supervisor restarts a crashed worker.\n\n" +
            "## Shed load\n\nDrop the least important requests first when queues grow.\n");
        _engine.Folder.Write("resilience/keep-it-simple.md",
            "# Keep it simple\n\n| **RS:01** | Keep the design simple. |\n|---|---|\n\n## Fewer parts\n\nEvery part you add can fail.\n");
        _engine.Folder.Write("practices/graceful-shutdown.md",
            "# Graceful shutdown\n\n| **GS:01** | Drain before you stop. |\n|---|---|\n\n## Drain connections\n\nStop taking work first.\n\n" +
            "## Flush buffers\n\nWrite what is buffered before exit.\n");
        _engine.Folder.Write("rules/encrypt-at-rest.md", "---\nid: R-0042\ntitle: Encrypt data at rest\n---\n\nStored data MUST be encrypted with a managed key.\n");
    }

    [Fact]
    public async Task GetRule_WhenACodeNamesOnlyAGuidePage_AnswersWithThePage()
    {
        var lookup = await _engine.Service.GetRuleAsync("GS:01");

        Assert.Null(lookup.Rule);
        Assert.Equal("practices/graceful-shutdown.md", lookup.Standard?.Path);
    }

    [Fact]
    public async Task GetRule_WhenReferenceIsAnotherNameOfOneRule_AnswersWithThatRule()
    {
        var lookup = await _engine.Service.GetRuleAsync("rules/encrypt-at-rest.md :: Encrypt data at rest");

        Assert.Equal("R-0042", lookup.Rule?.Id);
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Search_WhenQueryIsAChecklistCode_ThePageCitedByItComesBeforeTheChecklist()
    {
        var result = await _engine.SearchAsync("RS:02", limit: 3);

        Assert.Equal(["resilience/self-healing.md", "resilience/checklist.md"], result.Hits.Take(2).Select(h => h.Path));
    }
}
