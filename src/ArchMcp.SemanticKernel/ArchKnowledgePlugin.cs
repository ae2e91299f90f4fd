using System.ComponentModel;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using Microsoft.SemanticKernel;

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
    [KernelFunction("search_knowledge")]
    [Description("Ranked search over the organisation's architecture decision records (ADRs), engineering standards and " +
        "reference architectures. Call it before proposing a technology, pattern or API shape, or when asked why " +
        "something is done a certain way (\"why Kafka?\", \"API versioning rules\"). Returns compact cards: id " +
        "(e.g. ADR-0007, API-001), kind, title, status, date, snippet, uri, path and line to cite. A superseded decision " +
        "names the decision in force. Follow up with get_decision or get_rule for the full text.")]
    public Task<SearchResult> SearchKnowledgeAsync(
        [Description("What to look for: free text (\"event bus for order events\"), an ADR number (\"ADR 12\") or a rule id (\"176\").")] string query,
        [Description("Only this kind: decision, standard, reference or guide. Leave empty for all kinds.")] string? kind = null,
        [Description("Only decisions with this status: proposed, accepted, rejected, deprecated or superseded.")] string? status = null,
        [Description("Only documents carrying all of these tags, e.g. [\"api\", \"security\"].")] string[]? tags = null,
        [Description("Only this knowledge root (by name), when several are configured.")] string? root = null,
        [Description("Number of results, 1 to 50 (default 5).")] int limit = 5,
        CancellationToken cancellationToken = default) =>
        _knowledge.SearchAsync(RequestArguments.Search(query, kind, status, tags, root, limit), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.GetDecisionAsync"/>.</summary>
    [KernelFunction("get_decision")]
    [Description("One architecture decision record by any reference: \"ADR-7\", \"7\", \"0007\", its slug " +
        "(\"use-kafka-for-events\"), file name or title words. Returns status, date, tags, the chosen sections (context, " +
        "decision, consequences by default), the supersession chain both ways, the decision currently in force and " +
        "related records, with path and line to cite. Use it to answer \"what did we decide about X and is it still " +
        "valid?\". An unknown reference fails with the closest ids.")]
    public Task<DecisionView> GetDecisionAsync(
        [Description("Decision reference, e.g. \"ADR-0007\", \"7\", \"use-kafka-for-events\".")] string id,
        [Description("Sections to include: context, decision, consequences, options, or all. Default: context, decision, consequences.")] string[]? sections = null,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        CancellationToken cancellationToken = default) =>
        _knowledge.GetDecisionAsync(RequestArguments.Decision(id, sections, root), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.ListDecisionsAsync"/>.</summary>
    [KernelFunction("list_decisions")]
    [Description("The decision log, filtered by status, tag and date range, oldest first (id, status, date, title, what " +
        "supersedes it). Use it for overviews (\"which decisions are still proposed?\", \"what did we decide in 2024?\"). " +
        "Paginated: pass nextOffset back as offset for the next page.")]
    public Task<DecisionPage> ListDecisionsAsync(
        [Description("Only this status: proposed, accepted, rejected, deprecated or superseded.")] string? status = null,
        [Description("Only decisions with this tag, e.g. \"security\".")] string? tag = null,
        [Description("Only decisions dated on or after this day, e.g. 2024-01-01.")] string? from = null,
        [Description("Only decisions dated on or before this day, e.g. 2024-12-31.")] string? to = null,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        [Description("Index of the first decision to return (default 0).")] int offset = 0,
        [Description("Page size, 1 to 100 (default 20).")] int limit = 20,
        CancellationToken cancellationToken = default) =>
        _knowledge.ListDecisionsAsync(RequestArguments.Decisions(status, tag, from, to, root, offset, limit), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.GetRuleAsync"/>.</summary>
    [KernelFunction("get_rule")]
    [Description("One normative rule of an engineering standard by the identifier its source gives it (\"API-001\", " +
        "\"176\", \"SEGAS-00015\", \"http-url-casing\"), with its level (MUST, SHOULD, MAY…), full text, standard, path " +
        "and line; or, given a standard's id (\"API\", \"SEGAS-00006\"), the standard with all its rules. Use it to quote " +
        "a rule exactly before relying on it. An unknown id fails with the closest ids.")]
    public Task<RuleLookup> GetRuleAsync(
        [Description("Rule identifier, e.g. \"API-001\" or \"176\", or a standard id, e.g. \"API\".")] string id,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        CancellationToken cancellationToken = default) =>
        _knowledge.GetRuleAsync(RequestArguments.Required(id, nameof(id)), RequestArguments.Optional(root), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.DesignChecklistAsync"/>.</summary>
    [KernelFunction("design_checklist")]
    [Description("The rules and decisions in force that apply to a topic (\"public REST API with pagination\") or a " +
        "whole design text, MUST first, each with its id, statement and citation (path and line). Call it before " +
        "writing a design or code, so the work follows the standards and does not re-open settled decisions.")]
    public Task<ChecklistResult> DesignChecklistAsync(
        [Description("A topic or the full design text (Markdown is fine).")] string design,
        [Description("Maximum number of items, 1 to 100 (default 20).")] int limit = 20,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        CancellationToken cancellationToken = default) =>
        _knowledge.DesignChecklistAsync(RequestArguments.Checklist(design, limit, root), cancellationToken);

    /// <summary>Calls <see cref="IKnowledgeService.ReviewDesignAsync"/>.</summary>
    [KernelFunction("review_design")]
    [Description("Checks a design text (or a pull-request description) against the applicable rules and the decisions in " +
        "force. Per item a verdict (met, violated, not addressed, needs judgement) with the evidence from the design " +
        "and from the rule, and a risk roll-up (a violated MUST is high risk, a SHOULD medium). Use it before approving " +
        "or implementing a design; report violations first and cite the rule ids.")]
    public Task<ReviewResult> ReviewDesignAsync(
        [Description("The design text to review (Markdown is fine).")] string design,
        [Description("Maximum number of items, 1 to 100 (default 20).")] int limit = 20,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        CancellationToken cancellationToken = default) =>
        _knowledge.ReviewDesignAsync(RequestArguments.Checklist(design, limit, root), cancellationToken);
}
