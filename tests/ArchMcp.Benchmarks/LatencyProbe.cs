using System.Diagnostics;
using System.Text.Json;
using ArchMcp.Core;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using ArchMcp.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Benchmarks;

/// <summary>
/// Stopwatch instrumentation, no BenchmarkDotNet: per-call latency percentiles of the service methods (what the
/// in-process p99 target is about), indexing throughput, allocation per call, and a phase breakdown of a search
/// obtained by running the engine's public pieces one by one on a searcher of the same index.
/// <code>
/// latency [--knowledge SPEC]... [--index DIR] [--calls N] [--warmup N] [--queries FILE] [--json FILE]
/// </code>
/// Without --knowledge: the five shared corpora, indexed into a temporary folder. The searches first run --warmup times
/// (default: 200, or three rounds of the queries): on two cores the JIT is still compiling the search path in tiers
/// for several seconds, so the default measures a process still warming up; --warmup 3000 measures it warmed up.
/// </summary>
public static class LatencyProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var roots = new List<string>();
        string? index = null, json = null, queryFile = null;
        var calls = 1000;
        int? warmup = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--knowledge": roots.Add(args[++i]); break;
                case "--index": index = args[++i]; break;
                case "--calls": calls = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--json": json = args[++i]; break;
                case "--queries": queryFile = args[++i]; break;
                default: Console.Error.WriteLine($"latency: unknown argument {args[i]}"); return 2;
            }
        }

        var defaultCorpora = roots.Count == 0;
        if (defaultCorpora)
        {
            roots = BenchData.RootSpecs();
        }

        var tempIndex = index is null;
        index ??= BenchData.TempFolder("latency");
        var queries = BenchData.Queries(queryFile);
        var report = new Dictionary<string, object?>();
        try
        {
            using var service = BenchData.Service(roots, index);
            var sw = Stopwatch.StartNew();
            var info = await service.RefreshAsync();
            sw.Stop();
            report["documents"] = info.Documents;
            report["firstRefreshMs"] = sw.Elapsed.TotalMilliseconds;
            report["firstRefreshFilesPerSecond"] = info.Documents / sw.Elapsed.TotalSeconds;
            Console.WriteLine($"first refresh: {info.Documents} documents in {sw.Elapsed.TotalMilliseconds:0} ms ({info.Documents / sw.Elapsed.TotalSeconds:0} files/s{(tempIndex ? ", full index" : ", catch-up of an existing index")})");

            sw.Restart();
            await service.RefreshAsync();
            report["noChangeRefreshMs"] = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine($"refresh with nothing changed: {sw.Elapsed.TotalMilliseconds:0.0} ms");

            var text = queries.Where(q => q.Kind is "search" or "lookup").ToArray();
            var perQuery = text.ToDictionary(q => q.Id, _ => new List<double>());
            async Task<double> SearchOnce(DevQuery q)
            {
                var t = Stopwatch.GetTimestamp();
                await service.SearchAsync(new SearchRequest { Query = q.Query, Limit = 5 });
                return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }

            for (var i = 0; i < (warmup ?? Math.Max(200, text.Length * 3)); i++)
            {
                await SearchOnce(text[i % text.Length]);
            }

            report["searchWarmupCalls"] = warmup ?? Math.Max(200, text.Length * 3);

            var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
            var pauseBefore = GC.GetTotalPauseDuration();
            var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var searchTimes = new List<double>(calls);
            for (var i = 0; i < calls; i++)
            {
                var q = text[i % text.Length];
                var ms = await SearchOnce(q);
                searchTimes.Add(ms);
                perQuery[q.Id].Add(ms);
            }

            // CPU time of the whole process (search, GC and JIT threads) per call: steadier than wall time on a shared machine
            report["searchCpuMsPerCall"] = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / calls;
            var allocPerCall = (GC.GetTotalAllocatedBytes(precise: true) - allocBefore) / (double)calls;
            var pausePerCall = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / calls;
            report["searchGcPauseMsPerCall"] = pausePerCall;
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;
            report["searchMethodsCompiledDuringRun"] = jitted;
            report["search"] = Stats(searchTimes);
            report["searchAllocatedKiBPerCall"] = allocPerCall / 1024;
            report["searchGcDuringRun"] = new { gen0 = GC.CollectionCount(0) - gcBefore.Item1, gen1 = GC.CollectionCount(1) - gcBefore.Item2, gen2 = GC.CollectionCount(2) - gcBefore.Item3 };
            Print("search_knowledge", searchTimes);
            Console.WriteLine($"  allocated {allocPerCall / 1024:0} KiB per call; GCs during run gen0={GC.CollectionCount(0) - gcBefore.Item1} gen1={GC.CollectionCount(1) - gcBefore.Item2} gen2={GC.CollectionCount(2) - gcBefore.Item3}; GC pause {pausePerCall:0.00} ms per call; heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576} MiB; methods compiled during the run {jitted}");
            var slowest = perQuery.Select(p => (Id: p.Key, Median: Percentile(p.Value, 50))).OrderByDescending(p => p.Median).ToList();
            report["searchPerQueryMedianMs"] = slowest.ToDictionary(p => p.Id, p => Math.Round(p.Median, 3));
            Console.WriteLine("  slowest queries (median ms): " + string.Join(", ", slowest.Take(6).Select(p => $"{p.Id} {p.Median:0.00}")));

            // the same calls answered by a service that keeps answers (the default for the server and the CLI)
            using (var cached = BenchData.Service(roots, index, cacheAnswers: true))
            {
                await cached.RefreshAsync();
                var cachedTimes = new List<double>(calls);
                for (var i = 0; i < calls + text.Length; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    await cached.SearchAsync(new SearchRequest { Query = text[i % text.Length].Query, Limit = 5 });
                    if (i >= text.Length)
                    {
                        cachedTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    }
                }

                report["searchCached"] = Stats(cachedTimes);
                Print("search_knowledge, answers kept (repeated queries)", cachedTimes);
            }

            if (defaultCorpora)
            {
                var decisions = new List<double>();
                for (var i = 0; i < Math.Max(200, calls / 2); i++)
                {
                    var (root, reference) = GetDecisionBenchmarks.References[i % GetDecisionBenchmarks.References.Length];
                    var t = Stopwatch.GetTimestamp();
                    await service.GetDecisionAsync(new GetDecisionRequest { Reference = reference, Root = root });
                    decisions.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                report["getDecision"] = Stats(decisions.Skip(40).ToList());
                Print("get_decision", decisions.Skip(40).ToList());
            }

            var designs = queries.Where(q => q.Kind == "checklist").ToArray();
            if (designs.Length > 0)
            {
                var checklist = new List<double>();
                for (var i = 0; i < Math.Max(100, calls / 5); i++)
                {
                    var q = designs[i % designs.Length];
                    var t = Stopwatch.GetTimestamp();
                    await service.DesignChecklistAsync(new ChecklistRequest { Design = q.Query, Root = defaultCorpora ? q.Corpus : null });
                    checklist.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                report["checklist"] = Stats(checklist.Skip(designs.Length * 2).ToList());
                Print("design_checklist", checklist.Skip(designs.Length * 2).ToList());
            }

            report["phases"] = Phases(service, roots, text);
        }
        finally
        {
            if (tempIndex)
            {
                BenchData.Delete(index);
            }
        }

        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }

    /// <summary>
    /// Where a search spends its time: the engine's steps (intent, analysis, ranking, section reads, snippets) timed
    /// one by one on a searcher of the same index.
    /// </summary>
    private static Dictionary<string, double> Phases(KnowledgeService service, List<string> roots, DevQuery[] queries)
    {
        var resolved = KnowledgeRoots.Resolve(roots);
        using var analyzer = new ArchAnalyzer(SynonymGroups.Build(Synonyms.ReadRootFiles(resolved)));
        var factory = new QueryFactory(analyzer);
        using var directory = LuceneKnowledgeIndex.OpenDirectory(Path.Combine(service.IndexPath, "lucene"));
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = LuceneKnowledgeIndex.Similarity };
        var phases = new Dictionary<string, List<(double Ms, long Bytes)>>();
        var allocated = 0L;
        void Add(string name, long start) =>
            (phases.TryGetValue(name, out var l) ? l : phases[name] = []).Add((Stopwatch.GetElapsedTime(start).TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - allocated));

        for (var round = 0; round < 12; round++)
        {
            foreach (var q in queries)
            {
                allocated = GC.GetAllocatedBytesForCurrentThread();
                var t = Stopwatch.GetTimestamp();
                service.SearchAsync(new SearchRequest { Query = q.Query, Limit = 5 }).GetAwaiter().GetResult();
                Add("0 SearchAsync total", t);

                allocated = GC.GetAllocatedBytesForCurrentThread();
                t = Stopwatch.GetTimestamp();
                QueryInterpreter.Interpret(q.Query);
                Add("1 interpret intent", t);

                allocated = GC.GetAllocatedBytesForCurrentThread();
                t = Stopwatch.GetTimestamp();
                var terms = factory.Terms(q.Query);
                Add("2 analyse terms", t);

                allocated = GC.GetAllocatedBytesForCurrentThread();
                t = Stopwatch.GetTimestamp();
                var ranked = FileRanker.Rank(searcher, terms, null, 30);
                Add("3 FileRanker.Rank: file pass, section pass over the candidates, blend", t);

                allocated = GC.GetAllocatedBytesForCurrentThread();
                t = Stopwatch.GetTimestamp();
                var fileQuery = QueryFactory.Prepare(searcher.IndexReader, terms).Build(FileRanker.FileFields);
                Add("3.1 of which: file query built", t);

                allocated = GC.GetAllocatedBytesForCurrentThread();
                t = Stopwatch.GetTimestamp();
                if (fileQuery is not null)
                {
                    searcher.Search(fileQuery, FileRanker.MinCandidates);
                }

                Add("3.2 of which: file pass", t);

                allocated = GC.GetAllocatedBytesForCurrentThread();
                t = Stopwatch.GetTimestamp();
                var best = ranked.Take(5).Select(h => FileRanker.ReadSection(searcher, h)).OfType<SectionMatch>().ToList();
                Add("4 read the best section of 5 hits", t);

                allocated = GC.GetAllocatedBytesForCurrentThread();
                t = Stopwatch.GetTimestamp();
                var set = new HashSet<string>(terms, StringComparer.Ordinal);
                foreach (var section in best)
                {
                    Snippets.Make(analyzer, section.Text.Length > 0 ? section.Text : section.Heading, set);
                }

                Add("5 snippets for 5 hits", t);
            }
        }

        Console.WriteLine("search phases (mean ms and KiB allocated per query over the set, after warm-up):");
        var result = new Dictionary<string, double>();
        foreach (var (name, values) in phases.OrderBy(p => double.Parse(p.Key.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)))
        {
            var warm = values.Skip(values.Count / 3).ToList();
            var mean = warm.Average(v => v.Ms);
            result[name] = Math.Round(mean, 4);
            Console.WriteLine($"  {name,-66} {mean,8:0.000} {warm.Average(v => v.Bytes) / 1024,8:0} KiB");
        }

        return result;
    }

    private static void Print(string name, List<double> times)
    {
        var s = Stats(times);
        Console.WriteLine($"{name}: n={s["n"]} mean={s["mean"]:0.000} p50={s["p50"]:0.000} p90={s["p90"]:0.000} p99={s["p99"]:0.000} max={s["max"]:0.000} ms");
    }

    public static Dictionary<string, double> Stats(List<double> times) => new()
    {
        ["n"] = times.Count,
        ["mean"] = Math.Round(times.Average(), 4),
        ["p50"] = Math.Round(Percentile(times, 50), 4),
        ["p90"] = Math.Round(Percentile(times, 90), 4),
        ["p99"] = Math.Round(Percentile(times, 99), 4),
        ["max"] = Math.Round(times.Max(), 4),
    };

    public static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[rank];
    }
}
