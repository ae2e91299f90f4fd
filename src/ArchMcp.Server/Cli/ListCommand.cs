using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp list`: decisions filtered by status, tag, date range and root.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = "proposed, accepted, rejected, deprecated or superseded." };
        var tag = new Option<string?>("--tag") { Description = "Only decisions with this tag." };
        var from = new Option<DateOnly?>("--from") { Description = "Only decisions dated on or after (yyyy-mm-dd).", HelpName = "yyyy-mm-dd" };
        var to = new Option<DateOnly?>("--to") { Description = "Only decisions dated on or before (yyyy-mm-dd).", HelpName = "yyyy-mm-dd" };
        var root = new Option<string?>("--root") { Description = "Only this knowledge root (by name)." };
        var offset = new Option<int>("--offset") { Description = "Skip this many decisions.", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit", "-n") { Description = "Page size (1-10000).", DefaultValueFactory = _ => 10000 };
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
            if (parse.FormatOf() == OutputFormat.Json)
            {
                parse.WriteJson(page.Items);
            }
            else
            {
                parse.Out().Write(KnowledgeMarkdown.DecisionList(page));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
