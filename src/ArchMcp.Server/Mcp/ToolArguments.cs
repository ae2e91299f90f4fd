using ArchMcp.Core;
using ArchMcp.Core.Model;
using ModelContextProtocol;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// Tool arguments mapped by <see cref="RequestArguments"/> (the same mapping the Semantic Kernel functions use),
/// with the tools' own limits. Anything a client got wrong is a JSON-RPC invalid-params error (-32602) that names
/// the argument and the values it accepts.
/// </summary>
public static class ToolArguments
{
    public static SearchRequest Search(string query, string? kind, string? status, string[]? tags, string? root, int limit) =>
        Map(() => RequestArguments.Search(query, kind, status, tags, root, Range(limit, 1, 20, nameof(limit))));

    public static GetDecisionRequest Decision(string id, string[]? sections, string? root) =>
        Map(() => RequestArguments.Decision(id, sections, root));

    public static DecisionQuery Decisions(string? status, string? tag, string? from, string? to, string? root, int offset, int limit) =>
        Map(() => RequestArguments.Decisions(status, tag, from, to, root, Range(offset, 0, int.MaxValue, nameof(offset)), Range(limit, 1, 100, nameof(limit))));

    public static ChecklistRequest Checklist(string design, int limit, string? root) =>
        Map(() => RequestArguments.Checklist(design, Range(limit, 1, 100, nameof(limit)), root));

    public static string Text(string? value, string name) => Map(() => RequestArguments.Required(value, name));

    public static string? Optional(string? value) => RequestArguments.Optional(value);

    public static int Range(int value, int min, int max, string name) =>
        value < min || value > max ? throw Invalid($"'{name}' must be between {min} and {max} (got {value}).") : value;

    private static T Map<T>(Func<T> map)
    {
        try
        {
            return map();
        }
        catch (InvalidQueryException ex)
        {
            throw Invalid(ex.Message);
        }
    }

    private static McpProtocolException Invalid(string message) => new(message, McpErrorCode.InvalidParams);
}
