using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>
/// A record about a product no vocabulary knows governs the files a change writes its name in, as the knowledge base
/// written here tells names from its own words: twenty records of a project whose name and domain words are in all of
/// them, and one that replaces one renderer with another.
/// </summary>
public sealed class ProductNameTests : IDisposable
{
    private readonly EngineHarness _engine = new(EngineHarness.Empty);

    public ProductNameTests()
    {
        for (var i = 1; i <= 20; i++)
        {
            _engine.Folder.Write($"decisions/{i:D4}-larkspur-topic-{i}.md",
                $"# {i}. Larkspur queue topic {i}\n\n## Status\n\nAccepted\n\n## Decision\n\nLarkspur services read the queue in batches of {i}.\n");
        }

        _engine.Folder.Write("decisions/0021-replace-inkstone-with-quillpen.md",
            "# 21. Replace Inkstone with Quillpen\n\n## Status\n\nAccepted\n\n## Decision\n\nWe will render documents with Quillpen instead of Inkstone, which is no longer maintained.\n");
    }

    public void Dispose() => _engine.Dispose();

    private async Task<FileReview> Review(string path, params string[] added)
    {
        var diff = $"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{added.Length} @@\n" + string.Concat(added.Select(a => "+" + a + "\n"));
        return (await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = diff })).Files.Single();
    }

    [Theory]
    [InlineData("deploy/render.yaml", "image: registry.example.org/quillpen/renderer:3", "name Quillpen, inferred")]
    [InlineData("src/Render.java", "class InkstoneRenderer {}", "name Inkstone, inferred")]
    public async Task ReviewChange_ARecordsRareTitleWordTheChangeWrites_Governs(string path, string line, string why)
    {
        var file = await Review(path, line);

        var governing = Assert.Single(file.Governing);
        Assert.Equal(("ADR-0021", why), (governing.Id, governing.Why));
    }

    [Fact]
    public async Task ReviewChange_TheProjectsNameAndDomainWords_GovernNothing()
    {
        var file = await Review("src/larkspur/QueueReader.java", "class LarkspurQueueReader { int batch = 20; } // larkspur queue topic");

        Assert.Empty(file.Governing);
    }

    [Fact]
    public async Task ReviewChange_BringingBackTheReplacedProductInsideACompound_IsAReProposal()
    {
        var file = await Review("tools/render.sh", "pip install inkstone-cli==2.1");

        var finding = Assert.Single(file.Findings);
        Assert.Equal(("ADR-0021", Verdicts.Violated), (finding.Id, finding.Review.Verdict));
    }
}
