using System.CommandLine;
using ArchMcp.Core;
using Microsoft.Extensions.Options;

namespace ArchMcp.Server.Cli;

/// <summary>The `archmcp` command line: one root command, one file per verb.</summary>
public static class ArchMcpCli
{
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("ArchMcp — architecture decisions, standards and reference architectures for AI coding assistants.");
        root.Options.Add(CommonOptions.Knowledge);
        root.Options.Add(CommonOptions.Index);
        root.Options.Add(CommonOptions.Format);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(IndexCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(ChecklistCommand.Create());
        root.Subcommands.Add(ReviewCommand.Create());
        root.Subcommands.Add(LintCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(NewCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ChangesCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(SiteCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
        };
        try
        {
            var parse = BuildRootCommand().Parse(args);
            var usage = UsageErrors.Describe(parse);
            if (usage is not null)
            {
                config.Error.WriteLine(Output.Printable(usage));
                return ExitCodes.InvalidOptions;
            }

            return await parse.InvokeAsync(config);
        }
        catch (Exception ex)
        {
            return Fail(config.Error, ex);
        }
    }

    /// <summary>Maps an exception to one line on stderr and a named exit code.</summary>
    public static int Fail(TextWriter error, Exception ex)
    {
        switch (ex)
        {
            case OptionsValidationException ove:
                error.WriteLine(Output.Printable($"archmcp: invalid settings: {string.Join("; ", ove.Failures)}"));
                return ExitCodes.InvalidOptions;
            case KnowledgeRootNotFoundException:
                error.WriteLine(Output.Printable($"archmcp: {ex.Message}"));
                return ExitCodes.InvalidOptions;
            case DecisionNotFoundException or RuleNotFoundException or DocumentNotFoundException:
                error.WriteLine(Output.Printable($"archmcp: {ex.Message}"));
                return ExitCodes.NotFound;
            case IndexLockedException or IndexUnavailableException:
                error.WriteLine(Output.Printable($"archmcp: {ex.Message}"));
                return ExitCodes.IndexUnavailable;
            case KnowledgeException:
                error.WriteLine(Output.Printable($"archmcp: {ex.Message}"));
                return ExitCodes.InvalidOptions;
            case OperationCanceledException:
                error.WriteLine(Output.Printable("archmcp: cancelled."));
                return ExitCodes.Failed;
            default:
                error.WriteLine(Output.Printable($"archmcp: unexpected error: {ex.GetType().Name}: {ex.Message}"));
                return ExitCodes.Failed;
        }
    }
}
