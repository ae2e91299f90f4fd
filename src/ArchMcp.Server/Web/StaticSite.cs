using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ArchMcp.Core;
using ArchMcp.Core.Model;

namespace ArchMcp.Server.Web;

/// <summary>One document in the static site's search index (shipped inside its search page).</summary>
public sealed record SiteIndexEntry(string Id, string Kind, string Title, string? Status, string? Date, IReadOnlyList<string> Tags, string Root, string Path, int Line, string Url, string Text);

/// <summary>
/// `archmcp site --out DIR`: the web view's pages as static files — index.html (search over a JSON index in the
/// page), decisions.html, timeline.html, standards.html, health.html, a page per document under decisions/, standards/ and
/// references/, and assets/ — with relative links, for GitHub Pages or any file server. The review page needs the
/// server and is not written.
/// </summary>
public static partial class StaticSite
{
    /// <summary>How much of a document's text its search index entry carries.</summary>
    private const int IndexTextChars = 400;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = ArchJsonContext.Default };

    /// <summary>Writes the site into <paramref name="folder"/> (files already there are overwritten, others left); returns the number of pages.</summary>
    public static async Task<int> WriteAsync(IKnowledgeService knowledge, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var top = new WebPages(knowledge, SiteLinks.Static(0));
        var below = new WebPages(knowledge, SiteLinks.Static(1));
        var documents = await knowledge.ListDocumentsAsync(cancellationToken).ConfigureAwait(false);
        var decisions = await AllDecisionsAsync(knowledge, cancellationToken).ConfigureAwait(false);
        var entries = new List<SiteIndexEntry>(documents.Count);
        var pages = 0;
        foreach (var document in documents)
        {
            if (SiteLinks.Parse(document.Uri) is not { } u || SiteLinks.Static(0).For(document.Uri) is not { } url)
            {
                continue;
            }

            var html = u.Group switch
            {
                "decisions" => await below.DecisionAsync(document.Uri, cancellationToken).ConfigureAwait(false),
                "standards" => await below.StandardAsync(u.Id, u.Root, cancellationToken).ConfigureAwait(false),
                _ => await below.ReferenceAsync(document.Uri, cancellationToken).ConfigureAwait(false),
            };
            await WriteFileAsync(folder, url, html, cancellationToken).ConfigureAwait(false);
            pages++;
            var full = await knowledge.GetDocumentAsync(KindOf(u.Group), document.Uri, cancellationToken).ConfigureAwait(false);
            decisions.TryGetValue(document.Uri, out var d);
            entries.Add(new SiteIndexEntry(document.Id, document.Kind, document.Title, d?.Status, d?.Date, d?.Tags ?? [], document.Root, document.Path, d?.Line ?? 1, url, Plain(full.Markdown)));
        }

        var index = JsonSerializer.Serialize(entries, (JsonTypeInfo<List<SiteIndexEntry>>)Json.GetTypeInfo(typeof(List<SiteIndexEntry>)));
        await WriteFileAsync(folder, "index.html", await top.SearchAsync(new SearchForm(null), index, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, "decisions.html", await top.DecisionsAsync(new LogFilter(), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, "timeline.html", await top.TimelineAsync(null, 0, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, "standards.html", await top.StandardsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, "health.html", await top.HealthAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        foreach (var name in WebAssets.Names)
        {
            var path = Path.Combine(folder, "assets", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, WebAssets.Find(name)!.Value.Bytes, cancellationToken).ConfigureAwait(false);
        }

        return pages + 5;
    }

    private static async Task<Dictionary<string, DecisionSummary>> AllDecisionsAsync(IKnowledgeService knowledge, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, DecisionSummary>(StringComparer.Ordinal);
        for (int? offset = 0; offset is { } at;)
        {
            var page = await knowledge.ListDecisionsAsync(new DecisionQuery { Offset = at, Limit = ToolContract.ListLimitMax }, cancellationToken).ConfigureAwait(false);
            foreach (var d in page.Items)
            {
                all[d.Uri] = d;
            }

            offset = page.NextOffset;
        }

        return all;
    }

    private static DocumentKind KindOf(string group) => group switch
    {
        "decisions" => DocumentKind.Decision,
        "standards" => DocumentKind.Standard,
        _ => DocumentKind.Reference,
    };

    /// <summary>The start of a document's text for the search index: no front matter, no Markdown marks, one line.</summary>
    private static string Plain(string markdown)
    {
        var text = FrontMatter().Replace(markdown, "");
        text = Marks().Replace(text, " ");
        text = Spaces().Replace(text, " ").Trim();
        return text.Length <= IndexTextChars ? text : text[..IndexTextChars];
    }

    private static async Task WriteFileAsync(string folder, string relative, string html, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, html, cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex(@"\A---\r?\n.*?\r?\n---\r?\n", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"[#*_`>|\[\]]+|\(\S+\.md\)")]
    private static partial Regex Marks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
