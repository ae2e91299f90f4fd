using System.Globalization;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

/// <summary>
/// Raw arguments — from an MCP tool call, a Semantic Kernel function or the command line — turned into service
/// requests. A wrong argument is an <see cref="InvalidQueryException"/> that names it and the values it accepts.
/// </summary>
public static class RequestArguments
{
    /// <summary>The section names <see cref="Decision"/> accepts.</summary>
    public static readonly IReadOnlyList<string> SectionNames = ToolContract.SectionValues.Split(", ");

    public static SearchRequest Search(string? query, string? kind, string? status, IEnumerable<string>? tags, string? root, int limit) => new()
    {
        Query = Required(query, nameof(query), ToolContract.MaxQueryChars),
        Kind = Kind(kind),
        Status = Status(status),
        Tags = List(tags, nameof(tags), ToolContract.MaxTags),
        Root = Optional(root, nameof(root)),
        Limit = Range(limit, 1, ToolContract.SearchLimitMax, nameof(limit)),
    };

    public static GetDecisionRequest Decision(string? id, IEnumerable<string>? sections, string? root) => new()
    {
        Reference = Required(id, nameof(id)),
        Sections = [.. List(sections, nameof(sections), ToolContract.MaxSections).Select(Section)],
        Root = Optional(root, nameof(root)),
    };

    public static DecisionQuery Decisions(string? status, string? tag, string? from, string? to, string? root, int offset, int limit) => new()
    {
        Status = Status(status),
        Tag = Optional(tag, nameof(tag)),
        From = Date(from, nameof(from)),
        To = Date(to, nameof(to)),
        Root = Optional(root, nameof(root)),
        Offset = Range(offset, 0, int.MaxValue, nameof(offset)),
        Limit = Range(limit, 1, ToolContract.ListLimitMax, nameof(limit)),
    };

    public static ChecklistRequest Checklist(string? design, int limit, string? root) => new()
    {
        Design = Required(design, nameof(design), ToolContract.MaxDesignChars),
        Limit = Range(limit, 1, ToolContract.ChecklistLimitMax, nameof(limit)),
        Root = Optional(root, nameof(root)),
    };

    public static ChangesRequest Changes(string? since, string? root, int limit) => new()
    {
        Since = Required(since, nameof(since)),
        Root = Optional(root, nameof(root)),
        Limit = Range(limit, 1, ToolContract.ChangesLimitMax, nameof(limit)),
    };

    /// <summary>A diff to review: kept as given (a diff's leading and trailing spaces are part of its lines); the service checks it.</summary>
    public static ChangeReviewRequest Change(string? diff, string? root) => new()
    {
        Diff = diff ?? "",
        Root = Optional(root, nameof(root)),
    };

    /// <summary>A required text argument, trimmed, at most <paramref name="maxChars"/> long.</summary>
    public static string Required(string? value, string name, int maxChars = ToolContract.MaxNameChars) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidQueryException($"'{name}' must not be empty.")
        : Bounded(value.Trim(), name, maxChars);

    /// <summary>An optional text argument, trimmed (null when blank), at most <see cref="ToolContract.MaxNameChars"/> long.</summary>
    public static string? Optional(string? value, string name = "argument") =>
        string.IsNullOrWhiteSpace(value) ? null : Bounded(value.Trim(), name, ToolContract.MaxNameChars);

    public static int Range(int value, int min, int max, string name) =>
        value < min || value > max ? throw new InvalidQueryException($"'{name}' must be between {min} and {max} (got {value}).") : value;

    public static DocumentKind? Kind(string? text) =>
        Optional(text, "kind") is not { } value ? null
        : EnumText.TryParseKind(value, out var kind) ? kind
        : throw new InvalidQueryException($"Unknown kind '{value}'. Use one of: {ToolContract.KindValues}.");

    public static DecisionStatus? Status(string? text) =>
        Optional(text, "status") is not { } value ? null
        : EnumText.TryParseStatus(value, out var status) ? status
        : throw new InvalidQueryException($"Unknown status '{value}'. Use one of: {ToolContract.StatusValues}.");

    public static DateOnly? Date(string? text, string name) =>
        Optional(text, name) is not { } value ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new InvalidQueryException($"'{name}' must be a date like 2024-01-31 (got '{value}').");

    private static string Section(string name) =>
        SectionNames.Contains(name, StringComparer.OrdinalIgnoreCase) ? name.ToLowerInvariant()
        : throw new InvalidQueryException($"Unknown section '{name}' in 'sections'. Use any of: {string.Join(", ", SectionNames)}.");

    private static string Bounded(string value, string name, int maxChars)
    {
        if (value.Length > maxChars)
        {
            throw new InvalidQueryException($"'{name}' is {value.Length} characters long; the limit is {maxChars}.");
        }

        // a lone UTF-16 surrogate cannot be analysed, stored or echoed as JSON: refuse it here, with its place
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsSurrogate(value[i]))
            {
                continue;
            }

            if (!char.IsSurrogatePair(value, i))
            {
                throw new InvalidQueryException($"'{name}' contains an unpaired UTF-16 surrogate at character {i}; send valid Unicode text.");
            }

            i++;
        }

        return value;
    }

    private static IReadOnlyList<string> List(IEnumerable<string>? values, string name, int maxItems)
    {
        if (values is null)
        {
            return [];
        }

        var list = new List<string>();
        foreach (var value in values)
        {
            if (list.Count == maxItems)
            {
                throw new InvalidQueryException($"'{name}' has more than {maxItems} items; the limit is {maxItems}.");
            }

            if (Optional(value, name) is { } item)
            {
                list.Add(item);
            }
        }

        return list;
    }
}
