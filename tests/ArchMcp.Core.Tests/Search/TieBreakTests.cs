using ArchMcp.Search;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// Files are indexed in parallel, so the order of equally scored entries in the index differs from build to build:
/// rankings must not depend on it.
/// </summary>
public sealed class TieBreakTests : IDisposable
{
    private const string Rule = "Clients MUST retry idempotent calls with exponential backoff.";

    // more files than the file pass hands to the section pass, so the candidate cut itself sees the tie
    // and as many files that do not match, so the query's words are not in every file
    private static readonly string[] Names = [.. Enumerable.Range(0, FileRanker.MinCandidates + 10).SelectMany(i => new[] { $"f{i:D3}", $"other{i:D3}" })];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "archmcp-ties-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Rank_WhenEntriesScoreTheSame_TheKeysThatSortFirstWinWhateverOrderTheyWereIndexedIn()
    {
        var forward = RankIn("forward", Names);
        var backward = RankIn("backward", [.. Names.Reverse()]);

        string[] expected = [IndexKey.Of("r", "f000.md"), IndexKey.Of("r", "f001.md")];
        Assert.Equal(expected, forward.Files);
        Assert.Equal(expected, backward.Files);
        Assert.Equal(expected, forward.Rules);
        Assert.Equal(expected, backward.Rules);
    }

    private (string[] Files, string[] Rules) RankIn(string name, IEnumerable<string> order)
    {
        using var index = SearchIndexes.Open(Path.Combine(_folder, name), []);
        using (var batch = index.OpenBatch(recreate: true))
        {
            foreach (var file in order)
            {
                batch.Upsert(Entry(file));
            }

            batch.Commit("test");
        }

        index.Open();
        var terms = index.Terms("retry idempotent calls");
        return index.Read(
            r => (r.RankFiles(terms, null, 2).Select(h => h.Key).ToArray(), r.RankRules(terms, null, 2).Select(h => h.Key).ToArray()),
            ([], []));
    }

    private static IndexEntry Entry(string file)
    {
        var (heading, text) = file.StartsWith('f') ? ("Retries", Rule) : ("Logging", "Services SHOULD log as structured JSON lines.");
        return new(IndexKey.Of("r", file + ".md"), "r", "standard", "", [], heading, "", text, "{}", 1, 1, file,
            [new IndexSection(heading, 1, text)],
            [new IndexRule(text, text, heading)]);
    }
}
