using ArchMcp.Core;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Mcp;

/// <summary>completion/complete for every id argument of the prompts and resource templates.</summary>
public sealed class IdCompletions(IKnowledgeService knowledge)
{
    public const int MaxValues = 100;

    public CompleteResult Complete(CompleteRequestParams? request)
    {
        var target = request is null ? null : TargetOf(request.Ref, request.Argument.Name);
        if (target is not { } t)
        {
            return new CompleteResult();
        }

        var ids = knowledge.CompleteIds(t, request!.Argument.Value ?? "", MaxValues + 1);
        return new CompleteResult
        {
            Completion = new Completion
            {
                Values = [.. ids.Take(MaxValues)],
                HasMore = ids.Count > MaxValues,
            },
        };
    }

    /// <summary>Which kind of id an argument names; null when it is not an id argument.</summary>
    public static CompletionTarget? TargetOf(Reference reference, string argument) => (reference, argument) switch
    {
        (PromptReference { Name: KnowledgePrompts.ExplainDecision }, "id") => CompletionTarget.Decision,
        (ResourceTemplateReference { Uri: "arch://decisions/{id}" }, "id") => CompletionTarget.Decision,
        (ResourceTemplateReference { Uri: "arch://standards/{id}" or "arch://standards/{id}/rules/{ruleId}" }, "id") => CompletionTarget.Standard,
        (ResourceTemplateReference { Uri: "arch://standards/{id}/rules/{ruleId}" }, "ruleId") => CompletionTarget.Rule,
        (ResourceTemplateReference { Uri: "arch://references/{id}" }, "id") => CompletionTarget.Reference,
        _ => null,
    };
}
