using System.CommandLine;
using ArchMcp.Core;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp search QUERY`: the same ranking as the search_knowledge tool.</summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string[]>("query") { Description = Args.Query, Arity = ArgumentArity.OneOrMore };
        var limit = new Option<int>("--limit", "-n") { Description = $"{Args.SearchLimit} 1-{ToolContract.SearchLimitMax}.", DefaultValueFactory = _ => ToolContract.SearchLimitDefault };
        var kind = new Option<string?>("--kind") { Description = $"{Args.Kind} One of: {ToolContract.KindValues}." };
        var status = new Option<string?>("--status") { Description = $"{Args.DecisionStatus} One of: {ToolContract.StatusValues}." };
        var command = new Command("search", "Ranked search over all knowledge.") { query, limit, kind, status };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var request = RequestArguments.Search(string.Join(' ', parse.GetValue(query) ?? []), parse.GetValue(kind), parse.GetValue(status), null, null, parse.GetValue(limit));
            var result = await knowledge.SearchAsync(request, ct);
            parse.Write(result, o => o.Write(ArchMcp.Core.Rendering.KnowledgeMarkdown.Search(result)));

            return ExitCodes.Success;
        }));
        return command;
    }
}
