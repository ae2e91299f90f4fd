using System.CommandLine;

namespace ArchMcp.Server.Cli;

/// <summary>How a verb prints its answer: JSON (for scripts) or Markdown (for people); `review --diff` also writes GitHub annotations and SARIF.</summary>
public enum OutputFormat
{
    Text,
    Json,
    Markdown,
    Github,
    Sarif,
}

/// <summary>The options every verb accepts.</summary>
public static class CommonOptions
{
    public static readonly Option<string[]> Knowledge = new("--knowledge", "-k")
    {
        Description = "Knowledge root as PATH or name=PATH (repeatable). Default: the knowledge/ folder.",
        AllowMultipleArgumentsPerToken = false,
        Recursive = true,
    };

    public static readonly Option<string?> Index = new("--index")
    {
        Description = "Index folder. Default: under the user's cache folder, keyed by the knowledge roots.",
        Recursive = true,
    };

    public static readonly Option<OutputFormat> Format = new("--format", "-f")
    {
        Description = "Output format: text, json or markdown (review --diff also: github, sarif).",
        DefaultValueFactory = _ => OutputFormat.Text,
        HelpName = "text|json|markdown|github|sarif",
        Recursive = true,
    };
}
