using System.Globalization;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

/// <summary>
/// Raw arguments — from an MCP tool call, a Semantic Kernel function or the command line — turned into service
/// requests. A wrong argument is an <see cref="InvalidQueryException"/> that names it and the values it accepts.
/// </summary>
public static class RequestArguments
{
    public const string KindValues = "decision, standard, reference, guide, template";
    public const string StatusValues = "proposed, accepted, rejected, deprecated, superseded";

    public static SearchRequest Search(string? query, string? kind, string? status, IEnumerable<string>? tags, string? root, int limit) => new()
    {
        Query = Required(query, nameof(query)),
        Kind = Kind(kind),
        Status = Status(status),
        Tags = List(tags),
        Root = Optional(root),
        Limit = limit,
    };

    public static GetDecisionRequest Decision(string? id, IEnumerable<string>? sections, string? root) => new()
    {
        Reference = Required(id, nameof(id)),
        Sections = List(sections),
        Root = Optional(root),
    };

    public static DecisionQuery Decisions(string? status, string? tag, string? from, string? to, string? root, int offset, int limit) => new()
    {
        Status = Status(status),
        Tag = Optional(tag),
        From = Date(from, nameof(from)),
        To = Date(to, nameof(to)),
        Root = Optional(root),
        Offset = offset,
        Limit = limit,
    };

    public static ChecklistRequest Checklist(string? design, int limit, string? root) => new()
    {
        Design = Required(design, nameof(design)),
        Limit = limit,
        Root = Optional(root),
    };

    public static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidQueryException($"'{name}' must not be empty.") : value.Trim();

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static DocumentKind? Kind(string? text) =>
        Optional(text) is not { } value ? null
        : EnumText.TryParseKind(value, out var kind) ? kind
        : throw new InvalidQueryException($"Unknown kind '{value}'. Use one of: {KindValues}.");

    public static DecisionStatus? Status(string? text) =>
        Optional(text) is not { } value ? null
        : EnumText.TryParseStatus(value, out var status) ? status
        : throw new InvalidQueryException($"Unknown status '{value}'. Use one of: {StatusValues}.");

    public static DateOnly? Date(string? text, string name) =>
        Optional(text) is not { } value ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new InvalidQueryException($"'{name}' must be a date like 2024-01-31 (got '{value}').");

    private static IReadOnlyList<string> List(IEnumerable<string>? values) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim())];
}
