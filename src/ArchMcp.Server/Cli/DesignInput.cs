using System.CommandLine;

namespace ArchMcp.Server.Cli;

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
            throw new ArchMcp.Core.InvalidQueryException($"Design file '{source}' does not exist. Pass a file path, or - to read standard input.");
        }

        return await File.ReadAllTextAsync(source, ct);
    }
}
