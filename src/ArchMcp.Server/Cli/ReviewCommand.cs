using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Changes;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;

namespace ArchMcp.Server.Cli;

/// <summary>
/// `archmcp review FILE|-`: a design checked against the applicable rules; `archmcp review --diff FILE|-`: a unified
/// diff reviewed file by file (also as GitHub annotations or SARIF). Both exit 1 when a MUST item is violated.
/// </summary>
public static class ReviewCommand
{
    public static Command Create()
    {
        var arguments = new DesignArguments();
        arguments.Design.Arity = ArgumentArity.ZeroOrOne;
        var diff = new Option<string?>("--diff")
        {
            Description = "Review a unified diff instead of a design: a FILE, or - to read standard input (git diff origin/main...HEAD | archmcp review --diff -). Formats: text, json, markdown, github, sarif.",
            HelpName = "FILE|-",
        };
        var command = arguments.Command("review", "Check a design against the applicable rules and decisions in force: a verdict per item and a risk roll-up; or, with --diff, a change file by file. Exits 1 when a MUST is violated.");
        command.Options.Add(diff);
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var design = parse.GetValue(arguments.Design);
            var diffSource = parse.GetValue(diff);
            if ((design is null) == (diffSource is null))
            {
                throw new InvalidQueryException("Give either a design (FILE or -) or --diff FILE|-, not both or neither.");
            }

            return diffSource is null
                ? await ReviewDesignAsync(parse, knowledge, await arguments.RequestAsync(parse, ct), ct)
                : await ReviewChangeAsync(parse, knowledge, await ReadDiffAsync(diffSource, ct), parse.GetValue(arguments.Root), ct);
        }));
        return command;
    }

    private static Task<string> ReadDiffAsync(string source, CancellationToken ct) =>
        source == "-" || File.Exists(source)
            ? DesignInput.ReadAsync(source, ct)
            : throw new InvalidQueryException($"Diff file '{source}' does not exist. Pass a file written by git diff, or - to read standard input.");

    private static async Task<int> ReviewDesignAsync(ParseResult parse, IKnowledgeService knowledge, ChecklistRequest request, CancellationToken ct)
    {
        var format = parse.FormatOf();
        if (format is OutputFormat.Github or OutputFormat.Sarif)
        {
            throw new InvalidQueryException("--format github and sarif report the lines of a change: use them with --diff.");
        }

        var result = await knowledge.ReviewDesignAsync(request, ct);
        if (format == OutputFormat.Json)
        {
            parse.WriteJson(result);
        }
        else
        {
            parse.Out().Write(ChecklistMarkdown.Review(result));
        }

        return result.Risk.High > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static async Task<int> ReviewChangeAsync(ParseResult parse, IKnowledgeService knowledge, string diff, string? root, CancellationToken ct)
    {
        var result = await knowledge.ReviewChangeAsync(RequestArguments.Change(diff, root), ct);
        var high = result.Summary.High;
        switch (parse.FormatOf())
        {
            case OutputFormat.Json:
                parse.WriteJson(result);
                break;
            case OutputFormat.Markdown:
                parse.Out().Write(ChangeReviewOutput.Markdown(result));
                break;
            case OutputFormat.Github:
                parse.Out().Write(ChangeReviewOutput.GitHub(result));
                break;
            case OutputFormat.Sarif:
                parse.Out().Write(ChangeReviewOutput.Sarif(result, typeof(ReviewCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));
                break;
            default:
                parse.Out().Write(ChangeReviewOutput.Text(result));
                break;
        }

        return high > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }
}
