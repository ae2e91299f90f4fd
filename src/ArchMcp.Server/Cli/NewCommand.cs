using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Templates;

namespace ArchMcp.Server.Cli;

/// <summary>
/// `archmcp new "Title words"`: writes the next ADR into the first root (or --root), in that folder's own conventions
/// (<see cref="AdrConventions"/>): the folder holding most of its decisions (the root itself when it has none), the
/// file naming, a template beside the records or a built-in skeleton in the records' metadata style, and the related
/// decisions above a relevance floor; prints the path. `--create` makes a missing --knowledge folder. Never
/// overwrites a file. The only verb that writes into a knowledge root.
/// </summary>
public static class NewCommand
{
    public static Command Create()
    {
        var title = new Argument<string[]>("title") { Description = "Title of the decision, phrased as the solution (\"Use Redis for sessions\").", Arity = ArgumentArity.OneOrMore };
        var status = new Option<string>("--status") { Description = $"Initial status, one of: {ToolContract.StatusValues}.", DefaultValueFactory = _ => "proposed" };
        var date = new Option<DateOnly?>("--date") { Description = "Date written into the record (yyyy-mm-dd). Default: today.", HelpName = "yyyy-mm-dd" };
        var root = new Option<string?>("--root") { Description = "Knowledge root (by name) to write into. Default: the first root." };
        var create = new Option<bool>("--create") { Description = "Create the --knowledge folder when it does not exist (the record then goes straight into it)." };
        var command = new Command("new", "Write a new ADR in the folder's own conventions (naming, template, metadata style) with the next number and the related decisions.") { title, status, date, root, create };
        command.SetAction((parse, ct) => CreateFolders(parse, parse.GetValue(create)) ?? parse.WithKnowledgeAsync(async knowledge =>
        {
            var statusText = parse.GetValue(status);
            var lifecycle = RequestArguments.Status(statusText) ?? DecisionStatus.Proposed;
            var plan = await AdrDraft.PlanAsync(knowledge.AsDecisionLog(), string.Join(' ', parse.GetValue(title) ?? []), parse.GetValue(root), lifecycle, parse.GetValue(date), ct);
            AdrDraft.Write(plan);
            parse.Write(new NewAdrOutput(plan.Id, plan.Number, plan.Title, plan.Status, plan.Date, plan.FullPath, plan.RelativePath,
                plan.Root, plan.Template, [.. plan.Related.Select(r => r.Id)]), o => o.WriteLine(Output.Printable(plan.FullPath)));

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>With --create, makes each missing --knowledge folder; without it, a missing one is a usage error (null: go on).</summary>
    private static Task<int>? CreateFolders(ParseResult parse, bool create)
    {
        foreach (var spec in parse.GetValue(CommonOptions.Knowledge) ?? [])
        {
            var eq = spec.IndexOf('=');
            var path = eq > 0 && !spec[..eq].Contains('/') && !spec[..eq].Contains('\\') ? spec[(eq + 1)..].Trim() : spec;
            if (path.Length == 0 || Directory.Exists(path))
            {
                continue;
            }

            if (!create)
            {
                parse.Err().WriteLine(Output.Printable($"archmcp: the folder '{path}' does not exist; add --create to create it (see archmcp new --help)"));
                return Task.FromResult(ExitCodes.InvalidOptions);
            }

            try
            {
                Directory.CreateDirectory(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                parse.Err().WriteLine(Output.Printable($"archmcp: cannot create the folder '{path}': {ex.Message}"));
                return Task.FromResult(ExitCodes.InvalidOptions);
            }
        }

        return null;
    }
}

/// <summary>`archmcp new --format json`: where the draft was written and what it links to.</summary>
public sealed record NewAdrOutput(string Id, int Number, string Title, string Status, string Date, string Path, string RelativePath,
    string Root, string? Template, IReadOnlyList<string> Related);
