using System.Globalization;
using ArchMcp.Core.Model;
using ModelContextProtocol;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// Turns raw tool arguments into service requests. Anything a client got wrong is a JSON-RPC
/// invalid-params error (-32602) that names the argument and the values it accepts.
/// </summary>
public static class ToolArguments
{
    public const string KindValues = "decision, standard, reference, guide";
    public const string StatusValues = "proposed, accepted, rejected, deprecated, superseded";

    public static SearchRequest Search(string query, string? kind, string? status, string[]? tags, string? root, int limit) => new()
    {
        Query = Text(query, nameof(query)),
        Kind = Kind(kind),
        Status = Status(status),
        Tags = tags is null ? [] : [.. tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim())],
        Root = Optional(root),
        Limit = Range(limit, 1, 20, nameof(limit)),
    };

    public static GetDecisionRequest Decision(string id, string[]? sections, string? root) => new()
    {
        Reference = Text(id, nameof(id)),
        Sections = sections is null ? [] : [.. sections.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim())],
        Root = Optional(root),
    };

    public static DecisionQuery Decisions(string? status, string? tag, string? from, string? to, string? root, int offset, int limit) => new()
    {
        Status = Status(status),
        Tag = Optional(tag),
        From = Date(from, nameof(from)),
        To = Date(to, nameof(to)),
        Root = Optional(root),
        Offset = Range(offset, 0, int.MaxValue, nameof(offset)),
        Limit = Range(limit, 1, 100, nameof(limit)),
    };

    public static ChecklistRequest Checklist(string design, int limit, string? root) => new()
    {
        Design = Text(design, nameof(design)),
        Limit = Range(limit, 1, 100, nameof(limit)),
        Root = Optional(root),
    };

    public static string Text(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid($"'{name}' must not be empty.") : value.Trim();

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static int Range(int value, int min, int max, string name) =>
        value < min || value > max ? throw Invalid($"'{name}' must be between {min} and {max} (got {value}).") : value;

    public static DocumentKind? Kind(string? text) =>
        Optional(text) is not { } t ? null
        : EnumText.TryParseKind(t, out var kind) ? kind
        : throw Invalid($"Unknown kind '{t}'. Use one of: {KindValues}.");

    public static DecisionStatus? Status(string? text) =>
        Optional(text) is not { } t ? null
        : EnumText.TryParseStatus(t, out var status) ? status
        : throw Invalid($"Unknown status '{t}'. Use one of: {StatusValues}.");

    public static DateOnly? Date(string? text, string name) =>
        Optional(text) is not { } t ? null
        : DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw Invalid($"'{name}' must be a date like 2024-01-31 (got '{t}').");

    private static McpProtocolException Invalid(string message) => new(message, McpErrorCode.InvalidParams);
}
