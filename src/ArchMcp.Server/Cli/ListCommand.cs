using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp list`: decisions filtered by status, tag, date range and root.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = $"{Args.DecisionStatus} One of: {ToolContract.StatusValues}." };
        var tag = new Option<string?>("--tag") { Description = Args.Tag };
        var from = new Option<DateOnly?>("--from") { Description = Args.From, HelpName = "yyyy-mm-dd" };
        var to = new Option<DateOnly?>("--to") { Description = Args.To, HelpName = "yyyy-mm-dd" };
        var root = new Option<string?>("--root") { Description = Args.Root };
        var offset = new Option<int>("--offset") { Description = Args.Offset, DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit", "-n") { Description = $"{Args.ListLimit} 1-{ToolContract.DecisionLogMax}; default: the whole log.", DefaultValueFactory = _ => ToolContract.DecisionLogMax };
        var command = new Command("list", "List decisions.") { status, tag, from, to, root, offset, limit };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var page = await knowledge.ListDecisionsAsync(new DecisionQuery
            {
                Status = RequestArguments.Status(parse.GetValue(status)),
                Tag = parse.GetValue(tag),
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Root = parse.GetValue(root),
                Offset = parse.GetValue(offset),
                Limit = parse.GetValue(limit),
            }, ct);
            parse.Write(page.Items, o => o.Write(KnowledgeMarkdown.DecisionList(page)));

            return ExitCodes.Success;
        }));
        return command;
    }
}
