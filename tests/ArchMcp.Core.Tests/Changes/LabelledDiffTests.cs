using System.Text.Json;
using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;
using ArchMcp.Tests.Shared;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>
/// review_change on the labelled diffs (tests/Shared/Fixtures/diffs: one diff per case, labels.jsonl with the corpus —
/// "knowledge" for this repository's own — the governing records, by path, and the violations, by rule id or record
/// path, each diff introduces): precision and recall of the governing records and of the violations over all of them.
/// </summary>
public sealed class LabelledDiffTests(ITestOutputHelper output)
{
    private sealed record Label(string Diff, string Corpus, string[] Governing, string[] Violations);

    private sealed record Tally(int Expected, int Found, int Right)
    {
        public double Precision => Found == 0 ? 1 : (double)Right / Found;
        public double Recall => Expected == 0 ? 1 : (double)Right / Expected;
        public Tally Add(int expected, int found, int right) => new(Expected + expected, Found + found, Right + right);
    }

    [SkippableFact]
    public async Task LabelledDiffs_GoverningAndViolations_PrecisionAndRecall()
    {
        Corpora.Require();
        Skip.If(ShippedKnowledge.Path is null, ShippedKnowledge.SkipReason);
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "diffs");
        var labels = File.ReadAllLines(Path.Combine(folder, "labels.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<Label>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)
            .ToList();
        Assert.True(labels.Count >= 20, "at least 20 labelled diffs");

        Tally governing = new(0, 0, 0), violations = new(0, 0, 0);
        foreach (var corpus in labels.GroupBy(l => l.Corpus))
        {
            using var engine = new EngineHarness(corpus.Key == "knowledge" ? ShippedKnowledge.Path : Corpora.Folder(corpus.Key));
            foreach (var label in corpus)
            {
                var result = await engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = File.ReadAllText(Path.Combine(folder, label.Diff)) });
                var foundGoverning = result.Files.SelectMany(f => f.Governing).Select(g => g.Path).ToHashSet(StringComparer.Ordinal);
                var foundViolations = result.Files.SelectMany(f => f.Findings).Select(f => f.Review.Item).DistinctBy(i => (i.Path, i.Id)).ToList();
                var rightViolations = foundViolations.Count(i => label.Violations.Any(v => v == i.Id || v == i.Path || i.Aliases.Contains(v)));
                governing = governing.Add(label.Governing.Length, foundGoverning.Count, label.Governing.Count(foundGoverning.Contains));
                violations = violations.Add(label.Violations.Length, foundViolations.Count, rightViolations);
                output.WriteLine($"{label.Diff}: governing {string.Join(", ", foundGoverning.Select(Path.GetFileName))} | violations {string.Join(", ", foundViolations.Select(i => i.Id))}");
            }
        }

        output.WriteLine($"governing:  precision {governing.Precision:F3} recall {governing.Recall:F3} ({governing.Right} right of {governing.Found} found, {governing.Expected} expected)");
        output.WriteLine($"violations: precision {violations.Precision:F3} recall {violations.Recall:F3} ({violations.Right} right of {violations.Found} found, {violations.Expected} expected)");
        // floors at the numbers measured when the set was written (0.667/0.933 and 0.533/0.500): a guard against
        // regressions, not the goals (0.9 governing, 0.8 violations), which the design review's prose-oriented checks
        // do not reach on code yet
        Assert.True(governing.Precision >= 0.65 && governing.Recall >= 0.9, $"governing {governing}");
        Assert.True(violations.Precision >= 0.5 && violations.Recall >= 0.5, $"violations {violations}");
    }
}
