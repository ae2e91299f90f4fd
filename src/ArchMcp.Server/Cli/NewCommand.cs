using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Templates;

namespace ArchMcp.Server.Cli;

/// <summary>
/// `archmcp new "Title words"`: writes the next ADR (NNNN-slug.md) into the folder of the first root (or --root) that
/// holds most of its decisions, from the root's templates/adr-template.md or a MADR 4 skeleton, listing related
/// decisions; prints the path. Never overwrites a file. The only verb that writes into a knowledge root.
/// </summary>
public static class NewCommand
{
    public static Command Create()
    {
        var title = new Argument<string[]>("title") { Description = "Title of the decision, phrased as the solution (\"Use Redis for sessions\").", Arity = ArgumentArity.OneOrMore };
        var status = new Option<string>("--status") { Description = "Initial status: proposed, accepted, rejected, deprecated or superseded.", DefaultValueFactory = _ => "proposed" };
        var date = new Option<DateOnly?>("--date") { Description = "Date written into the record (yyyy-mm-dd). Default: today.", HelpName = "yyyy-mm-dd" };
        var root = new Option<string?>("--root") { Description = "Knowledge root (by name) to write into. Default: the first root." };
        var command = new Command("new", "Write a new ADR from the root's template with the next number and the related decisions.") { title, status, date, root };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var statusText = parse.GetValue(status);
            var lifecycle = RequestArguments.Status(statusText) ?? DecisionStatus.Proposed;
            var plan = await AdrDraft.PlanAsync(knowledge, string.Join(' ', parse.GetValue(title) ?? []), parse.GetValue(root), lifecycle, parse.GetValue(date), ct);
            AdrDraft.Write(plan);
            if (parse.FormatOf() == OutputFormat.Json)
            {
                parse.WriteJson(new NewAdrOutput(plan.Id, plan.Number, plan.Title, plan.Status, plan.Date, plan.FullPath, plan.RelativePath,
                    plan.Root, plan.Template, [.. plan.Related.Select(r => r.Id)]));
            }
            else
            {
                parse.Out().WriteLine(Output.Printable(plan.FullPath));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}

/// <summary>`archmcp new --format json`: where the draft was written and what it links to.</summary>
public sealed record NewAdrOutput(string Id, int Number, string Title, string Status, string Date, string Path, string RelativePath,
    string Root, string? Template, IReadOnlyList<string> Related);
