using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>Loads the shared dev corpora into an <see cref="InMemoryRetriever"/> with a crude parser (numbered rules, sections, Nygard ADRs).</summary>
public static partial class DevCorpusLoader
{
    public const string CorporaDir = "/work/shared/corpora";

    public static InMemoryRetriever Load(string corpus)
    {
        var retriever = new InMemoryRetriever();
        var root = Path.Combine(CorporaDir, corpus);
        foreach (var file in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            var adr = AdrTitle().Match(lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal)) ?? "");
            if (adr.Success && rel.Contains("decisions", StringComparison.Ordinal))
            {
                var status = Section(lines, "Status").Trim();
                var st = status.StartsWith("Accepted", StringComparison.OrdinalIgnoreCase) ? DecisionStatus.Accepted
                    : status.StartsWith("Superseded", StringComparison.OrdinalIgnoreCase) ? DecisionStatus.Superseded : DecisionStatus.Proposed;
                retriever.AddDecisionAt(int.Parse(adr.Groups[1].Value), adr.Groups[2].Value, Section(lines, "Decision"), string.Join('\n', lines), st, rel);
                continue;
            }

            var numbered = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var m = NumberedRule().Match(lines[i]);
                if (m.Success)
                {
                    numbered = true;
                    EnumText.TryParseLevel(m.Groups[1].Value, out var level);
                    retriever.AddRule(m.Groups[3].Value, level, m.Groups[2].Value.Trim(), Body(lines, i), rel, i + 1);
                }
            }

            if (numbered)
            {
                continue;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var h = Heading().Match(lines[i]);
                if (h.Success && !lines[i].Contains("<%", StringComparison.Ordinal))
                {
                    retriever.AddRule($"{rel} :: {h.Groups[1].Value.Trim()}", RuleLevel.Should, h.Groups[1].Value.Trim(), Body(lines, i), rel, i + 1);
                }
            }
        }

        return retriever;
    }

    private static string Body(string[] lines, int start)
    {
        var end = start + 1;
        while (end < lines.Length && !lines[end].StartsWith('#'))
        {
            end++;
        }

        return string.Join('\n', lines[(start + 1)..end]);
    }

    private static string Section(string[] lines, string name)
    {
        var i = Array.FindIndex(lines, l => l.Trim().Equals("## " + name, StringComparison.OrdinalIgnoreCase));
        return i < 0 ? "" : Body(lines, i);
    }

    [GeneratedRegex(@"^# (\d+)\. (.+)$")]
    private static partial Regex AdrTitle();

    [GeneratedRegex(@"^## (MUST NOT|MUST|SHOULD NOT|SHOULD|MAY) (.+) \[(\d+)\]\s*$")]
    private static partial Regex NumberedRule();

    [GeneratedRegex(@"^#{2,4} (.+)$")]
    private static partial Regex Heading();
}
