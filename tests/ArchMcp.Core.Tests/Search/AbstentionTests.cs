using ArchMcp.Core.Evaluation;
using ArchMcp.Tests.Shared;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// Abstention on the shared corpora: Fixtures/abstention-queries.jsonl holds questions the corpora answer (labelled
/// like the dev queries) and questions they do not (no relevant file); "not covered" must fall on the second kind.
/// </summary>
public sealed class AbstentionTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Search_OnAnswerableAndUnanswerableQuestions_AbstainsWithPrecisionAndRecallOfAtLeast090()
    {
        Corpora.Require();
        var queries = EvalRunner.ReadQueries(Path.Combine(AppContext.BaseDirectory, "Fixtures", "abstention-queries.jsonl"));
        Assert.True(queries.Count(q => q.Relevant.Count == 0) >= 30 && queries.Count(q => q.Relevant.Count > 0) >= 30);

        var report = await EvalRunner.RunAsync(queries, Corpora.Path!, KnowledgeAdapters.OpenEvalTarget);

        var a = report.Abstention;
        output.WriteLine($"abstained {a.Abstained}, {a.Correct} of {a.Unanswerable} unanswerable: precision {a.Precision}, recall {a.Recall}");
        foreach (var wrong in report.Queries.Where(q => q.Covered == (queries.Single(x => x.Id == q.Id).Relevant.Count == 0)))
        {
            output.WriteLine($"  wrong: {wrong.Id} covered={wrong.Covered} coverage={wrong.Coverage:0.00}");
        }

        Assert.True(a.Precision >= 0.9, $"precision {a.Precision}");
        Assert.True(a.Recall >= 0.9, $"recall {a.Recall}");
    }
}
