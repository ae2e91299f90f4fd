using System.Text;

namespace ArchMcp.Server.Web;

/// <summary>
/// Where the pages link to, served (`/decisions/ADR-0004`) or as static files (`decisions/ADR-0004.html`, relative to
/// the page, so the site works from any folder of any file server). Documents are addressed by their resource URI
/// (<c>arch://decisions/{id}</c>, <c>arch://standards/{id}/rules/{rule}</c>, with <c>?root=</c> when roots share an id).
/// </summary>
public sealed class SiteLinks
{
    private readonly string _prefix;

    private SiteLinks(bool isStatic, string prefix)
    {
        IsStatic = isStatic;
        _prefix = prefix;
    }

    /// <summary>The links of the pages the server answers.</summary>
    public static SiteLinks Served { get; } = new(false, "/");

    /// <summary>The links of a static page <paramref name="depth"/> folders below the site's root.</summary>
    public static SiteLinks Static(int depth) => new(true, depth == 0 ? "" : string.Concat(Enumerable.Repeat("../", depth)));

    public bool IsStatic { get; }

    public string Home => IsStatic ? _prefix + "index.html" : "/";

    /// <summary>A top-level page: "decisions", "standards", "review", "health".</summary>
    public string Page(string name) => IsStatic ? $"{_prefix}{name}.html" : "/" + name;

    public string Asset(string file) => $"{_prefix}assets/{file}";

    /// <summary>The page of a document of a URI group ("decisions", "standards", "references").</summary>
    public string Document(string group, string id, string? root = null) => IsStatic
        ? $"{_prefix}{group}/{FileName(id, root)}.html"
        : $"/{group}/{Uri.EscapeDataString(id)}" + (root is null ? "" : "?root=" + Uri.EscapeDataString(root));

    /// <summary>
    /// The page of a resource URI, with the rule's anchor for a rule (<c>#SEC-011</c>); null for a URI that is not one
    /// of ours.
    /// </summary>
    public string? For(string uri)
    {
        return Parse(uri) is not { } u ? null
            : Document(u.Group, u.Id, u.Root) + (u.Rule is null ? "" : "#" + Uri.EscapeDataString(Html.Anchor(u.Rule)));
    }

    /// <summary>The parts of <c>arch://{group}/{id}[/rules/{rule}][?root=name]</c>, unescaped; null for another URI.</summary>
    public static (string Group, string Id, string? Rule, string? Root)? Parse(string uri)
    {
        const string scheme = "arch://";
        if (!uri.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = uri[scheme.Length..];
        string? root = null;
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            const string rootKey = "root=";
            var q = rest[(query + 1)..];
            root = q.StartsWith(rootKey, StringComparison.Ordinal) ? Uri.UnescapeDataString(q[rootKey.Length..]) : null;
            rest = rest[..query];
        }

        var parts = rest.Split('/');
        return parts.Length switch
        {
            2 => (parts[0], Uri.UnescapeDataString(parts[1]), null, root),
            4 when parts[2] == "rules" => (parts[0], Uri.UnescapeDataString(parts[1]), Uri.UnescapeDataString(parts[3]), root),
            _ => null,
        };
    }

    /// <summary>
    /// A file name for an id: letters, digits, '.', '-' and '_' kept, anything else as '_' followed by its code, so
    /// that two ids never share a file; the root is appended when another root has the same id first.
    /// </summary>
    public static string FileName(string id, string? root = null)
    {
        var sb = new StringBuilder(id.Length + 8);
        foreach (var c in root is null ? id : $"{id}@{root}")
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('_').Append(((int)c).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
