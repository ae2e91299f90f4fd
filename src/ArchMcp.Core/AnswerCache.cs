using System.Collections.Concurrent;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

/// <summary>
/// Search answers of one knowledge snapshot, by request. Assistants ask the same questions again and again (the
/// same assistant within a task, and every assistant of a team on a shared server); an answer stays right until the
/// knowledge changes, and then the snapshot and its answers are replaced together. Bounded: when full it starts over.
/// </summary>
internal sealed class AnswerCache
{
    public const int Capacity = 2048;

    private readonly ConcurrentDictionary<string, SearchResult> _answers = new(StringComparer.Ordinal);

    public SearchResult GetOrAdd(SearchRequest request, Func<SearchRequest, SearchResult> answer)
    {
        var key = string.Join('\u001f', request.Query, request.Limit, request.Kind, request.Status, request.Root, string.Join('\u001e', request.Tags));
        if (_answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var result = answer(request);
        if (_answers.Count >= Capacity)
        {
            _answers.Clear();
        }

        _answers[key] = result;
        return result;
    }
}
