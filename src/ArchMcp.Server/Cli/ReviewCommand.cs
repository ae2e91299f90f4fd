using System.CommandLine;
using ArchMcp.Core.Rendering;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp review FILE|-`: a design checked against the applicable rules; exits 1 when a MUST item is violated.</summary>
public static class ReviewCommand
{
    public static Command Create()
    {
        var arguments = new DesignArguments();
        var command = arguments.Command("review", "Check a design against the applicable rules and decisions in force: a verdict per item and a risk roll-up. Exits 1 when a MUST is violated.");
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var result = await knowledge.ReviewDesignAsync(await arguments.RequestAsync(parse, ct), ct);
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
