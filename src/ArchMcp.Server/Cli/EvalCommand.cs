using System.CommandLine;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp eval --queries FILE --corpora DIR`: search quality on graded queries.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure search quality on graded queries (Recall@5, MRR@10, nDCG@10, violation recall@10).");
        command.SetAction((parse, ct) => Task.FromResult(ExitCodes.Failed));
        return command;
    }
}
