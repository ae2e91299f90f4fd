using ArchMcp.Core;
using ArchMcp.Core.Model;
using ModelContextProtocol;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// Tool arguments mapped and bounded by <see cref="RequestArguments"/> (the same mapping and limits the Semantic
/// Kernel functions and the CLI use). Anything a client got wrong is a JSON-RPC invalid-params error (-32602) that
/// names the argument and the values or the limit it accepts.
/// </summary>
public static class ToolArguments
{
    public static SearchRequest Search(string query, string? kind, string? status, string[]? tags, string? root, int limit) =>
        Map(() => RequestArguments.Search(query, kind, status, tags, root, limit));

    public static GetDecisionRequest Decision(string id, string[]? sections, string? root) =>
        Map(() => RequestArguments.Decision(id, sections, root));

    public static DecisionQuery Decisions(string? status, string? tag, string? from, string? to, string? root, int offset, int limit) =>
        Map(() => RequestArguments.Decisions(status, tag, from, to, root, offset, limit));

    public static ChecklistRequest Checklist(string design, int limit, string? root) =>
        Map(() => RequestArguments.Checklist(design, limit, root));

    public static ChangesRequest Changes(string since) =>
        Map(() => RequestArguments.Changes(since, null, ToolContract.ChangesLimitDefault));

    public static ChangeReviewRequest Change(string diff) =>
        Map(() => RequestArguments.Change(diff, null));

    public static string Text(string? value, string name, int maxChars = ToolContract.MaxNameChars) =>
        Map(() => RequestArguments.Required(value, name, maxChars));

    public static string? Optional(string? value, string name) => Map(() => RequestArguments.Optional(value, name));

    private static T Map<T>(Func<T> map)
    {
        try
        {
            return map();
        }
        catch (InvalidQueryException ex)
        {
            throw new McpProtocolException(ex.Message, McpErrorCode.InvalidParams);
        }
    }
}
