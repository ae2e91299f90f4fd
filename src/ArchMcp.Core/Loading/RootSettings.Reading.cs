using System.Text;
using System.Text.RegularExpressions;
using ArchMcp.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArchMcp.Core.Loading;

/// <summary>Reading a settings file: each key checked, a setting that cannot be used reported with its line and left out.</summary>
internal sealed partial class RootSettings
{
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
