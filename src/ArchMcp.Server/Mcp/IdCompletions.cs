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
        (ResourceTemplateReference r, _) => (Template(r.Uri), argument) switch
        {
            ("arch://decisions/{id}", "id") => CompletionTarget.Decision,
            ("arch://standards/{id}" or "arch://standards/{id}/rules/{ruleId}", "id") => CompletionTarget.Standard,
            ("arch://standards/{id}/rules/{ruleId}" or "arch://references/{id}/rules/{ruleId}", "ruleId") => CompletionTarget.Rule,
            ("arch://references/{id}" or "arch://references/{id}/rules/{ruleId}", "id") => CompletionTarget.Reference,
            _ => null,
        },
        _ => null,
    };

    /// <summary>The template without its optional <c>{?root}</c> query, so both spellings complete.</summary>
    private static string Template(string? uri) =>
        uri is null ? "" : uri.EndsWith("{?root}", StringComparison.Ordinal) ? uri[..^"{?root}".Length] : uri;
}
