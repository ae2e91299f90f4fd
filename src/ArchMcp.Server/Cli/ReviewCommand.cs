using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp review FILE|-`: a design checked against the applicable rules; exits 1 when a MUST item is violated.</summary>
public static class ReviewCommand
{
    public static Command Create()
    {
        var design = DesignInput.Argument();
        var limit = new Option<int>("--limit", "-n") { Description = $"Number of rules and decisions to check (1-{ToolContract.ChecklistLimitMax}).", DefaultValueFactory = _ => ToolContract.ChecklistLimitDefault };
        var root = new Option<string?>("--root") { Description = Args.Root };
        var command = new Command("review", "Check a design against the applicable rules and decisions in force: a verdict per item and a risk roll-up. Exits 1 when a MUST is violated.") { design, limit, root };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var request = new ChecklistRequest
            {
                Design = await DesignInput.ReadAsync(parse.GetValue(design)!, ct),
                Limit = parse.GetValue(limit),
                Root = parse.GetValue(root),
            };
            var result = await knowledge.ReviewDesignAsync(request, ct);
            if (parse.FormatOf() == OutputFormat.Json)
            {
                parse.WriteJson(result);
            }
            else
            {
                parse.Out().Write(ChecklistMarkdown.Review(result));
            }

            return result.Risk.High > 0 ? ExitCodes.Findings : ExitCodes.Success;
        }));
        return command;
    }
}
