using ArchMcp.Benchmarks;
using BenchmarkDotNet.Running;

// archmcp benchmarks.
//   latency [...]           Stopwatch percentiles + phase breakdown (see LatencyProbe)
//   [--out-of-process] [--artifacts DIR] [BenchmarkDotNet args, e.g. --filter *Search*]
// With no --filter every suite runs (a few minutes with the short job).
if (args.Length > 0 && args[0] == "latency")
{
    return await LatencyProbe.RunAsync(args[1..]);
}

var rest = new List<string>(args);
var outOfProcess = rest.Remove("--out-of-process");
var artifacts = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks");
var at = rest.IndexOf("--artifacts");
if (at >= 0 && at + 1 < rest.Count)
{
    artifacts = Path.GetFullPath(rest[at + 1]);
    rest.RemoveRange(at, 2);
}

if (!rest.Contains("--filter"))
{
    rest.AddRange(["--filter", "*"]);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run([.. rest], BenchConfig.Create(artifacts, outOfProcess));
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
