namespace ArchMcp.Core;

/// <summary>Base of every error a user or a model can act on. Messages say what was wrong and what to do next.</summary>
public class KnowledgeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>No decision matches the reference; <see cref="Closest"/> holds the nearest ids to offer instead.</summary>
public sealed class DecisionNotFoundException(string reference, IReadOnlyList<string> closest)
    : KnowledgeException(closest.Count == 0
        ? $"No decision '{reference}'. Use list_decisions to see the decisions that exist."
        : $"No decision '{reference}' — closest: {string.Join(", ", closest)}.")
{
    public IReadOnlyList<string> Closest { get; } = closest;
}

/// <summary>No rule or standard has the id; <see cref="Closest"/> holds the nearest ids to offer instead.</summary>
public sealed class RuleNotFoundException(string id, IReadOnlyList<string> closest)
    : KnowledgeException(closest.Count == 0
        ? $"No rule or standard '{id}'. Use search_knowledge to find rules by their words."
        : $"No rule or standard '{id}' — closest: {string.Join(", ", closest)}.")
{
    public IReadOnlyList<string> Closest { get; } = closest;
}

/// <summary>
/// A reference that names several decisions or rules (a number two records share, an id several roots or standards
/// use): nothing is picked; <see cref="Candidates"/> lists them, each with what tells it apart.
/// </summary>
public sealed class AmbiguousReferenceException(string reference, string kind, IReadOnlyList<string> candidates)
    : KnowledgeException($"'{reference}' names {candidates.Count} {kind}s: {string.Join("; ", candidates)}. Name one by its id or URI, or pass root.")
{
    public IReadOnlyList<string> Candidates { get; } = candidates;
}

/// <summary>No document of the kind has the id (or URI).</summary>
public sealed class DocumentNotFoundException(string kind, string id)
    : KnowledgeException($"No {kind} '{id}'. List the resources to see the ids that exist.");

/// <summary>A request out of the contract: an empty or too long query or design, a limit out of range, a malformed argument.</summary>
public sealed class InvalidQueryException(string message) : KnowledgeException(message);

/// <summary>A configured knowledge root is not a folder.</summary>
public sealed class KnowledgeRootNotFoundException(string path)
    : KnowledgeException($"Knowledge folder '{path}' does not exist. Pass --knowledge PATH (or name=PATH) pointing at a folder of Markdown files.");

/// <summary>Another process holds the writer's lock on the index folder longer than a refresh waits.</summary>
public sealed class IndexLockedException(string path)
    : KnowledgeException($"The index at '{path}' is being written by another archmcp process. Wait for it to finish, or pass --index PATH to use another folder.");

/// <summary>
/// The index folder cannot be used as it is (a file where a folder belongs, read-only, full): the message names the
/// path and what to do.
/// </summary>
public sealed class IndexUnavailableException(string message, Exception? inner = null) : KnowledgeException(message, inner);
