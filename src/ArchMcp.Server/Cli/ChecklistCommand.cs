using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp checklist FILE|-`: the rules and decisions in force that apply to a design, grouped by level.</summary>
public static class ChecklistCommand
{
    public static Command Create()
    {
        var design = DesignInput.Argument();
        var limit = new Option<int>("--limit", "-n") { Description = $"{Args.ChecklistLimit} 1-{ToolContract.ChecklistLimitMax}.", DefaultValueFactory = _ => ToolContract.ChecklistLimitDefault };
        var root = new Option<string?>("--root") { Description = Args.Root };
        var command = new Command("checklist", "The rules and decisions in force that apply to a design, most relevant first, grouped by level.") { design, limit, root };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var request = new ChecklistRequest
            {
                Design = await DesignInput.ReadAsync(parse.GetValue(design)!, ct),
                Limit = parse.GetValue(limit),
                Root = parse.GetValue(root),
            };
            var result = await knowledge.DesignChecklistAsync(request, ct);
            switch (parse.FormatOf())
            {
                case OutputFormat.Json:
                    parse.WriteJson(result);
                    break;
                case OutputFormat.Markdown:
                    parse.Out().Write(ChecklistMarkdown.Checklist(result, ChecklistFormat.TaskList));
                    break;
                default:
                    parse.Out().Write(ChecklistMarkdown.Checklist(result));
                    break;
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
