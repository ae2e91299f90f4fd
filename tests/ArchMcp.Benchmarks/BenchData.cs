using System.Text.Json;
using System.Text.Json.Serialization;
using ArchMcp.Core;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Benchmarks;

/// <summary>One graded query of <c>dev-queries.jsonl</c> (only the fields the benchmarks need).</summary>
public sealed record DevQuery(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("corpus")] string Corpus,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("query")] string Query);

/// <summary>The shared corpora, the dev query set and throw-away indexes built over them.</summary>
public static class BenchData
{
    /// <summary>The five corpora, with the kind of Markdown each stands for.</summary>
    public static readonly IReadOnlyDictionary<string, string> CorpusKinds = new Dictionary<string, string>
    {
        ["govuk-aws"] = "adr-nygard",
        ["madr"] = "adr-madr",
        ["log4brains"] = "adr-log4brains",
        ["zalando"] = "standard-rules",
        ["gds-way"] = "standard-guides",
    };

    public static string CorporaPath =>
        Corpora.Path ?? throw new InvalidOperationException(Corpora.SkipReason);

    /// <summary>Root specs ("name=PATH") for all five corpora under <paramref name="folder"/> (default: the shared corpora).</summary>
    public static List<string> RootSpecs(string? folder = null) =>
        [.. CorpusKinds.Keys.Select(c => $"{c}={Path.Combine(folder ?? CorporaPath, c)}")];

    public static IReadOnlyList<DevQuery> Queries(string? file = null)
    {
        var path = file ?? Path.Combine(CorporaPath, "dev-queries.jsonl");
        return [.. File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonSerializer.Deserialize<DevQuery>(l)!)];
    }

    /// <summary>Every Markdown file of one corpus, read into memory: (relative path, content).</summary>
    public static List<(string RelativePath, string Content)> LoadCorpus(string corpus)
    {
        var root = Path.Combine(CorporaPath, corpus);
        return [.. Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))];
    }

    public static KnowledgeService Service(IEnumerable<string> roots, string indexPath, bool watch = false, bool cacheAnswers = false) =>
        new(Options.Create(new KnowledgeOptions { Roots = [.. roots], IndexPath = indexPath, Watch = watch, CacheAnswers = cacheAnswers }), NullLogger<KnowledgeService>.Instance);

    /// <summary>A fresh temporary folder, deleted by <see cref="Delete"/>.</summary>
    public static string TempFolder(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"archmcp-bench-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void Delete(string? dir)
    {
        if (dir is not null && Directory.Exists(dir))
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Copies the five corpora into <paramref name="target"/> (for benchmarks that edit files).</summary>
    public static void CopyCorpora(string target)
    {
        foreach (var corpus in CorpusKinds.Keys)
        {
            var from = Path.Combine(CorporaPath, corpus);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(target, corpus, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }
    }
}
