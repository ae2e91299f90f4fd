using System.CommandLine;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp lint`: the health of the decision log and standards; exit 1 when there are errors.</summary>
public static class LintCommand
{
    public static Command Create()
    {
        var command = new Command("lint", "Check the knowledge for broken files, missing metadata and inconsistent decision links.");
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var report = await knowledge.LintAsync(ct);
            parse.Write(report, o =>
            {
                foreach (var f in report.Findings)
                {
                    o.WriteLine(Output.Printable($"{f.Path}:{f.Line}: {f.Severity} {f.Code}: {f.Message}"));
                }

                var s = report.Summary;
                o.WriteLine($"{s.Decisions} decisions, {s.Standards} standards, {s.Rules} rules, {s.References} references: {s.Errors} errors, {s.Warnings} warnings");
            });

            return report.Summary.Errors > 0 ? ExitCodes.Findings : ExitCodes.Success;
        }));
        return command;
    }
}
