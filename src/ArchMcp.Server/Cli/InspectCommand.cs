using System.CommandLine;
using ArchMcp.Core;

namespace ArchMcp.Server.Cli;

/// <summary>
/// `archmcp inspect PATH`: how each file of a file or folder is read — kind and why, id, aliases, title, status as
/// written and as mapped, date, relations and rules — or why it is left out. Reads the files as the indexer does;
/// needs no index.
/// </summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A knowledge file, or a folder of them." };
        var command = new Command("inspect", "Show how each file is read (kind and why, id, aliases, status, date, relations, rules) or why it is left out. Needs no index.") { path };
        command.SetAction(parse =>
        {
            try
            {
                var specs = parse.GetValue(CommonOptions.Knowledge) ?? [];
                var report = KnowledgeInspector.Inspect(parse.GetValue(path)!, specs.Length == 0 ? [] : KnowledgeRoots.Resolve(specs));
                parse.Write(report, o => WriteText(o, report));

                return ExitCodes.Success;
            }
            catch (Exception ex)
            {
                return ArchMcpCli.Fail(parse.Err(), ex);
            }
        });
        return command;
    }

    private static void WriteText(TextWriter output, InspectReport report)
    {
        void Line(string text) => output.WriteLine(Output.Printable(text));

        Line($"root {report.Root} = {report.RootPath}; settings: {report.Settings ?? "none"}");
        foreach (var f in report.SettingsFindings)
        {
            Line($"  {f.Path}:{f.Line}: {f.Severity} {f.Code}: {f.Message}");
        }

        foreach (var file in report.Files)
        {
            Line("");
            if (file.Kind is null)
            {
                Line($"{file.Path}: left out: {file.Why}");
                continue;
            }

            Line($"{file.Path}: {file.Kind} {file.Id} \"{file.Title}\"");
            Line($"  why: {file.Why}");
            if (file.Aliases is { Count: > 0 } aliases)
            {
                Line($"  aliases: {string.Join(", ", aliases)}");
            }

            if (file.Status is { } status)
            {
                Line(status.Raw.Length == 0 ? $"  status: none stated → {status.Mapped}" : $"  status: '{status.Raw}' (line {status.Line}) → {status.Mapped}");
            }

            if (file.Kind == "decision" || file.Date is not null)
            {
                Line($"  date: {file.Date ?? "none"}");
            }

            if (file.Scope is { } scope)
            {
                Line($"  scope: {Scope(scope)}");
            }

            foreach (var r in file.Relations ?? [])
            {
                Line($"  relation: {r.Kind} {r.Target} (line {r.Line})");
            }

            if (file.Rules is { Count: > 0 } rules)
            {
                Line($"  rules: {rules.Count}");
                foreach (var r in rules)
                {
                    Line($"    {r.Level} [{r.Id}] {r.Statement} (line {r.Line}{(r.Implicit ? ", level inferred" : "")})");
                }
            }

            foreach (var f in file.Findings ?? [])
            {
                Line($"  {f.Severity} {f.Code} (line {f.Line}): {f.Message}");
            }
        }

        var s = report.Summary;
        Line("");
        Line($"{s.Files} files: {s.Decisions} decisions ({s.UnknownStatus} with a status that maps to no state, {s.NoStatus} with none), "
             + $"{s.Standards} standards, {s.Rules} rules, {s.References} references, {s.Guides} guides, {s.Templates} templates, {s.LeftOut} left out");
    }

    private static string Scope(ArchMcp.Core.Model.ScopeView scope) => string.Join("; ",
        new[] { ("components", scope.Components), ("technologies", scope.Technologies), ("paths", scope.Paths) }
            .Where(p => p.Item2.Count > 0).Select(p => $"{p.Item1}: {string.Join(", ", p.Item2)}")
            .Concat(scope.Inferred ? ["inferred: true"] : []));
}
