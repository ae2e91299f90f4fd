using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Checklists;

public sealed class DebugReview(ITestOutputHelper output)
{
    [SkippableFact]
    public void Debug_Review()
    {
        var corpus = Environment.GetEnvironmentVariable("DBG_CORPUS");
        Skip.If(corpus is null);
        var r = DevCorpusLoader.Load(corpus!);
        var result = new ChecklistEngine(r).Review(new ChecklistRequest { Design = Environment.GetEnvironmentVariable("DBG_DESIGN")!, Limit = 30 });
        foreach (var f in result.Facts)
        {
            output.WriteLine($"FACT {f.Kind} = {f.Value} @{f.Line}");
        }

        foreach (var i in result.Items)
        {
            output.WriteLine($"{i.Item.Score:F2} {i.Item.Id} [{i.Verdict}] {i.Item.Statement} :: {i.Reason} | {i.Design?.Quote}");
        }
    }
}
