using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ArchMcp.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArchMcp.Core.Loading;

/// <summary>
/// A knowledge root's own settings file (<c>archmcp.yaml</c> or <c>.archmcp.yaml</c> at its top): the conventions no
/// heuristic can guess — which files to read (<c>include</c>/<c>exclude</c> globs), where decisions live
/// (<c>decisions</c> folders), how a record's number and status are written (<c>id-pattern</c>, <c>status-pattern</c>)
/// and the team's own status words (<c>statuses</c>). A setting that cannot be used is reported (file, line, what to
/// do) and left out, the others still apply; a file that is not YAML is ignored whole. Either way the root is indexed.
/// </summary>
internal sealed class RootSettings
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

    private void Problem(int line, string message) =>
        _findings.Add(new Finding(FindingSeverity.Error, LintCodes.BadSettings, File ?? "", line, $"{File}: {message}") { Root = _root });

    private void Read(string text)
    {
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new FrontMatterReader.BoundedParser(new Parser(new StringReader(text))));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            Problem((int)ex.Start.Line, $"not valid YAML at line {ex.Start.Line}, column {ex.Start.Column} ({FirstLine(ex.Message)}); the whole file was ignored and the root read with the defaults. Fix the YAML (quote patterns containing ':', '{{' or '#').");
            return;
        }

        if (root is YamlMappingNode map)
        {
            foreach (var (keyNode, value) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                var line = (int)keyNode.Start.Line;
                switch (key)
                {
                    case "include":
                        ReadGlobs(value, key, _include);
                        break;
                    case "exclude":
                        ReadGlobs(value, key, _exclude);
                        break;
                    case "decisions":
                        foreach (var (folder, at) in Strings(value, key))
                        {
                            var clean = folder.Replace('\\', '/').Trim('/');
                            if (clean == ".")
                            {
                                _decisionFolders.Add(""); // the root itself
                            }
                            else if (clean.Length == 0 || clean.Split('/').Any(s => s is "" or "." or ".."))
                            {
                                Problem(at, $"'decisions' lists '{folder}', which is not a folder under the root. Write a folder path relative to the root, e.g. docs/adr ('.' for the root itself).");
                            }
                            else
                            {
                                _decisionFolders.Add(clean);
                            }
                        }

                        break;
                    case "id-pattern":
                        _idPattern = ReadPattern(value, key, "n", "a regular expression over the file's path with a group (?<n>…) for the record number, e.g. '^proposals/(?<n>\\d+)-'");
                        break;
                    case "status-pattern":
                        _statusPattern = ReadPattern(value, key, "status", "a regular expression over the file's lines with a group (?<status>…), e.g. '^State:\\s*(?<status>.+)$'");
                        break;
                    case "statuses":
                        ReadStatuses(value);
                        break;
                    default:
                        Problem(line, $"unknown setting '{key}' at line {line} was ignored. The settings are: {string.Join(", ", Keys)}.");
                        break;
                }
            }
        }
        else if (root is not null && !(root is YamlScalarNode { Value: null or "" }))
        {
            Problem((int)root.Start.Line, "is not a mapping of settings (key: value lines) and was ignored. Write e.g. 'exclude: [\"drafts/**\"]'.");
        }
    }

    private IEnumerable<(string Text, int Line)> Strings(YamlNode value, string key)
    {
        var items = value is YamlSequenceNode list ? list.Children : [value];
        foreach (var item in items)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } text })
            {
                yield return (text.Trim(), (int)item.Start.Line);
            }
            else
            {
                Problem((int)item.Start.Line, $"'{key}' at line {item.Start.Line} must be a text or a list of texts; this value was ignored.");
            }
        }
    }

    private void ReadGlobs(YamlNode value, string key, List<(string Pattern, Regex Regex)> into)
    {
        foreach (var (glob, _) in Strings(value, key))
        {
            into.Add((glob, GlobRegex(glob.Replace('\\', '/').Trim('/'))));
        }
    }

    private Regex? ReadPattern(YamlNode value, string key, string group, string expected)
    {
        var line = (int)value.Start.Line;
        if (value is not YamlScalarNode { Value: { Length: > 0 } pattern })
        {
            Problem(line, $"'{key}' at line {line} must be {expected}; it was ignored.");
            return null;
        }

        try
        {
            var regex = new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, PatternTimeout);
            if (regex.GroupNumberFromName(group) >= 0)
            {
                return regex;
            }

            Problem(line, $"'{key}' at line {line} has no group (?<{group}>…); it was ignored. Write {expected}.");
        }
        catch (ArgumentException ex)
        {
            Problem(line, $"'{key}' at line {line} is not a valid regular expression ({FirstLine(ex.Message)}); it was ignored. Write {expected}.");
        }

        return null;
    }

    private void ReadStatuses(YamlNode value)
    {
        if (value is not YamlMappingNode words)
        {
            Problem((int)value.Start.Line, $"'statuses' at line {value.Start.Line} must map each status word to a lifecycle state, e.g. 'shipped: accepted'; it was ignored.");
            return;
        }

        foreach (var (wordNode, stateNode) in words.Children)
        {
            var word = string.Join(' ', StatusMapper.WordsOf((wordNode as YamlScalarNode)?.Value ?? ""));
            var state = (stateNode as YamlScalarNode)?.Value?.Trim() ?? "";
            var line = (int)wordNode.Start.Line;
            if (word.Length == 0)
            {
                Problem(line, $"'statuses' at line {line} names no status word; write 'word: state'.");
            }
            else if (!state.All(char.IsAsciiLetter) || !EnumText.TryParseStatus(state, out var status))
            {
                Problem(line, $"'statuses' maps '{word}' at line {line} to '{state}', which is not a lifecycle state; it was ignored. Use proposed, accepted, rejected, deprecated or superseded.");
            }
            else
            {
                _statuses[word] = status;
            }
        }
    }

    /// <summary>
    /// A glob as a regular expression over the path relative to the root: <c>**</c> any folders, <c>*</c> any characters
    /// but '/', <c>?</c> one. A glob without '/' names a file or folder at any depth, as in .gitignore.
    /// </summary>
    private static Regex GlobRegex(string glob)
    {
        var sb = new StringBuilder(glob.Contains('/') ? "^" : "^(?:.*/)?");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                sb.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    private static string FirstLine(string message)
    {
        var i = message.IndexOfAny(['\r', '\n']);
        return (i < 0 ? message : message[..i]).Trim().TrimEnd('.');
    }
}
