using System.CommandLine;
using System.Diagnostics;
using ArchMcp.Core;
using ArchMcp.Core.Model;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp index`: bring the on-disk index up to date (only changed files are re-parsed).</summary>
public static class IndexCommand
{
    public static Command Create()
    {
        var verify = new Option<bool>("--verify") { Description = "First check the whole index (Lucene's CheckIndex: every segment decoded, every checksum compared); a corrupt index is rebuilt." };
        var command = new Command("index", "Build or update the index of the knowledge roots.") { verify };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async (knowledge, indexer) =>
        {
            var watch = Stopwatch.StartNew();
            string? verification = null;
            if (parse.GetValue(verify))
            {
                var problem = await indexer.VerifyAsync(ct);
                verification = problem is null ? "sound" : $"corrupt ({problem}): rebuilt";
            }

            var interactive = !Console.IsErrorRedirected && parse.FormatOf() == OutputFormat.Text;
            var progress = interactive ? new Progress<IndexProgress>(p => parse.Err().Write($"\rindexing {p.Done}/{p.Total} files")) : null;
            var info = await knowledge.RefreshAsync(progress, ct);
            if (interactive)
            {
                parse.Err().WriteLine();
            }

            parse.Write(new IndexOutput(info, watch.ElapsedMilliseconds, verification), o =>
            {
                if (verification is not null)
                {
                    o.WriteLine($"Verified the index: {verification}.");
                }

                o.WriteLine($"Indexed {info.Documents} documents ({info.Decisions} decisions, {info.Standards} standards with {info.Rules} rules, {info.References} references; {info.Errors} unreadable) in {watch.ElapsedMilliseconds} ms into {info.IndexPath}");
            });

            return ExitCodes.Success;
        }));
        return command;
    }
}

/// <summary>`archmcp index --format json`: the index after the refresh, how long it took, and (with --verify) what the check found.</summary>
public sealed record IndexOutput(IndexInfo Info, long ElapsedMs, string? Verification = null);
