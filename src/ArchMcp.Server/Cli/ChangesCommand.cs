using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Rendering;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp changes --since REF|DATE`: the decisions and rules that changed since a git ref or a date, newest first.</summary>
public static class ChangesCommand
{
    public static Command Create()
    {
        var since = new Option<string>("--since") { Description = Args.Since, HelpName = "ref|yyyy-mm-dd", Required = true };
        var root = new Option<string?>("--root") { Description = Args.Root };
        var limit = new Option<int>("--limit", "-n") { Description = $"{Args.ChangesLimit} 1-{ToolContract.ChangesLimitMax}.", DefaultValueFactory = _ => ToolContract.ChangesLimitMax };
        var command = new Command("changes", "Decisions and rules added, changed, superseded or deprecated since a git ref or a date, each with its commit and date.") { since, root, limit };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var result = await knowledge.RecentChangesAsync(RequestArguments.Changes(parse.GetValue(since), parse.GetValue(root), parse.GetValue(limit)), ct);
            parse.Write(result, o => o.Write(KnowledgeMarkdown.Changes(result)));

            return ExitCodes.Success;
        }));
        return command;
    }
}
