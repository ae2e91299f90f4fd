using System.Text.Json;
using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;
using ArchMcp.Tests.Shared;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>
/// review_change on the labelled diffs (tests/Shared/Fixtures/diffs: one diff per case, labels.jsonl with the corpus —
/// "knowledge" for this repository's own — the governing records, by path, and the violations, by rule id or record
/// path, each diff introduces): precision and recall of the governing records and of the violations, over the first
/// set (labelled when review_change was written) and, apart, over each held-out set (<c>"set": "held-out"</c>,
/// <c>"held-out-2"</c>, <c>"held-out-3"</c> and <c>"held-out-4"</c>, each labelled and committed before the rules they
/// measure were changed).
/// </summary>
public sealed class LabelledDiffTests(ITestOutputHelper output)
{
    private sealed record Label(string Diff, string Corpus, string[] Governing, string[] Violations, string? Set);

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

        var governing = new Dictionary<string, Tally>();
        var violations = new Dictionary<string, Tally>();
        foreach (var corpus in labels.GroupBy(l => l.Corpus))
        {
            using var engine = new EngineHarness(corpus.Key == "knowledge" ? ShippedKnowledge.Path : Corpora.Folder(corpus.Key));
            foreach (var label in corpus)
            {
                var result = await engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = File.ReadAllText(Path.Combine(folder, label.Diff)) });
                var foundGoverning = result.Files.SelectMany(f => f.Governing).Select(g => g.Path).ToHashSet(StringComparer.Ordinal);
                var foundViolations = result.Files.SelectMany(f => f.Findings).Select(f => f.Review.Item).DistinctBy(i => (i.Path, i.Id)).ToList();
                var rightViolations = foundViolations.Count(i => label.Violations.Any(v => v == i.Id || v == i.Path || i.Aliases.Contains(v)));
                var set = label.Set ?? "first";
                governing[set] = governing.GetValueOrDefault(set, new(0, 0, 0)).Add(label.Governing.Length, foundGoverning.Count, label.Governing.Count(foundGoverning.Contains));
                violations[set] = violations.GetValueOrDefault(set, new(0, 0, 0)).Add(label.Violations.Length, foundViolations.Count, rightViolations);
                var why = result.Files.SelectMany(f => f.Governing).DistinctBy(g => g.Path).Select(g => $"{Path.GetFileName(g.Path)} ({g.Why})");
                output.WriteLine($"{label.Diff}: governing {string.Join(", ", why)} | violations {string.Join(", ", foundViolations.Select(i => i.Id))}");
            }
        }

        foreach (var set in governing.Keys.Order(StringComparer.Ordinal))
        {
            output.WriteLine($"{set} governing:  precision {governing[set].Precision:F3} recall {governing[set].Recall:F3} ({governing[set].Right} right of {governing[set].Found} found, {governing[set].Expected} expected)");
            output.WriteLine($"{set} violations: precision {violations[set].Precision:F3} recall {violations[set].Recall:F3} ({violations[set].Right} right of {violations[set].Found} found, {violations[set].Expected} expected)");
        }

        // floors at the numbers measured (issue 27's goals: 0.9 governing, 0.8 violations): a guard against
        // regressions. Governing records missed: those that name no technology in title, outcome, top-level sections
        // or words, nor a product few files of their knowledge base write (the ADR slug as id; DDD for the core API, a
        // package; sending email, whose title words are all common in its knowledge base), GitHub-hosted runners (GitHub
        // Actions' word for its machines), dependency management against a requirements file, and a Yarn monorepo against
        // package.json (Yarn reads it too, but saying so makes the review read npm as Yarn's rival). Counted against
        // precision: records whose technology the change does show but the labels leave out (an ELB in a comment, a host
        // named puppet, an older Java-version decision no record supersedes, Postgres on the Puppetmaster, a GitHub
        // Action in a title). Violation recall on the first set misses a Terraform security group defined with in-line
        // rules against a decision to define groups separate from their rules; its precision counts rules the labels do
        // not list beside the one they do for the same line (a /v1/ path also breaks "use media type versioning"; a
        // /cancel path "avoid actions"). Held-out-3 (written this session, measured before any change it informed)
        // misses sending a user's email with smtplib against a standard that names the service to send it with (n07),
        // and counts against its violation precision a logging rule on sensitive data for that email.
        Assert.True(governing["first"].Precision >= 0.9 && governing["first"].Recall >= 0.96, $"governing {governing["first"]}");
        Assert.True(violations["first"].Precision >= 0.83 && violations["first"].Recall >= 0.93, $"violations {violations["first"]}");
        Assert.True(governing["held-out"].Precision >= 0.89 && governing["held-out"].Recall >= 0.89, $"held-out governing {governing["held-out"]}");
        Assert.True(violations["held-out"].Precision >= 0.99 && violations["held-out"].Recall >= 0.99, $"held-out violations {violations["held-out"]}");
        Assert.True(governing["held-out-2"].Precision >= 0.91 && governing["held-out-2"].Recall >= 0.94, $"held-out-2 governing {governing["held-out-2"]}");
        Assert.True(violations["held-out-2"].Precision >= 0.99 && violations["held-out-2"].Recall >= 0.99, $"held-out-2 violations {violations["held-out-2"]}");
        Assert.True(governing["held-out-3"].Precision >= 0.86 && governing["held-out-3"].Recall >= 0.86, $"held-out-3 governing {governing["held-out-3"]}");
        Assert.True(violations["held-out-3"].Precision >= 0.87 && violations["held-out-3"].Recall >= 0.87, $"held-out-3 violations {violations["held-out-3"]}");
        // Held-out-4 (written in session 22 by an engineer who saw no rule, over corpora the other sets barely use:
        // stackable, nhs-notify, ite, waf, osps-baseline, madr) is where the rules do not carry yet: labels, resource
        // names, registries, secret scanners and cloud settings that no check reads. Its floor is what it measures.
        Assert.True(governing["held-out-4"].Precision >= 0.13 && governing["held-out-4"].Recall >= 0.11, $"held-out-4 governing {governing["held-out-4"]}");
    }
}
