using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp show REF`: a decision by any reference, or a rule or standard by its id.</summary>
public static partial class ShowCommand
{
    public static Command Create()
    {
        var reference = new Argument<string[]>("reference") { Description = "ADR-7, 7, 0007, a slug, a file name, title words, or a rule id.", Arity = ArgumentArity.OneOrMore };
        var sections = new Option<string[]>("--section", "-s") { Description = Args.Sections + " Repeatable." };
        var command = new Command("show", "Show one decision, rule or standard.") { reference, sections };
        command.SetAction((parse, ct) => parse.WithKnowledgeAsync(async knowledge =>
        {
            var text = string.Join(' ', parse.GetValue(reference) ?? []);
            object result;
            string rendered;
            try
            {
                var decision = await knowledge.GetDecisionAsync(new GetDecisionRequest { Reference = text, Sections = parse.GetValue(sections) ?? [] }, ct);
                (result, rendered) = (decision, KnowledgeMarkdown.Decision(decision));
            }
            catch (DecisionNotFoundException notDecision)
            {
                RuleLookup rule;
                try
                {
                    rule = await knowledge.GetRuleAsync(text, cancellationToken: ct);
                }
                catch (RuleNotFoundException) when (DecisionLike().IsMatch(text))
                {
                    // "ADR-0042" is not a rule either; say which decisions are near, not which rules
                    throw notDecision;
                }

                (result, rendered) = (rule, KnowledgeMarkdown.Rule(rule));
            }

            parse.Write(result, o => o.Write(rendered));

            return ExitCodes.Success;
        }));
        return command;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(adrs?|decisions?|records?)?\s*[-#:]?\s*\d{1,5}\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DecisionLike();
}
