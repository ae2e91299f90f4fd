using System.Text;
using System.Text.RegularExpressions;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Export;

/// <summary>
/// The rule files an assistant reads on its own, made from the catalog: the accepted decisions in force (id and
/// title: the decision itself is one get_decision away), then the MUST and MUST NOT rules of the documents in force, then SHOULD and SHOULD NOT rules — each cited by id, one line,
/// as many as fit in <see cref="TokenBudget"/> per file, the rest counted in a line that sends the reader to the MCP
/// server. A document that declares <c>scope: paths</c> goes to a file of its own applied to those globs (a part of
/// AGENTS.md, which has no globs); everything else to the general file, applied to every file. Same knowledge, same
/// bytes: items in catalog order, no dates.
/// </summary>
internal static partial class AssistantRules
{
    /// <summary>Most tokens (counted as characters / 4) one generated file may take in the assistant's context.</summary>
    public const int TokenBudget = 4_000;

    private const int BudgetChars = TokenBudget * 4;
    private const int LineChars = 200;
    private const string Title = "Architecture decisions and rules";

    private sealed record Item(int Priority, string Line);

    /// <summary>Items of one scope: its path globs (none for the general group) and its lines in priority order.</summary>
    private sealed record Group(IReadOnlyList<string> Globs, List<Item> Items);

    public static IReadOnlyList<RuleFile> Files(KnowledgeCatalog catalog, Func<CatalogEntry, DocumentScope?> scopeOf, AssistantTarget target)
    {
        var groups = Groups(catalog, scopeOf);
        var verb = $"archmcp export --target {Wire(target)}";
        return target switch
        {
            AssistantTarget.AgentsMd => [new RuleFile("AGENTS.md", AgentsSection(groups, verb), Section: true)],
            AssistantTarget.Copilot => [.. Named(groups).Select(g => new RuleFile($".github/instructions/{g.Name}.instructions.md",
                Body($"---\napplyTo: {Quoted(Globs(g.Group))}\n---\n\n# {Title}\n\n", [g.Group], verb, "##"), Section: false))],
            _ => [.. Named(groups).Select(g => new RuleFile($".cursor/rules/{g.Name}.mdc",
                Body(
                    $"---\ndescription: {Quoted($"{Title} in force{(g.Group.Globs.Count == 0 ? "" : $" for {Globs(g.Group)}")}, from the ArchMcp knowledge")}\n" +
                    $"globs:{(g.Group.Globs.Count == 0 ? "" : $" {Globs(g.Group)}")}\nalwaysApply: {(g.Group.Globs.Count == 0 ? "true" : "false")}\n---\n\n# {Title}\n\n",
                    [g.Group], verb, "##"), Section: false))],
        };
    }

    private static string Wire(AssistantTarget target) => target switch
    {
        AssistantTarget.AgentsMd => "agents-md",
        AssistantTarget.Copilot => "copilot",
        _ => "cursor",
    };

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quoted(string text) => $"\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    private static string Globs(Group group) => group.Globs.Count == 0 ? "**" : string.Join(",", group.Globs);

    /// <summary>The general group first, then one group per set of scope globs, in the order of their globs.</summary>
    private static List<Group> Groups(KnowledgeCatalog catalog, Func<CatalogEntry, DocumentScope?> scopeOf)
    {
        var byGlobs = new Dictionary<string, Group>(StringComparer.Ordinal) { [""] = new Group([], []) };
        void Add(CatalogEntry document, Item item)
        {
            var globs = (scopeOf(document)?.Paths ?? []).Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var key = string.Join(",", globs);
            if (!byGlobs.TryGetValue(key, out var group))
            {
                byGlobs[key] = group = new Group(globs, []);
            }

            group.Items.Add(item);
        }

        foreach (var decision in catalog.Decisions.Where(d => d.Status == DecisionStatus.Accepted && d.InForce))
        {
            Add(decision, new Item(0, $"- **{decision.Id}** (decision) {Cut(decision.Title)}"));
        }

        foreach (var rule in catalog.Rules.Where(InForce))
        {
            var priority = rule.Rule.Level is RuleLevel.Must or RuleLevel.MustNot ? 1 : 2;
            Add(rule.Document, new Item(priority, $"- **{rule.Id}** {rule.Rule.Level.ToWire()}: {Cut(rule.Rule.Statement)}"));
        }

        return [.. byGlobs.Values.Where(g => g.Items.Count > 0).OrderBy(g => g.Globs.Count > 0).ThenBy(g => string.Join(",", g.Globs), StringComparer.Ordinal)];
    }

