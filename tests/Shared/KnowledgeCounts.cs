using System.Text.RegularExpressions;
using ArchMcp.Core;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Tests.Shared;

/// <summary>
/// What a knowledge folder laid out by convention holds, counted from the files themselves, so a test can expect
/// exact numbers from the index and the linter and still follow when someone adds a decision or a rule.
/// </summary>
/// <param name="Rules">Rules the parser finds in every file (standards, guides, reference architectures).</param>
/// <param name="RuleIdsInStandards">Ids ending a standard's heading, such as [API-001]: each must be a rule.</param>
public sealed partial record KnowledgeCounts(
    int Decisions, int Standards, int Rules, int ReferenceArchitectures, IReadOnlyList<string> RuleIdsInStandards)
{
    /// <summary>Counts the Markdown files of decisions/, standards/ and reference-architectures/ (not recursive), and the rules parsed from every file.</summary>
    public static KnowledgeCounts Of(string knowledge)
    {
        string[] Files(string folder) =>
            Directory.Exists(Path.Combine(knowledge, folder)) ? Directory.GetFiles(Path.Combine(knowledge, folder), "*.md") : [];

        var parsed = KnowledgeLoader.LoadAll(new KnowledgeRoot("knowledge", knowledge), 4 * 1024 * 1024, new List<Finding>());
        return new KnowledgeCounts(
            Files("decisions").Length,
            Files("standards").Length,
            parsed.Sum(f => f.Document?.Rules.Count ?? 0),
            Files("reference-architectures").Length,
            [.. Files("standards").SelectMany(File.ReadLines).Select(l => RuleHeading().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)]);
    }

    [GeneratedRegex(@"^#{2,4} .*\[([A-Z]+-[0-9]+)\]\s*$")]
    private static partial Regex RuleHeading();
}
