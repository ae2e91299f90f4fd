using System.CommandLine;
using ArchMcp.Server.Web;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp site --out DIR`: the web view written as static files (search runs in the page) for any file server.</summary>
public static class SiteCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the site into (created if missing; files already there are overwritten).", HelpName = "dir", Required = true };
        var command = new Command("site", "Write the web view (search, decision log, decisions, standards with rule anchors, health) as static HTML files.") { output };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var folder = parse.GetValue(output)!.FullName;
            var pages = await StaticSite.WriteAsync(knowledge, folder, ct);
            parse.Write(new SiteOutput(folder, pages), o => o.WriteLine(Output.Printable($"wrote {pages} pages to {folder}; open {Path.Combine(folder, "index.html")}")));
            return ExitCodes.Success;
        }));
        return command;
    }
}

/// <summary>The JSON answer of `archmcp site`: where the site was written and how many pages it has.</summary>
public sealed record SiteOutput(string Out, int Pages);
