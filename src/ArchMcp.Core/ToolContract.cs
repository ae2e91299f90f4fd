using System.ComponentModel.DataAnnotations;

namespace ArchMcp.Core;

/// <summary>
/// The one source of the tools' names, descriptions, argument limits and defaults. The MCP tools, the Semantic
/// Kernel functions and the CLI verbs all read them from here, and <see cref="RequestArguments"/> enforces the limits,
/// so a client gets the same answer — and the same error — whichever adapter it calls.
/// </summary>
public static class ToolContract
{
    public const string SearchKnowledge = "search_knowledge";
    public const string GetDecision = "get_decision";
    public const string ListDecisions = "list_decisions";
    public const string GetRule = "get_rule";
    public const string DesignChecklist = "design_checklist";
    public const string ReviewDesign = "review_design";
    public const string RecentChanges = "recent_changes";
    public const string ReviewChange = "review_change";

    /// <summary>Longest search query, in characters.</summary>
    public const int MaxQueryChars = 4_000;

    /// <summary>Longest design text for the checklist and the review, in characters (about 15 pages of prose).</summary>
    public const int MaxDesignChars = 50_000;

    /// <summary>Longest identifier, name, tag or date argument, in characters.</summary>
    public const int MaxNameChars = 500;

    /// <summary>Most tags in one search filter.</summary>
    public const int MaxTags = 20;

    /// <summary>Most section names in one decision lookup.</summary>
    public const int MaxSections = 10;

    /// <summary>Longest section text get_decision returns, in characters; longer sections are cut at a sentence.</summary>
    public const int MaxSectionChars = 2000;

    public const int SearchLimitDefault = 5;
    public const int SearchLimitMax = 20;
    public const int ListLimitDefault = 20;
    public const int ListLimitMax = 100;
    public const int ChecklistLimitDefault = 20;
    public const int ChecklistLimitMax = 100;
    /// <summary>How many changes recent_changes returns (the newest); the CLI's --limit goes up to <see cref="ChangesLimitMax"/>.</summary>
    public const int ChangesLimitDefault = 50;
    public const int ChangesLimitMax = 500;

    /// <summary>Most "needs judgement" items one review sends to the client's model (review_design with sampling; ADR-0013).</summary>
    public const int JudgedItemsMax = 5;

    /// <summary>How long the client's model may take over one item, and over all of them, in seconds.</summary>
    public const int JudgeItemSeconds = 30;
    public const int JudgeTotalSeconds = 90;

    /// <summary>Largest page of the decision log the service returns (the CLI's `list` and a new draft read it whole).</summary>
    public const int DecisionLogMax = 10_000;

    public const string KindValues = "decision, standard, reference, guide, template";
    public const string StatusValues = "proposed, accepted, rejected, deprecated, superseded";

    /// <summary>The sections get_decision returns when none are named.</summary>
    public const string DefaultSections = "context, decision, consequences";

    /// <summary>The section names get_decision accepts ("all" for every section).</summary>
    public const string SectionValues = DefaultSections + ", options, drivers, status, all";

    /// <summary>What each tool is for and when an assistant should call it (plain ASCII without quotes: JSON escapes cost bytes).</summary>
    public static class Descriptions
    {
        public const string SearchKnowledge =
            "Ranked search over decisions (ADRs), standards and reference architectures; call it before proposing a " +
            "technology, pattern or API shape, or to learn why. Cards: id, status, snippet, decision taken, path:line; " +
            "covered is false when nothing answers.";

        public const string GetDecision =
            "One decision by any reference (ADR-7, 7, 0007, slug, file or title words): status, outcome, sections, the " +
            "supersession chain both ways, the decision in force, related records. Unknown ids get the closest ids.";

        public const string ListDecisions =
            "The decision log, oldest first, by status, tag and date range: id, status, date, title, successor. " +
            "Paginated: pass nextOffset back as offset.";

        public const string GetRule =
            "A rule by id (API-001, 176, http-url-casing): level, text, standard, path:line; or a standard " +
            "with its rules. Unknown ids get the closest ids.";

        public const string DesignChecklist =
            "Rules and decisions in force that apply to a topic or design text, MUST first, with id, statement and " +
            "path:line. Call it before writing a design or code.";

        public const string ReviewDesign =
            "Checks a design or PR text against the rules and decisions in force: per item a verdict (met, violated, not " +
            "addressed, needs judgement) with evidence from both sides, and a risk roll-up. Call it before approving a " +
            "design; cite the ids.";

        public const string RecentChanges = "Decisions and rules changed since a git ref or date: newest 50, with commit.";

        public const string ReviewChange = "Governing records and violations for a git diff.";
    }

    /// <summary>What each argument means and accepts.</summary>
    public static class Arguments
    {
        public const string Query = "Free text, an ADR number or a rule id.";
        public const string Kind = "Only this kind.";
        public const string DecisionStatus = "Only decisions with this status.";
        public const string Tags = "Only documents with all of these tags; at most 20.";
        public const string Root = "Only this knowledge root.";
        public const string SearchLimit = "Number of results.";
        public const string DecisionId = "ADR-0007, 7, a slug or title words.";
        public const string Sections = SectionValues + " (default: the first three).";
        public const string Tag = "Only decisions with this tag.";
        public const string From = "Dated on or after (YYYY-MM-DD).";
        public const string To = "Dated on or before (YYYY-MM-DD).";
        public const string Offset = "First item (0-based).";
        public const string ListLimit = "Page size.";
        public const string RuleId = "A rule id (API-001) or a standard id (API).";
        public const string Design = "A topic or a design text (Markdown).";
        public const string ChecklistLimit = "Most items.";
        public const string Since = "Git ref or date YYYY-MM-DD.";
        public const string ChangesLimit = "Most changes, newest first.";
        public const string Diff = "A git diff.";
        public const string Sampling = "Your model judges up to 5 open items (MCP sampling).";
    }
}

/// <summary>Allows exactly the <see cref="ToolContract.KindValues"/>: the enum of a kind argument's JSON schema.</summary>
public sealed class KindValuesAttribute() : AllowedValuesAttribute(ToolContract.KindValues.Split(", "));

/// <summary>Allows exactly the <see cref="ToolContract.StatusValues"/>: the enum of a status argument's JSON schema.</summary>
public sealed class StatusValuesAttribute() : AllowedValuesAttribute(ToolContract.StatusValues.Split(", "));
