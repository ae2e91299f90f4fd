using ArchMcp.Core.Model;

namespace ArchMcp.Core.Templates;

/// <summary>A new decision record ready to be written: where, with which number, and its Markdown.</summary>
public sealed record AdrDraftPlan
{
    /// <summary>The knowledge root it goes into (by name) and that root's folder.</summary>
    public required string Root { get; init; }

    public required string RootPath { get; init; }

    /// <summary>Path relative to the root, forward slashes (<c>decisions/0017-use-redis.md</c>).</summary>
    public required string RelativePath { get; init; }

    /// <summary>Absolute path of the file to create.</summary>
    public required string FullPath { get; init; }

    public required int Number { get; init; }

    /// <summary>"ADR-0017".</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Status { get; init; }

    public required string Date { get; init; }

    /// <summary>The root-relative template used, or null for the built-in MADR 4 skeleton.</summary>
    public string? Template { get; init; }

    /// <summary>Decisions found by searching the title, listed in the draft's "More Information" section.</summary>
    public IReadOnlyList<DecisionRef> Related { get; init; } = [];

    public required string Markdown { get; init; }
}
