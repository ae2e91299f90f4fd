using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Evaluation;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp eval --queries FILE --corpora DIR`: search quality on graded queries.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var queries = new Option<FileInfo>("--queries") { Description = "Graded queries (JSONL: id, corpus, kind, query, relevant[, violations]).", Required = true };
        var corpora = new Option<DirectoryInfo>("--corpora") { Description = "Folder holding one sub-folder per corpus named in the queries.", Required = true };
        var command = new Command("eval", "Measure search quality on graded queries: Recall@5, MRR@10, nDCG@10 and checklist violation recall@10.") { queries, corpora };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var file = parse.GetValue(queries)!;
                if (!file.Exists)
                {
                    parse.Err().WriteLine($"archmcp: query file '{file.FullName}' does not exist.");
                    return ExitCodes.InvalidOptions;
                }

                var report = await EvalRunner.RunAsync(EvalRunner.ReadQueries(file.FullName), parse.GetValue(corpora)!.FullName, KnowledgeAdapters.OpenEvalTarget, ct);
                parse.Write(report, o => WriteText(o, report));

                return ExitCodes.Success;
            }
            catch (Exception ex)
            {
                return ArchMcpCli.Fail(parse.Err(), ex);
            }
        });
        return command;
    }

    private static void WriteText(TextWriter output, EvalReport report)
    {
        output.WriteLine($"{"group",-14}{"n",4}{"Recall@5",10}{"MRR@10",9}{"nDCG@10",9}{"ViolR@10",10}");
        void Row(string name, EvalMetrics m) =>
            output.WriteLine($"{name,-14}{m.Queries,4}{m.Recall5,10:0.000}{m.Mrr10,9:0.000}{m.Ndcg10,9:0.000}{(m.ViolationRecall10 is { } v ? v.ToString("0.000") : "-"),10}");
        foreach (var (kind, m) in report.ByKind.OrderBy(k => k.Key))
        {
            Row(kind, m);
        }

        foreach (var (corpus, m) in report.ByCorpus.OrderBy(k => k.Key))
        {
            Row(corpus, m);
        }

        Row("overall", report.Overall);
        var a = report.Abstention;
        output.WriteLine($"abstention: {a.Abstained} not covered, {a.Correct} of {a.Unanswerable} unanswerable; precision {(a.Precision is { } p ? p.ToString("0.000") : "-")}, recall {(a.Recall is { } r ? r.ToString("0.000") : "-")}");
        foreach (var q in report.Queries.Where(q => q.Ndcg10 < 0.8 || q.ViolationRecall10 < 0.75))
        {
            output.WriteLine($"  weak: {q.Id} nDCG {q.Ndcg10:0.00} MRR {q.Mrr10:0.00}{(q.ViolationRecall10 is { } v ? $" violR {v:0.00}" : "")} → {string.Join(", ", q.Ranked.Take(3).Select(Path.GetFileName))}");
        }
    }
}
