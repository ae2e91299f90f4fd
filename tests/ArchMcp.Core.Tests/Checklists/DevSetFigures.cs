using System.Text.Json;
using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>Violation recall@10 and file nDCG@10 of the checklist queries of the shared dev set, over a crude in-memory index.</summary>
public sealed class DevSetFigures(ITestOutputHelper output)
{
    [SkippableFact]
    public void Checklist_OnDevQueries_ReportsViolationRecallAndNdcg()
    {
        var queries = Path.Combine(DevCorpusLoader.CorporaDir, "dev-queries.jsonl");
        Skip.IfNot(File.Exists(queries), "dev corpora not present");
        var retrievers = new Dictionary<string, InMemoryRetriever>();
        double recallSum = 0, ndcgSum = 0;
        var n = 0;
        foreach (var line in File.ReadLines(queries))
        {
            using var doc = JsonDocument.Parse(line);
            var q = doc.RootElement;
            if (q.GetProperty("kind").GetString() != "checklist")
            {
                continue;
            }

            var corpus = q.GetProperty("corpus").GetString()!;
            if (!retrievers.TryGetValue(corpus, out var retriever))
            {
                retriever = retrievers[corpus] = DevCorpusLoader.Load(corpus);
            }

            var result = new ChecklistEngine(retriever).Checklist(new ChecklistRequest { Design = q.GetProperty("query").GetString()! });
            var top = result.Items.Take(10).ToList();
            var violations = q.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!).ToList();
            var found = violations.Count(v => top.Any(i => i.Id == v));
            var recall = (double)found / violations.Count;
            var grades = q.GetProperty("relevant").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            var files = top.Select(i => i.Path).Distinct().Take(10).ToList();
            var dcg = files.Select((f, i) => grades.GetValueOrDefault(f) / Math.Log2(i + 2)).Sum();
            var idcg = grades.Values.OrderDescending().Take(10).Select((g, i) => g / Math.Log2(i + 2)).Sum();
            var ndcg = idcg == 0 ? 0 : dcg / idcg;
            recallSum += recall;
            ndcgSum += ndcg;
            n++;
            output.WriteLine($"{q.GetProperty("id").GetString()} recall {recall:F2} ndcg {ndcg:F2} missing: {string.Join(", ", violations.Where(v => top.All(i => i.Id != v)))}");
            foreach (var item in top)
            {
                output.WriteLine($"   {(violations.Contains(item.Id) ? "*" : " ")} {item.Score:F2} {item.Id} {item.Statement}");
            }
        }

        output.WriteLine($"MEAN violationRecall10 {recallSum / n:F3} ndcg10 {ndcgSum / n:F3}");
        Assert.True(n > 0);
    }
}
