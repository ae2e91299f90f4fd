using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>Checklists and reviews over a temp knowledge folder indexed for real (numbered, DO/DON'T, id front matter, ADRs).</summary>
public sealed class ChecklistEngineIndexTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = new(source: null);
    private readonly TempKnowledgeFolder _index = new(source: null);
    private readonly KnowledgeService _service;

    public ChecklistEngineIndexTests()
    {
        _folder.Write("standards/api.md", """
            # API guidelines

            ## MUST keep URLs verb-free [141]

            A path segment names a resource (a noun), never an action such as get or create.

            ## MUST use snake_case (never camelCase) for query parameters [130]

            Query parameters such as `page_size` use snake_case.

            ## MUST always return JSON objects as top-level data structures [110]

            A response body is a JSON object so that it can be extended later; never a top-level array.

            ## SHOULD use pagination links [161]

            Offer next and previous links for collections.
            """);
        _folder.Write("standards/naming.md", """
            # Naming guidelines

            ## Properties

            ✅ **DO** use camelCase for JSON property names.

            ❌ **DON'T** use abbreviations in property names.
            """);
        _folder.Write("standards/logging.md", """
            ---
            id: SEGAS-00015
            title: Logging standard
            ---

            # Logging standard

            ## Retention

            Logs MUST be kept no more than 30 days in production environments.
            """);
        _folder.Write("decisions/0001-use-managed-redis.md", """
            # 1. Use managed Redis

            Date: 2024-01-10

            ## Status

            Accepted

            ## Context

            We ran Redis ourselves and it hurt.

            ## Decision

            We are using ElastiCache instead of provisioning our own Redis instances.
            """);
        var options = Options.Create(new KnowledgeOptions { Roots = [$"kb={_folder.Path}"], IndexPath = _index.Path });
        _service = new KnowledgeService(options, NullLogger<KnowledgeService>.Instance);
    }

    [Fact]
    public async Task DesignChecklist_WhenDesignBreaksUrlRules_RanksThemFirst()
    {
        var result = await _service.DesignChecklistAsync(new ChecklistRequest
        {
            Design = "The endpoint `GET /orders/getOrders?pageSize=20` returns a top-level JSON array of orders.",
            Limit = 10,
        });

        var top = result.Items.Take(3).Select(i => i.Id).ToList();
        Assert.Contains("141", top);
        Assert.Contains("130", top);
        Assert.Contains("110", top);
        var item = result.Items.First(i => i.Id == "141");
        Assert.Equal("MUST", item.Level);
        Assert.Equal("standards/api.md", item.Path);
        Assert.Equal(3, item.Line);
        Assert.Contains(result.Facts, f => f.Kind == "path-verb" && f.Value == "getOrders");
    }

    [Fact]
    public async Task ReviewDesign_WhenDesignRunsOwnRedis_ViolatesDecisionInForce()
    {
        var result = await _service.ReviewDesignAsync(new ChecklistRequest { Design = "We will run our own Redis on EC2 instances for the job queue." });

        var decision = Assert.Single(result.Items, i => i.Item.Kind == "decision");
        Assert.StartsWith("ADR-", decision.Item.Id, StringComparison.Ordinal);
        Assert.Equal(Verdicts.Violated, decision.Verdict);
        Assert.Equal("high", result.Risk.Overall);
    }

    [Fact]
    public async Task ReviewDesign_WhenSnakeCaseFieldsAgainstCamelCaseRule_IsViolated()
    {
        var result = await _service.ReviewDesignAsync(new ChecklistRequest { Design = "Each order has JSON property names `order_id` and `total_price`." });

        Assert.Contains(result.Items, i => i.Item.Path == "standards/naming.md" && i.Verdict == Verdicts.Violated);
    }

    [Fact]
    public async Task ReviewDesign_WhenRetentionLongerThanStandard_IsViolated()
    {
        var result = await _service.ReviewDesignAsync(new ChecklistRequest { Design = "Production logs are kept for 90 days in the log store." });

        var item = Assert.Single(result.Items, i => i.Item.Path == "standards/logging.md" && i.Verdict == Verdicts.Violated);
        Assert.Contains("30 days", item.Rule!.Quote, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _service.Dispose();
        _folder.Dispose();
        _index.Dispose();
    }
}
