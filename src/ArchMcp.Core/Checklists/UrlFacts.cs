using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>Endpoints, paths, path segments (verbs, casing, versions, prefixes) and query parameters.</summary>
internal static partial class UrlFacts
{
    /// <summary>Verbs that turn a path segment into an action ("getOrders", "bulk-create", "cancelOrder").</summary>
    private static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "get", "fetch", "retrieve", "read", "load", "list", "find", "query", "lookup", "create", "add", "insert", "make", "new",
        "update", "modify", "edit", "change", "set", "save", "put", "patch", "post", "delete", "remove", "destroy", "drop", "purge",
        "do", "execute", "run", "perform", "process", "handle", "trigger", "invoke", "call", "send", "submit", "cancel", "approve",
        "reject", "activate", "deactivate", "enable", "disable", "register", "unregister", "calculate", "compute", "generate",
        "validate", "verify", "check", "sync", "synchronize", "upload", "download", "refresh", "reset", "start", "stop", "apply",
    };

    public static void Extract(string sentence, FactSink sink)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Endpoint().Matches(sentence))
        {
            var method = m.Groups["method"].Value.ToUpperInvariant();
            var path = m.Groups["path"].Value.TrimEnd('.', ',', ';', ')');
            sink.Add(FactKinds.Endpoint, $"{method} {path}");
            sink.Add(FactKinds.HttpMethod, method);
            if (seen.Add(path))
            {
                PathFacts(path, sink);
            }
        }

        foreach (Match m in Path().Matches(sentence))
        {
            var path = m.Value.TrimEnd('.', ',', ';', ')');
            if (FileSystemPath().IsMatch(path))
            {
                continue;
            }

            if (seen.Add(path) && !seen.Any(p => p.Contains(path, StringComparison.Ordinal) && p != path))
            {
                PathFacts(path, sink);
            }
        }
    }

    private static void PathFacts(string raw, FactSink sink)
    {
        var query = "";
        var path = raw;
        var q = raw.IndexOf('?');
        if (q >= 0)
        {
            path = raw[..q];
            query = raw[(q + 1)..];
        }

        sink.Add(FactKinds.Path, path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.StartsWith('{') || segment.StartsWith(':') || segment.Contains('*', StringComparison.Ordinal))
            {
                continue;
            }

            if (VersionSegment().IsMatch(segment))
            {
                sink.Add(FactKinds.VersionInPath, segment);
                sink.Add(FactKinds.Versioning, "uri-path");
                continue;
            }

            if (i == 0)
            {
                sink.Add(FactKinds.PathPrefix, "/" + segment);
            }

            var style = NamingStyles.Of(segment);
            if (NamingStyles.IsTelling(style))
            {
                sink.Add(FactKinds.PathCasing, style.ToWire() + ": " + segment);
            }

            var words = NamingStyles.Words(segment);
            if (words.Count > 0 && (Verbs.Contains(words[0]) || (words.Count > 1 && Verbs.Contains(words[^1]))))
            {
                sink.Add(FactKinds.PathVerb, segment);
            }
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = pair.Split('=')[0];
            if (name.Length == 0)
            {
                continue;
            }

            sink.Add(FactKinds.QueryParameter, name);
            sink.Add(FactKinds.QueryParameterCasing, NamingStyles.Of(name).ToWire() + ": " + name);
            if (name.Contains("version", StringComparison.OrdinalIgnoreCase))
            {
                sink.Add(FactKinds.Versioning, "query-parameter");
            }
        }
    }

    [GeneratedRegex(@"\b(?<method>GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(?<path>(?:https?://[^/\s`]+)?/[^\s`'""]*)")]
    private static partial Regex Endpoint();

    /// <summary>A path standing alone: not inside a URL, a file name or a JSON pointer (<c>#/components/schemas/Order</c>).</summary>
    [GeneratedRegex(@"(?<![\w.:/@#-])/(?:[A-Za-z0-9_{}.~:-]+/?)+(?:\?[^\s`'""]*)?")]
    private static partial Regex Path();

    /// <summary>
    /// A file-system path, not an HTTP one: it starts in a top-level folder of the Filesystem Hierarchy Standard that no
    /// web API names (<c>/etc/app.conf</c>, <c>/opt/tools/bin/run-export</c>, <c>/var/backups</c>).
    /// </summary>
    [GeneratedRegex(@"^/(bin|boot|dev|etc|mnt|opt|proc|sbin|srv|sys|tmp|usr|var)(/|$)")]
    private static partial Regex FileSystemPath();

    [GeneratedRegex(@"^v\d+(?:\.\d+)*$|^version\d*$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionSegment();
}
