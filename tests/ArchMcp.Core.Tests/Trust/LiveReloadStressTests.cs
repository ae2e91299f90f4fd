using System.Diagnostics;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Trust;

/// <summary>
/// Live reload under stress: with <see cref="KnowledgeOptions.Watch"/> on, a burst of edits, renames and deletes
/// (1,000 in CI, 10,000 under ARCHMCP_LONG=1) ends with the index equal to the disk within 2 seconds of quiet.
/// </summary>
public sealed class LiveReloadStressTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Watch_WhenBurstOfEditsRenamesAndDeletes_IndexEqualsDiskWithinTwoSecondsOfQuiet()
    {
        using var folder = new TempKnowledgeFolder(null);
        var disk = new Dictionary<int, string>();
        for (var n = 1; n <= 200; n++)
        {
            disk[n] = Write(folder, n, $"start{n}");
        }

        using var service = new KnowledgeService(
            Options.Create(new KnowledgeOptions { Roots = [folder.Path], IndexPath = Path.Combine(Path.GetTempPath(), "archmcp-tests", "watch-" + Guid.NewGuid().ToString("N")), Watch = true }),
            NullLogger<KnowledgeService>.Instance);
        await service.StartAsync();
        await service.RefreshAsync();
        Assert.Equal(200, (await ListAsync(service)).Count);

        var rng = new Random(7);
        var operations = Fuzz.Long ? 10_000 : 1_000;
        var next = 201;
        for (var i = 0; i < operations; i++)
        {
            var keys = disk.Keys.ToList();
            switch (rng.Next(4))
            {
                case 0 when keys.Count > 0:
                {
                    // edit in place (sometimes the same size, so only the content hash tells)
                    var n = keys[rng.Next(keys.Count)];
                    disk[n] = Write(folder, n, $"edit{i:D5}");
                    break;
                }

                case 1 when keys.Count > 0:
                {
                    // rename: a new number and file name, same content
                    var n = keys[rng.Next(keys.Count)];
                    var token = disk[n];
                    File.Delete(PathOf(folder, n));
                    disk.Remove(n);
                    disk[next] = Write(folder, next, token);
                    next++;
                    break;
                }

                case 2 when keys.Count > 20:
                {
                    var n = keys[rng.Next(keys.Count)];
                    File.Delete(PathOf(folder, n));
                    disk.Remove(n);
                    break;
                }

                default:
                    disk[next] = Write(folder, next, $"new{i:D5}");
                    next++;
                    break;
            }

            if (i % 100 == 0)
            {
                await Task.Yield();
            }
        }

        var burstEnd = Stopwatch.StartNew();
        List<DecisionSummary> listed = [];
        await Signals.UntilChangedAsync(service, async () => Matches(listed = await ListAsync(service), disk), Quiet);

        output.WriteLine($"{operations} operations; {disk.Count} files; index equal after {burstEnd.ElapsedMilliseconds} ms: {Matches(listed, disk)}");
        Assert.Equal(disk.Keys.Order(), listed.Select(d => d.Number ?? -1).Order());

        // the content is current too: a sample of files is found by the token it now holds
        foreach (var n in disk.Keys.Where((_, i) => i % Math.Max(1, disk.Count / 5) == 0).Take(5))
        {
            var hits = (await service.SearchAsync(new SearchRequest { Query = disk[n], Limit = 3 })).Hits;
            Assert.Contains(hits, h => h.Path.EndsWith(Path.GetFileName(PathOf(folder, n)), StringComparison.Ordinal));
        }
    }

    private static bool Matches(List<DecisionSummary> listed, Dictionary<int, string> disk) =>
        listed.Count == disk.Count && listed.All(d => d.Number is { } n && disk.ContainsKey(n));

    private static async Task<List<DecisionSummary>> ListAsync(KnowledgeService service) =>
        [.. (await service.ListDecisionsAsync(new DecisionQuery { Limit = 10_000 })).Items];

    private static string PathOf(TempKnowledgeFolder folder, int n) => folder.FullPath($"decisions/{n:D5}-item-{n}.md");

    private static string Write(TempKnowledgeFolder folder, int n, string token)
    {
        folder.Write($"decisions/{n:D5}-item-{n}.md", $"# {n}. Item {n}\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Context\n\nThe {token} matters.\n");
        return token;
    }
}
