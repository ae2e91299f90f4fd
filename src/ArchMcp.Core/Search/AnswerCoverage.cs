using ArchMcp.Search;

namespace ArchMcp.Core.Search;

/// <summary>
/// Whether the knowledge answers a question, measured on its best answer: the share of the question's words (stop
/// words and the question's scaffolding aside, each with its stem and synonyms) that the best hit's file holds, each word weighted by its rarity in the
/// knowledge (its inverse file frequency). Loosely related hits hold a question's common words; an answer holds its
/// rare ones — and a word no file holds cannot be answered at all.
/// </summary>
internal static class AnswerCoverage
{
    /// <summary>The weighted share of the question's words below which nothing answers it (measured on tests/Shared/Fixtures/abstention-queries.jsonl).</summary>
    public const double Floor = 0.45;

    /// <summary>How many of a checklist's first items are its answer.</summary>
    public const int ChecklistItems = 10;

    /// <summary>
    /// Words of asking, not of a subject: how a question is put (tell, explain, difference between, the recommended
    /// way), hedges and time adverbs (still, actually, now), general verbs and quantifiers (made, need, thing, every).
    /// An answer need not hold them; stop words the analyser drops anyway are not repeated here.
    /// </summary>
    private static readonly HashSet<string> Scaffolding = new(StringComparer.OrdinalIgnoreCase)
    {
        "what's", "whats", "how's", "why's", "who's", "where's", "tell", "know", "explain", "understand", "mean", "means",
        "difference", "differences", "between", "versus", "vs", "compare", "way", "ways", "best", "recommended", "recommend",
        "recommendation", "guidance", "advice", "plan", "supposed", "going", "still", "actually", "really", "currently",
        "now", "ever", "anymore", "made", "make", "did", "does", "done", "get", "got", "need", "needs", "want", "can't",
        "cannot", "won't", "don't", "doesn't", "isn't", "aren't", "happen", "happens", "thing", "things", "anything",
        "something", "old", "new", "whole", "every", "each", "any", "much", "many",
    };

    private static readonly char[] Punctuation = ['?', '!', '.', ',', ';', ':', '(', ')', '"', '\'', '\u201c', '\u201d'];

    /// <summary>The weighted share of <paramref name="question"/>'s words that <paramref name="answer"/> holds (1 for a question of stop words only).</summary>
    public static double Of(ISearchIndex index, string question, string answer)
    {
        var words = question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !Scaffolding.Contains(w.Trim(Punctuation).Replace('\u2019', '\'')))
            .Select(index.Terms)
            .Where(terms => terms.Count > 0)
            .ToList();
        if (words.Count == 0)
        {
            return 1;
        }

        var terms = words.SelectMany(w => w).Distinct(StringComparer.Ordinal).ToList();
        var (files, holding) = index.FileFrequencies(terms);
        var frequency = terms.Select((t, i) => (t, holding[i])).ToDictionary(x => x.t, x => x.Item2, StringComparer.Ordinal);

        // a word is as common as its most common form (a synonym, a part of a compound)
        double Weight(IReadOnlyList<string> word)
        {
            var df = word.Max(t => frequency[t]);
            return Math.Log(1 + ((files - df + 0.5) / (df + 0.5)));
        }

        var held = index.Holding(answer, terms);
        var total = words.Sum(Weight);
        return total <= 0 ? 1 : words.Where(w => w.Any(held.Contains)).Sum(Weight) / total;
    }
}
