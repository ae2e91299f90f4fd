using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Templates;

/// <summary>
/// Drafting a new ADR (the CLI's <c>archmcp new</c> and the MCP <c>draft-adr</c> prompt): the next number in the
/// root, the folder and file naming its decisions follow (<see cref="AdrConventions"/>), the root's template or a
/// built-in skeleton filled in (<see cref="AdrTemplate"/>), and the related decisions.
/// </summary>
public static partial class AdrDraft
{
    private const int MaxRelated = 5;

    /// <summary>Plans a draft: reads the root's decisions and template and searches for related decisions; writes nothing.</summary>
    /// <param name="root">Root name; null for the first root.</param>
    public static async Task<AdrDraftPlan> PlanAsync(IDecisionLog knowledge, string title, string? root = null,
        DecisionStatus status = DecisionStatus.Proposed, DateOnly? date = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        title = string.Join(' ', (title ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (title.Length == 0)
        {
            throw new InvalidQueryException("Give the new decision a title, e.g. archmcp new \"Use Redis for sessions\".");
        }

        if (Slug(title).Length == 0)
        {
            throw new InvalidQueryException($"The title '{title}' has no letters or digits to name the file with.");
        }

        var info = await knowledge.GetIndexInfoAsync(cancellationToken).ConfigureAwait(false);
        var target = root is null
            ? info.Roots.FirstOrDefault()
            : info.Roots.FirstOrDefault(r => string.Equals(r.Name, root, StringComparison.OrdinalIgnoreCase));
        if (target is null)
        {
            throw new InvalidQueryException(root is null
                ? "There is no knowledge root to write the decision into. Pass --knowledge PATH."
                : $"Unknown knowledge root '{root}'. Roots: {string.Join(", ", info.Roots.Select(r => r.Name))}.");
        }

        var decisions = (await knowledge.ListDecisionsAsync(new DecisionQuery { Root = target.Name, Limit = ToolContract.DecisionLogMax }, cancellationToken).ConfigureAwait(false)).Items;
        var conventions = AdrConventions.Detect(target.Path, decisions.Select(d => d.Path));
        var folder = conventions.Folder;
        var number = decisions.Select(d => d.Number ?? 0).DefaultIfEmpty(0).Max() + 1;
        var dateText = (date ?? DateOnly.FromDateTime(DateTime.UtcNow)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fileName = conventions.FileName(number, Slug(title), dateText);
        var relative = folder.Length == 0 ? fileName : $"{folder}/{fileName}";
        var statusText = conventions.StatusText(status.ToWire());

        // a plain file inside the root and under the bound (no link out of it, no device), or the built-in skeleton
        var template = conventions.Template is null ? null
            : RootFile.ReadText(new KnowledgeRoot(target.Name, target.Path), conventions.Template, AdrConventions.MaxTemplateBytes);

        var related = await RelatedAsync(knowledge, title, target.Name, cancellationToken).ConfigureAwait(false);
        var markdown = AdrTemplate.Fill(template ?? AdrTemplate.BuiltIn(conventions.Style), number, title, dateText, statusText, conventions.NumberText(number));
        markdown = WithRelated(markdown, related, folder);
        return new AdrDraftPlan
        {
            Root = target.Name,
            RootPath = target.Path,
            RelativePath = relative,
            FullPath = Path.Combine(target.Path, relative.Replace('/', Path.DirectorySeparatorChar)),
            Number = number,
            Id = $"ADR-{number:D4}",
            Title = title,
            Status = statusText,
            Date = dateText,
            Template = template is null ? null : conventions.Template,
            Related = related,
            Markdown = markdown,
        };
    }

    /// <summary>Creates the planned file; never overwrites. Throws <see cref="KnowledgeException"/> when the file exists.</summary>
    public static void Write(AdrDraftPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(Path.GetDirectoryName(plan.FullPath)!);
        try
        {
            using var stream = new FileStream(plan.FullPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(plan.Markdown);
        }
        catch (IOException) when (File.Exists(plan.FullPath))
        {
            throw new KnowledgeException($"'{plan.FullPath}' already exists; archmcp new never overwrites a file. Rename or remove it first.");
        }
    }

    /// <summary>"Use Redis for sessions!" → "use-redis-for-sessions" (ASCII letters and digits, at most 60 characters).</summary>
    internal static string Slug(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var sb = new StringBuilder(title.Length);
        foreach (var ch in title)
        {
            var c = Fold(char.ToLowerInvariant(ch));
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        if (slug.Length > 60)
        {
            var cut = slug.LastIndexOf('-', 60);
            slug = slug[..(cut > 20 ? cut : 60)].Trim('-');
        }

        return slug;
    }

    // Latin letters with diacritics → ASCII (string.Normalize is unavailable under invariant globalization).
    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťţùúûüūůűųýÿźżž";
    private const string Plain = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrsssttuuuuuuuuyyzzz";

    private static char Fold(char c)
    {
        var at = c < 128 ? -1 : Accented.IndexOf(c, StringComparison.Ordinal);
        return at < 0 ? c : Plain[at];
    }

    /// <summary>
    /// Decisions related to the title: a search over the root's decisions, kept only above a relevance floor — a
    /// decision whose title shares a content word with the new title (ignoring the verbs every record title starts
    /// with: use, adopt, choose…), and others scoring at least half of the best such decision.
    /// </summary>
    private static async Task<IReadOnlyList<DecisionRef>> RelatedAsync(IDecisionLog knowledge, string title, string root, CancellationToken ct)
    {
        SearchResult result;
        try
        {
            result = await knowledge.SearchAsync(new SearchRequest { Query = title, Kind = DocumentKind.Decision, Root = root, Limit = MaxRelated }, ct).ConfigureAwait(false);
        }
        catch (InvalidQueryException)
        {
            return [];
        }

        var words = ContentWords(title);
        var anchors = result.Hits.Where(h => ContentWords(h.Title).Overlaps(words)).ToList();
        if (anchors.Count == 0)
        {
            return [];
        }

        var floor = anchors.Max(h => h.Score) / 2;
        return [.. result.Hits
            .Where(h => anchors.Contains(h) || h.Score >= floor)
            .Select(h => new DecisionRef(h.Id, h.Title, h.Status ?? "", h.Uri, h.Path, h.Line))];
    }

    /// <summary>Lower-cased words of three or more letters, a plural "s" dropped, without function words and record verbs.</summary>
    internal static HashSet<string> ContentWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            var w = m.Value.Length > 4 && m.Value.EndsWith('s') && !m.Value.EndsWith("ss", StringComparison.Ordinal) ? m.Value[..^1] : m.Value;
            if (w.Length >= 3 && !CommonWords.Contains(w))
            {
                words.Add(w);
            }
        }

        return words;
    }

    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "into", "onto", "over", "our", "all", "any", "not", "via", "per", "its", "their",
        "this", "that", "use", "using", "adopt", "choose", "chose", "pick", "move", "switch", "replace", "introduce",
        "record", "decision", "decide", "architecture", "architectural", "new", "keep", "make", "add", "drop", "stop",
        "start", "run", "instead", "between", "when", "how", "why", "what", "which", "adr",
    };

    /// <summary>Lists the related decisions under "More Information" (appended when the template has no such section).</summary>
    private static string WithRelated(string markdown, IReadOnlyList<DecisionRef> related, string folder)
    {
        if (related.Count == 0)
        {
            return markdown;
        }

        var list = new StringBuilder();
        list.Append("Related decisions (found by searching the title; keep the relevant ones):\n\n");
        foreach (var r in related)
        {
            var link = Path.GetRelativePath(folder.Length == 0 ? "." : folder, r.Path).Replace('\\', '/');
            list.Append(CultureInfo.InvariantCulture, $"* [{r.Id}]({link}) {r.Title} ({r.Status})\n");
        }

        var heading = MoreInformation().Match(markdown);
        if (heading.Success)
        {
            var at = heading.Index + heading.Length;
            var after = markdown[at..].TrimStart('\n');
            return markdown[..at] + "\n\n" + list + (after.Length == 0 ? "" : "\n" + after);
        }

        return markdown.TrimEnd('\n') + "\n\n## More Information\n\n" + list;
    }

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^#{2,3}[ \t]+More Information[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MoreInformation();
}
