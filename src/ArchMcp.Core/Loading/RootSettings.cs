using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>
/// A knowledge root's own settings file (<c>archmcp.yaml</c> or <c>.archmcp.yaml</c> at its top): the conventions no
/// heuristic can guess — which files to read (<c>include</c>/<c>exclude</c> globs), where decisions live
/// (<c>decisions</c> folders), how a record's number and status are written (<c>id-pattern</c>, <c>status-pattern</c>)
/// and the team's own status words (<c>statuses</c>). A setting that cannot be used is reported (file, line, what to
/// do) and left out, the others still apply; a file that is not YAML is ignored whole. Either way the root is indexed.
/// </summary>
internal sealed partial class RootSettings
{
    /// <summary>The file names looked for at the top of a root, in order; the first present wins.</summary>
    public static readonly string[] FileNames = ["archmcp.yaml", ".archmcp.yaml"];

    /// <summary>A settings file is a few lines: this bounds what a mistaken link or a huge file can cost.</summary>
    public const long MaxFileBytes = 64 * 1024;

    public static readonly RootSettings None = new("", null, "");

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly string[] Keys = ["include", "exclude", "decisions", "id-pattern", "status-pattern", "statuses"];
    private static readonly ConcurrentDictionary<string, (string Stamp, RootSettings Settings)> Cache = new(StringComparer.Ordinal);

    private readonly List<(string Pattern, Regex Regex)> _include = [];
    private readonly List<(string Pattern, Regex Regex)> _exclude = [];
    private readonly List<string> _decisionFolders = [];
    private readonly Dictionary<string, DecisionStatus> _statuses = new(StringComparer.Ordinal);
    private readonly List<Finding> _findings = [];
    private Regex? _idPattern;
    private Regex? _statusPattern;

    private readonly string _root;

    private RootSettings(string root, string? file, string fingerprint)
    {
        _root = root;
        File = file;
        Fingerprint = fingerprint;
    }

    /// <summary>The settings file's name under the root; null when the root has none.</summary>
    public string? File { get; }

    /// <summary>A hash of the file's text ("" without a file): when it changes, every file of the root is read again.</summary>
    public string Fingerprint { get; }

    /// <summary>Problems with the settings: each says the file, the line and what to do.</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Extra status words (normalised to lower-case words) and the lifecycle state each stands for.</summary>
    public IReadOnlyDictionary<string, DecisionStatus> Statuses => _statuses;

    /// <summary>
    /// The settings of <paramref name="root"/> as its file says now: read again when the file's size or time changed,
    /// so a change is picked up by the next refresh.
    /// </summary>
    public static RootSettings Of(KnowledgeRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var name = FileNames.FirstOrDefault(n => Path.Exists(Path.Combine(root.Path, n)));
        if (name is null)
        {
            Cache.TryRemove(root.Path, out _);
            return None;
        }

        var info = new FileInfo(Path.Combine(root.Path, name));
        var stamp = $"{name}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{root.Name}";
        if (Cache.TryGetValue(root.Path, out var cached) && cached.Stamp == stamp)
        {
            return cached.Settings;
        }

        var findings = new List<Finding>();
        var text = RootFile.ReadText(root, name, MaxFileBytes, findings);
        var settings = Parse(root.Name, name, text ?? "");
        settings._findings.InsertRange(0, findings);
        foreach (var other in FileNames.Where(n => n != name && Path.Exists(Path.Combine(root.Path, n))))
        {
            settings.Problem(0, $"both '{name}' and '{other}' are present; '{other}' is ignored. Keep one settings file.");
        }

        Cache[root.Path] = (stamp, settings);
        return settings;
    }

    /// <summary>Reads the settings from the text of <paramref name="file"/> (a file name under the root).</summary>
    public static RootSettings Parse(string rootName, string file, string text)
    {
        var settings = new RootSettings(rootName, file, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]);
        settings.Read(text);
        return settings;
    }

    /// <summary>
    /// Why the settings leave <paramref name="relativePath"/> out (an <c>exclude</c> glob it matches, or no
    /// <c>include</c> glob it matches); null when they let it in.
    /// </summary>
    public string? LeftOutWhy(string relativePath, bool folder = false)
    {
        // a folder is excluded by a glob for what it holds too ("drafts/**")
        if (_exclude.FirstOrDefault(g => Matches(g.Regex, relativePath) || (folder && g.Regex.IsMatch(relativePath + "/"))) is { Pattern: { } excluded })
        {
            return $"excluded by '{excluded}' in {File}";
        }

        return !folder && _include.Count > 0 && !_include.Any(g => Matches(g.Regex, relativePath))
            ? $"matches none of the include globs of {File} ({string.Join(", ", _include.Select(g => g.Pattern))})"
            : null;
    }

    /// <summary>True when the file is under a folder the settings name as where decisions live.</summary>
    public bool InDecisionFolder(string relativePath) =>
        _decisionFolders.Any(f => f.Length == 0 || relativePath.StartsWith(f + "/", StringComparison.Ordinal));

    /// <summary>The record number the <c>id-pattern</c> finds in the path (its group <c>n</c>); null without a match.</summary>
    public int? NumberOf(string relativePath)
    {
        var m = _idPattern is null ? null : Match(_idPattern, relativePath);
        return m is not null && int.TryParse(m.Groups["n"].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The status the <c>status-pattern</c> finds on a line of the file (its group <c>status</c>), with its 1-based line.</summary>
    public (string Text, int Line)? StatusIn(string content)
    {
        var m = _statusPattern is null ? null : Match(_statusPattern, content);
        if (m is null || m.Groups["status"].Value.Trim() is not { Length: > 0 } status)
        {
            return null;
        }

        var line = 1;
        foreach (var c in content.AsSpan(0, m.Index))
        {
            line += c == '\n' ? 1 : 0;
        }

        return (status, line);
    }

    private static bool Matches(Regex glob, string path)
    {
        // a glob naming a folder covers what is under it ("archive" or "docs/archive" → docs/archive/x.md)
        if (glob.IsMatch(path))
        {
            return true;
        }

        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            if (glob.IsMatch(path.AsSpan(0, slash)))
            {
                return true;
            }
        }

        return false;
    }

    private static Match? Match(Regex regex, string text)
    {
        try
        {
            var m = regex.Match(text);
            return m.Success ? m : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
