using ArchMcp.Core.Model;

namespace ArchMcp.Core.Changes;

/// <summary>One change found between two versions of a file, before its commit, date and root are known.</summary>
internal sealed record DocumentChange(string Change, string Kind, string Id, string Title, string Summary, int Line);

/// <summary>
/// What changed between two parsed versions of one file (either may be missing: added, removed): the decision's
/// status (superseded and deprecated named as such), its text, and each rule by id — added, removed, its level, its
/// text. Compares what the parser read, never text lines, so a reflowed paragraph is no change and a status table
/// edited to "Superseded" is one.
/// </summary>
internal static class DocumentDiff
{
    public const string DecisionKind = "decision";
    public const string RuleKind = "rule";

    public static IEnumerable<DocumentChange> Between(KnowledgeDocument? before, KnowledgeDocument? after)
    {
        before = Relevant(before);
        after = Relevant(after);
        var decisions = DecisionChange(before, after);
        var rules = RuleChanges(before?.Rules ?? [], after?.Rules ?? []);
        return decisions is null ? rules : rules.Prepend(decisions);
    }

    /// <summary>Decisions and rules are what changes are reported for; a template's placeholders are neither.</summary>
    private static KnowledgeDocument? Relevant(KnowledgeDocument? document) =>
        document is null || document.Kind == DocumentKind.Template ? null : document;

    private static DocumentChange? DecisionChange(KnowledgeDocument? before, KnowledgeDocument? after)
    {
        var old = before?.Decision is null ? null : before;
        var now = after?.Decision is null ? null : after;
        if (old is null && now is null)
        {
            return null;
        }

        if (old is null)
        {
            return new DocumentChange("added", DecisionKind, now!.Id, now.Title, $"new decision ({now.Decision!.Status.ToWire()})", now.TitleLine);
        }

        if (now is null)
        {
            return new DocumentChange("removed", DecisionKind, old.Id, old.Title, "decision removed", old.TitleLine);
        }

        var (was, @is) = (old.Decision!.Status, now.Decision!.Status);
        if (was != @is)
        {
            var change = @is switch
            {
                DecisionStatus.Superseded => "superseded",
                DecisionStatus.Deprecated => "deprecated",
                _ => "status",
            };
            var successors = now.Decision.Relations.Where(r => r.Kind == RelationKind.SupersededBy).Select(r => r.Alternative ?? r.Target).Distinct().ToList();
            var by = @is == DecisionStatus.Superseded && successors.Count > 0 ? $" (by {string.Join(", ", successors)})" : "";
            return new DocumentChange(change, DecisionKind, now.Id, now.Title, $"status {was.ToWire()} → {@is.ToWire()}{by}", now.Decision.StatusLine > 0 ? now.Decision.StatusLine : now.TitleLine);
        }

        var edited = EditedSections(old.Sections, now.Sections);
        return edited.Count == 0 && old.Title == now.Title ? null
            : new DocumentChange("edited", DecisionKind, now.Id, now.Title,
                edited.Count == 0 ? "title changed" : $"edited: {string.Join(", ", edited)}", now.TitleLine);
    }

    /// <summary>Headings of the sections added, removed or reworded (whitespace aside), in the new order, then the removed ones.</summary>
    private static List<string> EditedSections(IReadOnlyList<Section> before, IReadOnlyList<Section> after)
    {
        var old = before.GroupBy(s => s.Heading).ToDictionary(g => g.Key, g => string.Join('\n', g.Select(s => Words(s.Text))), StringComparer.Ordinal);
        var now = after.GroupBy(s => s.Heading).ToDictionary(g => g.Key, g => string.Join('\n', g.Select(s => Words(s.Text))), StringComparer.Ordinal);
        return
        [
            .. now.Where(s => !old.TryGetValue(s.Key, out var text) || text != s.Value).Select(s => s.Key),
            .. old.Keys.Where(h => !now.ContainsKey(h)),
        ];
    }

    private static IEnumerable<DocumentChange> RuleChanges(IReadOnlyList<Rule> before, IReadOnlyList<Rule> after)
    {
        var old = ById(before);
        var now = ById(after);
        foreach (var rule in now.Values)
        {
            if (!old.TryGetValue(rule.Id, out var was))
            {
                yield return new DocumentChange("added", RuleKind, rule.Id, rule.Statement, $"new {rule.Level.ToWire()} rule", rule.Line);
            }
            else if (was.Level != rule.Level)
            {
                yield return new DocumentChange("level", RuleKind, rule.Id, rule.Statement, $"level {was.Level.ToWire()} → {rule.Level.ToWire()}", rule.Line);
            }
            else if (Words(was.Statement) != Words(rule.Statement) || Words(was.Text) != Words(rule.Text))
            {
                yield return new DocumentChange("edited", RuleKind, rule.Id, rule.Statement, "rule reworded", rule.Line);
            }
        }

        foreach (var rule in old.Values.Where(r => !now.ContainsKey(r.Id)))
        {
            yield return new DocumentChange("removed", RuleKind, rule.Id, rule.Statement, $"{rule.Level.ToWire()} rule removed", rule.Line);
        }
    }

    /// <summary>Rules by id, in document order; a repeated id keeps its first rule.</summary>
    private static Dictionary<string, Rule> ById(IReadOnlyList<Rule> rules)
    {
        var byId = new Dictionary<string, Rule>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            byId.TryAdd(rule.Id, rule);
        }

        return byId;
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
