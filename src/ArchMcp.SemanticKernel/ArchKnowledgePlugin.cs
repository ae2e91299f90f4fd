using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using Microsoft.SemanticKernel;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.SemanticKernel;

/// <summary>
/// The ArchMcp knowledge functions for Semantic Kernel. Each function has the name of the matching MCP tool and
/// calls the same <see cref="IKnowledgeService"/> method; nothing here ranks, filters or formats.
/// </summary>
/// <remarks>Register it with <see cref="ArchKnowledgeKernelExtensions.AddArchKnowledge"/> (plugin name "arch").</remarks>
public sealed class ArchKnowledgePlugin(IKnowledgeService knowledge)
{
    private readonly IKnowledgeService _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));

    /// <summary>Calls <see cref="IKnowledgeService.SearchAsync"/>.</summary>
    [KernelFunction(ToolContract.SearchKnowledge)]
    [Description(ToolContract.Descriptions.SearchKnowledge)]
    public Task<SearchResult> SearchKnowledgeAsync(
        [Description(Args.Query), StringLength(ToolContract.MaxQueryChars)] string query,
        [Description(Args.Kind), KindValues] string? kind = null,
        [Description(Args.DecisionStatus), StatusValues] string? status = null,
        [Description(Args.Tags)] string[]? tags = null,
        [Description(Args.Root)] string? root = null,
        [Description(Args.SearchLimit), Range(1, ToolContract.SearchLimitMax)] int limit = ToolContract.SearchLimitDefault,
        CancellationToken cancellationToken = default) =>
        _knowledge.SearchAsync(RequestArguments.Search(query, kind, status, tags, root, limit), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.GetDecisionAsync"/>.</summary>
    [KernelFunction(ToolContract.GetDecision)]
    [Description(ToolContract.Descriptions.GetDecision)]
    public Task<DecisionView> GetDecisionAsync(
        [Description(Args.DecisionId), StringLength(ToolContract.MaxNameChars)] string id,
        [Description(Args.Sections)] string[]? sections = null,
        [Description(Args.Root)] string? root = null,
        CancellationToken cancellationToken = default) =>
        _knowledge.GetDecisionAsync(RequestArguments.Decision(id, sections, root), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.ListDecisionsAsync"/>.</summary>
    [KernelFunction(ToolContract.ListDecisions)]
    [Description(ToolContract.Descriptions.ListDecisions)]
    public Task<DecisionPage> ListDecisionsAsync(
        [Description(Args.DecisionStatus), StatusValues] string? status = null,
        [Description(Args.Tag)] string? tag = null,
        [Description(Args.From)] string? from = null,
        [Description(Args.To)] string? to = null,
        [Description(Args.Root)] string? root = null,
        [Description(Args.Offset), Range(0, int.MaxValue)] int offset = 0,
        [Description(Args.ListLimit), Range(1, ToolContract.ListLimitMax)] int limit = ToolContract.ListLimitDefault,
        CancellationToken cancellationToken = default) =>
        _knowledge.ListDecisionsAsync(RequestArguments.Decisions(status, tag, from, to, root, offset, limit), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.GetRuleAsync"/>.</summary>
    [KernelFunction(ToolContract.GetRule)]
    [Description(ToolContract.Descriptions.GetRule)]
    public Task<RuleLookup> GetRuleAsync(
        [Description(Args.RuleId), StringLength(ToolContract.MaxNameChars)] string id,
        [Description(Args.Root)] string? root = null,
        CancellationToken cancellationToken = default) =>
        _knowledge.GetRuleAsync(RequestArguments.Required(id, nameof(id)), RequestArguments.Optional(root, nameof(root)), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.DesignChecklistAsync"/>.</summary>
    [KernelFunction(ToolContract.DesignChecklist)]
    [Description(ToolContract.Descriptions.DesignChecklist)]
    public Task<ChecklistResult> DesignChecklistAsync(
        [Description(Args.Design), StringLength(ToolContract.MaxDesignChars)] string design,
        [Description(Args.ChecklistLimit), Range(1, ToolContract.ChecklistLimitMax)] int limit = ToolContract.ChecklistLimitDefault,
        [Description(Args.Root)] string? root = null,
        CancellationToken cancellationToken = default) =>
        _knowledge.DesignChecklistAsync(RequestArguments.Checklist(design, limit, root), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.ReviewDesignAsync"/>.</summary>
    [KernelFunction(ToolContract.ReviewDesign)]
    [Description(ToolContract.Descriptions.ReviewDesign)]
    public Task<ReviewResult> ReviewDesignAsync(
        [Description(Args.Design), StringLength(ToolContract.MaxDesignChars)] string design,
        [Description(Args.ChecklistLimit), Range(1, ToolContract.ChecklistLimitMax)] int limit = ToolContract.ChecklistLimitDefault,
        [Description(Args.Root)] string? root = null,
        CancellationToken cancellationToken = default) =>
        _knowledge.ReviewDesignAsync(RequestArguments.Checklist(design, limit, root), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.RecentChangesAsync"/>.</summary>
    [KernelFunction(ToolContract.RecentChanges)]
    [Description(ToolContract.Descriptions.RecentChanges)]
    public Task<ChangesResult> RecentChangesAsync(
        [Description(Args.Since), StringLength(ToolContract.MaxNameChars)] string since,
        CancellationToken cancellationToken = default) =>
        _knowledge.RecentChangesAsync(RequestArguments.Changes(since, null, ToolContract.ChangesLimitDefault), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.ReviewChangeAsync"/>.</summary>
    [KernelFunction(ToolContract.ReviewChange)]
    [Description(ToolContract.Descriptions.ReviewChange)]
    public Task<ChangeReviewResult> ReviewChangeAsync(
        [Description(Args.Diff), StringLength(ToolContract.MaxDesignChars)] string diff,
        CancellationToken cancellationToken = default) =>
        _knowledge.ReviewChangeAsync(RequestArguments.Change(diff, null), cancellationToken);
}
