using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Templates;

/// <summary>
/// Drafting a new ADR (the CLI's <c>archmcp new</c> and the MCP <c>draft-adr</c> prompt): the next number in the
/// root, the folder that holds most of its decisions, the root's <c>templates/adr-template.md</c> (placeholders
/// <c>{{number}} {{title}} {{date}} {{status}}</c>) or a built-in MADR 4 skeleton, and the related decisions.
/// </summary>
public static partial class AdrDraft
{
    /// <summary>Where a root keeps its ADR template.</summary>
    public const string TemplatePath = "templates/adr-template.md";

    /// <summary>The largest template read; a larger one (or a link out of the root, or a device) is not used.</summary>
    public const long MaxTemplateBytes = 256 * 1024;

    /// <summary>The folder for decisions in a root that has none yet.</summary>
    public const string DefaultFolder = "decisions";

    public const int MaxRelated = 5;

    /// <summary>A MADR 4 skeleton used when the root has no template.</summary>
    public const string BuiltInTemplate = """
        ---
        status: "{{status}}"
        date: "{{date}}"
        decision-makers: ""
        ---
        # {{title}}

        ## Context and Problem Statement

        {Describe the context and the problem in two or three sentences, ending with the question this record answers.}

        ## Decision Drivers

        * {driver 1}
        * {driver 2}

        ## Considered Options

        * {option 1}
        * {option 2}

        ## Decision Outcome

        Chosen option: "{option 1}", because {justification}.

        ### Consequences

        * Good, because {positive consequence}
        * Bad, because {negative consequence}

        ## More Information

        """;

    /// <summary>Plans a draft: reads the root's decisions and template and searches for related decisions; writes nothing.</summary>
    /// <param name="root">Root name; null for the first root.</param>
    public static async Task<AdrDraftPlan> PlanAsync(IKnowledgeService knowledge, string title, string? root = null,
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

        var decisions = (await knowledge.ListDecisionsAsync(new DecisionQuery { Root = target.Name, Limit = 10000 }, cancellationToken).ConfigureAwait(false)).Items;
        var folder = FolderOf(decisions);
        var number = decisions.Select(d => d.Number ?? 0).DefaultIfEmpty(0).Max() + 1;
        var fileName = FileName(number, title);
        var relative = folder.Length == 0 ? fileName : $"{folder}/{fileName}";
        var dateText = (date ?? DateOnly.FromDateTime(DateTime.UtcNow)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var statusText = status.ToWire();

        // a plain file inside the root and under the bound, or the built-in template
        var template = RootFile.ReadText(new KnowledgeRoot(target.Name, target.Path), TemplatePath, MaxTemplateBytes);

        var related = await RelatedAsync(knowledge, title, target.Name, cancellationToken).ConfigureAwait(false);
        var markdown = Fill(template ?? BuiltInTemplate, number, title, dateText, statusText);
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
            Template = template is null ? null : TemplatePath,
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

    /// <summary>Replaces the placeholders and drops a <c>kind: template</c> front matter line.</summary>
    public static string Fill(string template, int number, string title, string date, string status)
    {
        ArgumentNullException.ThrowIfNull(template);
        var text = template.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = DropTemplateKind(text);
        return Placeholder().Replace(text, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "number" => number.ToString("D4", CultureInfo.InvariantCulture),
            "title" => title,
            "date" => date,
            "status" => status,
            _ => m.Value,
        });
    }

    /// <summary>"Use Redis for sessions!" → "use-redis-for-sessions" (ASCII letters and digits, at most 60 characters).</summary>
    public static string Slug(string title)
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

    public static string FileName(int number, string title) => $"{number.ToString("D4", CultureInfo.InvariantCulture)}-{Slug(title)}.md";

    /// <summary>The folder (root-relative) holding the most decisions; ties go to the shorter, then the first path.</summary>
    private static string FolderOf(IReadOnlyList<DecisionSummary> decisions)
    {
        if (decisions.Count == 0)
        {
            return DefaultFolder;
        }

        return decisions
            .GroupBy(d => d.Path.Contains('/') ? d.Path[..d.Path.LastIndexOf('/')] : "", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
    }

    private static async Task<IReadOnlyList<DecisionRef>> RelatedAsync(IKnowledgeService knowledge, string title, string root, CancellationToken ct)
    {
        try
        {
            var result = await knowledge.SearchAsync(new SearchRequest { Query = title, Kind = DocumentKind.Decision, Root = root, Limit = MaxRelated }, ct).ConfigureAwait(false);
            return [.. result.Hits.Select(h => new DecisionRef(h.Id, h.Title, h.Status ?? "", h.Uri, h.Path, h.Line))];
        }
        catch (InvalidQueryException)
        {
            return [];
        }
    }

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

    private static string DropTemplateKind(string text)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return text;
        }

        var close = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (close < 0)
        {
            return text;
        }

        var front = text[4..(close + 1)];
        var body = text[(close + 4)..];
        // drop the kind line and the comment lines right below it (the template's notes to its users)
        var kept = new List<string>();
        var dropping = false;
        foreach (var line in front.Split('\n').SkipLast(1))
        {
            if (TemplateKind().IsMatch(line))
            {
                dropping = true;
                continue;
            }

            dropping &= line.TrimStart().StartsWith('#');
            if (!dropping)
            {
                kept.Add(line);
            }
        }

        if (kept.All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#')))
        {
            return body.TrimStart('\n');
        }

        return "---\n" + string.Join("", kept.Select(l => l + "\n")) + "---" + body;
    }

    [GeneratedRegex(@"\{\{\s*(number|title|date|status)\s*\}\}", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^kind:\s*[""']?template[""']?\s*(#.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TemplateKind();

    [GeneratedRegex(@"^#{2,3}[ \t]+More Information[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MoreInformation();
}
