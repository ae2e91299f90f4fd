using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Checklists;
using ArchMcp.Search;

namespace ArchMcp.Core;

/// <summary>
/// What each record of the knowledge base governs (review_change, and the scope summary of get_decision): its declared
/// scope, else the one inferred from its title and outcome, its body (read again from disk), or the products its title
/// names that few files of the index hold; null: general. Inferring may read a record's body, so each answer is kept
/// for the indexed state it was read in (every refresh publishes a new state, so an edit is seen after the refresh).
/// </summary>
internal sealed class GoverningScopes(FileScopes scopes, RootFileReader files, ISearchIndex index)
{
    private readonly ConditionalWeakTable<KnowledgeState, ConcurrentDictionary<(string Root, string Path), DocumentScope?>> _kept = new();

    /// <summary>What <paramref name="entry"/> of <paramref name="state"/>'s catalog governs.</summary>
    public DocumentScope? Of(KnowledgeState state, CatalogEntry entry) =>
        _kept.GetValue(state, _ => new()).GetOrAdd((entry.Root, entry.Path), _ => Infer(entry));

    private DocumentScope? Infer(CatalogEntry entry) =>
        DocumentScope.DeclaredOrInferred(scopes.Of(entry.Root, entry.Path), entry.Kind, entry.Title, entry.Decision?.Outcome?.Text, () => files.LoadFull(entry), ShareOf);

    /// <summary>
    /// The share of the indexed files whose text holds <paramref name="word"/> (as the index analyses it: its whole
    /// token, not the parts of a compound; a word only a title holds is in that one file); 1 for a word the index does
    /// not keep (a stop word).
    /// </summary>
    private double ShareOf(string word)
    {
        var terms = index.Terms(word);
        if (terms.Count == 0)
        {
            return 1;
        }

        var (files, holding) = index.FileFrequencies([terms[0]]);
        return files == 0 ? 1 : (double)Math.Max(1, holding[0]) / files;
    }
}
