using System.CommandLine;
using ArchMcp.Core.Rendering;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp checklist FILE|-`: the rules and decisions in force that apply to a design, grouped by level.</summary>
public static class ChecklistCommand
{
    public static Command Create()
    {
        var arguments = new DesignArguments();
        var command = arguments.Command("checklist", "The rules and decisions in force that apply to a design, most relevant first, grouped by level.");
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var result = await knowledge.DesignChecklistAsync(await arguments.RequestAsync(parse, ct), ct);
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
