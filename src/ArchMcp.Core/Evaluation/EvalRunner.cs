using System.Diagnostics;
using System.Text.Json;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Evaluation;

/// <summary>
/// `archmcp eval`: indexes each corpus named in a query file into a fresh index and scores every query through
/// the same service calls the MCP tools make — search and lookup through search_knowledge ranking, checklist
/// queries through design_checklist.
/// </summary>
public static class EvalRunner
{
    public const int Depth = 10;

    public static IReadOnlyList<EvalQuery> ReadQueries(string path)
    {
        var queries = new List<EvalQuery>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                queries.Add(JsonSerializer.Deserialize(line, EvalJsonContext.Default.EvalQuery) ?? throw new JsonException("empty"));
            }
            catch (JsonException ex)
            {
                throw new InvalidQueryException($"{path}:{lineNumber}: not a valid query line ({ex.Message}). Expected {{\"id\",\"corpus\",\"kind\",\"query\",\"relevant\"}}.");
            }
        }

        return queries;
    }

    /// <summary>Scores every query on its corpus; <paramref name="open"/> opens the engine for each corpus.</summary>
    public static async Task<EvalReport> RunAsync(IReadOnlyList<EvalQuery> queries, string corporaDirectory, EvalTargetFactory open, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        var results = new List<EvalQueryResult>();
        var indexTimes = new Dictionary<string, double>();
        foreach (var group in queries.GroupBy(q => q.Corpus))
        {
            var corpusPath = Path.Combine(corporaDirectory, group.Key);
            if (!Directory.Exists(corpusPath))
            {
                throw new KnowledgeRootNotFoundException(corpusPath);
            }

            var indexPath = Path.Combine(Path.GetTempPath(), "archmcp-eval-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var service = open(group.Key, corpusPath, indexPath);
                var watch = Stopwatch.StartNew();
                await service.IndexAsync(cancellationToken).ConfigureAwait(false);
                indexTimes[group.Key] = watch.Elapsed.TotalMilliseconds;
                foreach (var query in group)
                {
                    results.Add(await ScoreAsync(service, query, cancellationToken).ConfigureAwait(false));
                }
            }
            finally
            {
                TryDelete(indexPath);
            }
        }

        var unanswerable = queries.Where(q => q.Relevant.Count == 0).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var answerable = results.Where(r => !unanswerable.Contains(r.Id)).ToList();
        return new EvalReport(
            Aggregate(answerable),
            answerable.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => Aggregate([.. g])),
            answerable.GroupBy(r => r.Corpus).ToDictionary(g => g.Key, g => Aggregate([.. g])),
            results,
            indexTimes,
            Abstention(results, unanswerable));
    }

    private static EvalAbstention Abstention(IReadOnlyList<EvalQueryResult> results, HashSet<string> unanswerable)
    {
        var abstained = results.Where(r => !r.Covered).ToList();
        var correct = abstained.Count(r => unanswerable.Contains(r.Id));
        return new EvalAbstention(
            unanswerable.Count,
            abstained.Count,
            correct,
            abstained.Count == 0 ? null : Round(correct / (double)abstained.Count),
            unanswerable.Count == 0 ? null : Round(correct / (double)unanswerable.Count));
    }

    private static async Task<EvalQueryResult> ScoreAsync(IEvalTarget service, EvalQuery query, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        IReadOnlyList<string> ranked;
        IReadOnlyList<string>? items = null;
        double? violationRecall = null;
        bool covered;
        double? coverage = null;
        if (query.Kind == "checklist")
        {
            var checklist = await service.DesignChecklistAsync(new ChecklistRequest { Design = query.Query, Limit = 30 }, ct).ConfigureAwait(false);
            (covered, coverage) = (checklist.Covered, checklist.Coverage);
            ranked = [.. checklist.Items.Select(i => i.Path).Distinct().Take(Depth)];
            items = [.. checklist.Items.Take(Depth).Select(i => i.Id)];
            if (query.Violations is { Count: > 0 } violations)
            {
                // a violation is found when any identifier of a returned item (its id or an alias) is the label
                var found = new HashSet<string>(checklist.Items.Take(Depth).SelectMany(i => i.Aliases.Prepend(i.Id)).Select(Normalize), StringComparer.Ordinal);
                violationRecall = violations.Count(v => found.Contains(Normalize(v))) / (double)violations.Count;
            }
        }
        else
        {
            var search = await service.SearchAsync(new SearchRequest { Query = query.Query, Limit = Depth }, ct).ConfigureAwait(false);
            (covered, coverage) = (search.Covered, search.Coverage);
            ranked = [.. search.Hits.Select(h => h.Path).Distinct().Take(Depth)];
        }

        var elapsed = watch.Elapsed.TotalMilliseconds;
        var rel = query.Relevant;
        var recall5 = rel.Count == 0 ? 0 : ranked.Take(5).Count(rel.ContainsKey) / (double)rel.Count;
        var mrr = 0.0;
        for (var i = 0; i < ranked.Count; i++)
        {
            if (rel.TryGetValue(ranked[i], out var g) && g == 2)
            {
                mrr = 1.0 / (i + 1);
                break;
            }
        }

        var dcg = ranked.Select((p, i) => rel.GetValueOrDefault(p) / Math.Log2(i + 2)).Sum();
        var ideal = rel.Values.OrderByDescending(g => g).Take(Depth).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return new EvalQueryResult
        {
            Id = query.Id,
            Corpus = query.Corpus,
            Kind = query.Kind,
            Ranked = ranked,
            Recall5 = recall5,
            Mrr10 = mrr,
            Ndcg10 = ideal > 0 ? dcg / ideal : 0,
            ViolationRecall10 = violationRecall,
            Items = items,
            Milliseconds = elapsed,
            Covered = covered,
            Coverage = coverage,
        };
    }

    private static EvalMetrics Aggregate(IReadOnlyList<EvalQueryResult> results)
    {
        var violations = results.Where(r => r.ViolationRecall10 is not null).Select(r => r.ViolationRecall10!.Value).ToList();
        return new EvalMetrics
        {
            Queries = results.Count,
            Recall5 = Round(results.Average(r => r.Recall5)),
            Mrr10 = Round(results.Average(r => r.Mrr10)),
            Ndcg10 = Round(results.Average(r => r.Ndcg10)),
            ViolationRecall10 = violations.Count == 0 ? null : Round(violations.Average()),
        };
    }

    /// <summary>Identifiers compare case-insensitively with collapsed whitespace ("path :: heading", "ADR-0025", "176").</summary>
    public static string Normalize(string id) =>
        string.Join(' ', id.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static double Round(double v) => Math.Round(v, 4);

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