    /// <summary>MUST, MUST NOT, SHOULD and SHOULD NOT rules of a standard or guide in force, or of an accepted decision in force.</summary>
    private static bool InForce(CatalogRule rule) =>
        rule.Rule.Level is not RuleLevel.May && rule.Document.InForce && rule.Document.Kind != DocumentKind.Template
        && (rule.Document.Kind != DocumentKind.Decision || rule.Document.Status == DecisionStatus.Accepted);

    /// <summary>The general group as <c>architecture</c>, each scoped one as <c>architecture-</c> and its globs' words.</summary>
    private static IEnumerable<(string Name, Group Group)> Named(List<Group> groups)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var words = string.Join('-', NonWord().Split(string.Join(' ', group.Globs).ToLowerInvariant()).Where(w => w.Length > 0));
            var name = words.Length == 0 ? "architecture" : $"architecture-{words[..Math.Min(words.Length, 48)].TrimEnd('-')}";
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{name}-{n}";
            }

            yield return (unique, group);
        }
    }

    private static string AgentsSection(List<Group> groups, string verb) =>
        $"{Body($"{RuleFiles.Begin}\n## {Title}\n\n", groups, verb, "###")}{RuleFiles.End}\n";

    /// <summary>
    /// The file's <paramref name="head"/> and preamble, then each group's lines under a heading naming its globs (none
    /// for the general group when it is the file's only group): the first lines in priority order that fit the budget,
    /// and how many more there are.
    /// </summary>
    private static string Body(string head, IReadOnlyList<Group> groups, string verb, string heading)
    {
        var text = new StringBuilder(head)
            .Append($"{RuleFiles.GeneratedMark}{verb}` from the architecture knowledge; edits here are overwritten. -->\n\n")
            .Append("Follow these decisions and rules and cite them by id. Their full text is available from the ArchMcp MCP server: ")
            .Append($"`{ToolContract.GetDecision}` and `{ToolContract.GetRule}` by id, `{ToolContract.DesignChecklist}` before a design or a change, ")
            .Append($"`{ToolContract.ReviewDesign}` to check one, `{ToolContract.SearchKnowledge}` for the rest.\n\n");
        string Heading(Group group) =>
            groups.Count == 1 && group.Globs.Count == 0 ? ""
            : group.Globs.Count == 0 ? $"{heading} All files\n\n"
            : $"{heading} Files matching {string.Join(", ", group.Globs.Select(g => $"`{g}`"))}\n\n";

        // room for the line that counts what was left out, and the end of AGENTS.md's section
        var left = BudgetChars - text.Length - 200;
        var kept = new HashSet<Item>(ReferenceEqualityComparer.Instance);
        var opened = new HashSet<Group>(ReferenceEqualityComparer.Instance);
        foreach (var (group, item) in groups.SelectMany(g => g.Items.Select(i => (Group: g, Item: i))).OrderBy(x => x.Item.Priority))
        {
            var cost = item.Line.Length + 1 + (opened.Contains(group) ? 0 : Heading(group).Length + 1);
            if (cost <= left)
            {
                kept.Add(item);
                opened.Add(group);
                left -= cost;
            }
        }

        foreach (var group in groups.Where(opened.Contains))
        {
            var lines = group.Items.Where(kept.Contains).OrderBy(i => i.Priority).Select(i => i.Line);
            text.Append(Heading(group)).Append(string.Join('\n', lines)).Append("\n\n");
        }

        var more = groups.Sum(g => g.Items.Count) - kept.Count;
        if (more > 0)
        {
            text.Append($"{more} more decisions and rules (past this file's budget of {TokenBudget} tokens) are in the ArchMcp MCP server: ask `{ToolContract.DesignChecklist}`.\n\n");
        }

        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>A text cut at a word within <see cref="LineChars"/>, with an ellipsis when cut; on one line.</summary>
    private static string Cut(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= LineChars)
        {
            return line;
        }

        var space = line.LastIndexOf(' ', LineChars);
        return $"{line[..(space > 0 ? space : LineChars)]}…";
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();
}
