using ArchMcp.Core.Model;

namespace ArchMcp.Core.Evaluation;

/// <summary>
/// The engine <see cref="EvalRunner"/> scores, opened over one corpus with an index of its own: it indexes the corpus
/// once, then answers searches and checklists through the same code paths as the tools.
/// </summary>
public interface IEvalTarget : IDisposable
{
    /// <summary>Indexes the whole corpus.</summary>
    Task IndexAsync(CancellationToken cancellationToken);

    /// <summary>Ranked search, as search_knowledge answers it.</summary>
    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken);

    /// <summary>The checklist, as design_checklist answers it.</summary>
    Task<ChecklistResult> DesignChecklistAsync(ChecklistRequest request, CancellationToken cancellationToken);
}

/// <summary>Opens an <see cref="IEvalTarget"/> over the corpus <paramref name="name"/> at <paramref name="path"/>, indexing into <paramref name="indexPath"/>.</summary>
public delegate IEvalTarget EvalTargetFactory(string name, string path, string indexPath);
