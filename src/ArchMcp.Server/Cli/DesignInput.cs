using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Cli;

/// <summary>The arguments `checklist` and `review` share: the design, how many items at most, and which root.</summary>
internal sealed class DesignArguments
{
    public Argument<string> Design { get; } = DesignInput.Argument();

    public Option<int> Limit { get; } = new("--limit", "-n")
    {
        Description = $"{Args.ChecklistLimit} 1-{ToolContract.ChecklistLimitMax}.",
        DefaultValueFactory = _ => ToolContract.ChecklistLimitDefault,
    };

    public Option<string?> Root { get; } = new("--root") { Description = Args.Root };

    public Command Command(string name, string description) => new(name, description) { Design, Limit, Root };

    /// <summary>The request the arguments make (the service checks the design's length and the limit).</summary>
    public async Task<ChecklistRequest> RequestAsync(ParseResult parse, CancellationToken ct) => new()
    {
        Design = await DesignInput.ReadAsync(parse.GetValue(Design)!, ct),
        Limit = parse.GetValue(Limit),
        Root = parse.GetValue(Root),
    };
}

/// <summary>Reads a design text from a file or, with "-", from standard input.</summary>
internal static class DesignInput
{
    public static Argument<string> Argument() => new("design") { Description = "The design: a Markdown or text FILE, or - to read standard input." };

    public static async Task<string> ReadAsync(string source, CancellationToken ct)
    {
        if (source == "-")
        {
            return await Console.In.ReadToEndAsync(ct);
        }

        if (!File.Exists(source))
        {
            throw new InvalidQueryException($"Design file '{source}' does not exist. Pass a file path, or - to read standard input.");
        }

        return await File.ReadAllTextAsync(source, ct);
    }
}
