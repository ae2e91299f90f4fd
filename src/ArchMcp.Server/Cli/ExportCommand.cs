using System.CommandLine;
using ArchMcp.Core.Export;

namespace ArchMcp.Server.Cli;

/// <summary>
/// `archmcp export --target agents-md|copilot|cursor --out DIR [--check]`: the rule files an assistant reads without a
/// tool call, from the decisions in force and the MUST rules; with --check, exit 1 when the files on disk differ.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = $"Which assistant's files: {RuleFiles.TargetValues}.", HelpName = "agents-md|copilot|cursor", Required = true };
        target.AcceptOnlyFromAmong(RuleFiles.TargetValues.Split(", "));
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write into (the repository's root).", HelpName = "dir", Required = true };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the files on disk differ from what would be written (for CI)." };
        var command = new Command("export", "Write the assistant's own rule files (AGENTS.md section, Copilot instructions, Cursor rules) from the decisions in force and the MUST rules.") { target, output, check };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            RuleFiles.TryParseTarget(parse.GetValue(target), out var assistant);
            var folder = parse.GetValue(output)!.FullName;
            var checking = parse.GetValue(check);
            var states = RuleFiles.Sync(await knowledge.AssistantRuleFilesAsync(assistant, ct), folder, checking);
            parse.Write(states, o =>
            {
                foreach (var state in states)
                {
                    var what = state.UpToDate ? "up to date" : state.Stale ? (checking ? "stale" : "removed") : checking ? "differs" : "written";
                    o.WriteLine(Output.Printable($"{what}: {state.Path}"));
                }
            });

            if (checking && states.Any(s => !s.UpToDate))
            {
                parse.Err().WriteLine(Output.Printable($"archmcp: {states.Count(s => !s.UpToDate)} file(s) in {folder} differ from the decision log; run `archmcp export --target {parse.GetValue(target)} --out {folder}` and commit them."));
                return ExitCodes.Findings;
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
