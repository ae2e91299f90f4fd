using System.ComponentModel;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>The MCP prompts: ready-made requests that walk a model through a decision, a review or a new ADR.</summary>
[McpServerPromptType]
public sealed class KnowledgePrompts(IKnowledgeService knowledge, AdrDrafts drafts)
{
    public const string ReviewDesign = "review-design";
    public const string DraftAdr = "draft-adr";
    public const string ExplainDecision = "explain-decision";

    [McpServerPrompt(Name = ReviewDesign, Title = "Review a design against the standards")]
    [Description("Review a design or pull-request description against the engineering standards and the decisions in force.")]
    public static GetPromptResult Review([Description("The design text to review.")] string design) =>
        Prompt("Review a design against the architecture knowledge",
            "Review the design below against our engineering standards and the architecture decisions in force.\n" +
            "1. Call the `review_design` tool with the full design text.\n" +
            "2. Report the violated items first, then those that need judgement, then what is not addressed; for each " +
            "give the rule or decision id, its level, the evidence from the design and the citation (path:line).\n" +
            "3. End with the overall risk and the concrete changes that would make the design compliant.\n" +
            "Do not invent rules: cite only what the tools return.\n\n<design>\n" + ToolArguments.Text(design, nameof(design), ToolContract.MaxDesignChars) + "\n</design>");

    [McpServerPrompt(Name = DraftAdr, Title = "Draft a new ADR")]
    [Description("Draft a new architecture decision record from the team's template, numbered next, listing related decisions.")]
    public async Task<GetPromptResult> Draft(
        [Description("Title of the decision, e.g. \"Use OpenTelemetry for tracing\".")] string title,
        CancellationToken cancellationToken) =>
        Prompt($"Draft ADR: {title}", await drafts.DraftAsync(ToolArguments.Text(title, nameof(title)), cancellationToken));

    [McpServerPrompt(Name = ExplainDecision, Title = "Explain a decision")]
    [Description("Explain one architecture decision: what was decided and why, its supersession chain and the decision in force.")]
    public async Task<GetPromptResult> Explain(
        [Description("Decision reference, e.g. \"ADR-0007\" or \"7\".")] string id,
        CancellationToken cancellationToken)
    {
        var decision = await knowledge.GetDecisionAsync(new GetDecisionRequest { Reference = ToolArguments.Text(id, nameof(id)), Sections = ["all"] }, cancellationToken);
        var inForce = decision.InForce.Id == decision.Id
            ? "It is the decision in force."
            : $"It is NOT in force: the decision in force is {decision.InForce.Id} ({decision.InForce.Title}); call get_decision for it and explain what changed.";
        return Prompt($"Explain {decision.Id}",
            $"Explain architecture decision {decision.Id} to a developer: the problem, what was decided and why, the " +
            $"options rejected, and the consequences to respect when writing code. {inForce} Cite the file and line.\n\n" +
            KnowledgeMarkdown.Decision(decision));
    }

    private static GetPromptResult Prompt(string description, string text) => new()
    {
        Description = description,
        Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = text } }],
    };
}
