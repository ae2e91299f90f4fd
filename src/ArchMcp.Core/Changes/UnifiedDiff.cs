using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Changes;

/// <summary>A line of the new file that a hunk shows (added or context), with its 1-based line number.</summary>
internal sealed record DiffLine(int Line, string Text);

/// <summary>
/// One file of a unified diff: its path after the change (before it, for a deleted file), its path before a rename,
/// how it changed (added, modified, deleted, renamed), whether git saw it as binary, the lines the change adds, the
/// unchanged lines its hunks show around them (<see cref="Context"/>: where in a structured file the added lines sit)
/// and the text of the lines it removes (<see cref="Removed"/>: what the change touches as much as what it adds).
/// </summary>
internal sealed record ChangedFile(string Path, string? OldPath, string Change, bool Binary, IReadOnlyList<DiffLine> Added)
{
    /// <summary>The context lines of the hunks, with their line numbers in the new file.</summary>
    public IReadOnlyList<DiffLine> Context { get; init; } = [];

    /// <summary>The text of the lines the change removes, in diff order.</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];
}

/// <summary>
/// Reads a unified diff as <c>git diff</c> prints it: <c>diff --git</c> headers with their extended lines (new/deleted
/// file mode, rename from/to, index, <c>Binary files … differ</c>), <c>---</c>/<c>+++</c> file lines (<c>/dev/null</c>
/// for a file that did not or no longer exists, <c>a/</c> and <c>b/</c> prefixes dropped) and <c>@@ -a,b +c,d @@</c>
/// hunks whose context, removed and added lines are counted against the header; <c>\ No newline at end of file</c> is
/// a marker, not a line. A plain <c>diff -u</c> (no <c>diff --git</c>) reads the same. Text that is not a diff, or a
/// hunk whose lines do not add up to its header, is an <see cref="InvalidQueryException"/> naming the line.
/// </summary>
internal static partial class UnifiedDiff
{
    private const string NotADiff = "The text is not a unified diff: no 'diff --git' or '--- '/'+++ ' file header was found. Pass the output of git diff (e.g. git diff origin/main...HEAD).";

    public static IReadOnlyList<ChangedFile> Parse(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = diff.ReplaceLineEndings("\n");
        var lines = (text.EndsWith('\n') ? text[..^1] : text).Split('\n');
        var files = new List<ChangedFile>();
        FileBuilder? current = null;
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                Add(files, current);
                current = new FileBuilder { HeaderPath = HeaderPath(line["diff --git ".Length..]) };
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal) && i + 1 < lines.Length && lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal))
            {
                if (current is null || current.SawFileLines || current.Added.Count > 0)
                {
                    Add(files, current);
                    current = new FileBuilder();
                }

                current.OldPath = FilePath(line[4..], "a/");
                current.NewPath = FilePath(lines[i + 1][4..], "b/");
                current.SawFileLines = true;
                i++;
            }
            else if (current is not null && line.StartsWith("@@", StringComparison.Ordinal))
            {
                i = ReadHunk(lines, i, current);
                continue;
            }
            else if (current is not null)
            {
                ReadExtendedHeader(line, current);
            }

            i++;
        }

        Add(files, current);
        return files.Count > 0 ? files : throw new InvalidQueryException(NotADiff);
    }

    /// <summary>Reads the hunk starting at <paramref name="start"/>; returns the index of the first line after it.</summary>
    private static int ReadHunk(string[] lines, int start, FileBuilder file)
    {
        var header = HunkHeader().Match(lines[start]);
        if (!header.Success)
        {
            throw new InvalidQueryException($"Diff line {start + 1}: '{Cut(lines[start])}' is not a hunk header (expected @@ -a,b +c,d @@).");
        }

        var oldLeft = Count(header.Groups["oldCount"]);
        var newLeft = Count(header.Groups["newCount"]);
        var newLine = int.Parse(header.Groups["newStart"].Value, CultureInfo.InvariantCulture);
        var i = start + 1;
        while (oldLeft > 0 || newLeft > 0)
        {
            if (i >= lines.Length)
            {
                throw new InvalidQueryException($"Diff line {start + 1}: the hunk ends early ({oldLeft} old and {newLeft} new lines missing). Pass the whole diff.");
            }

            var line = lines[i];
            switch (line.Length == 0 ? ' ' : line[0])
            {
                case '+' when newLeft > 0:
                    file.Added.Add(new DiffLine(newLine++, line[1..]));
                    newLeft--;
                    break;
                case '-' when oldLeft > 0:
                    file.Removed.Add(line[1..]);
                    oldLeft--;
                    break;
                case ' ' when oldLeft > 0 && newLeft > 0:
                    file.Context.Add(new DiffLine(newLine++, line.Length == 0 ? "" : line[1..]));
                    oldLeft--;
                    newLeft--;
                    break;
                case '\\':
                    break;
                default:
                    throw new InvalidQueryException($"Diff line {i + 1}: '{Cut(line)}' does not fit the hunk at line {start + 1} ({oldLeft} old and {newLeft} new lines expected).");
            }

            i++;
        }

        // the no-newline marker follows the last line of a hunk
        return i < lines.Length && lines[i].StartsWith('\\') ? i + 1 : i;
    }

    private static void ReadExtendedHeader(string line, FileBuilder file)
    {
        if (line.StartsWith("new file mode", StringComparison.Ordinal))
        {
            file.Change = "added";
        }
        else if (line.StartsWith("deleted file mode", StringComparison.Ordinal))
        {
            file.Change = "deleted";
        }
        else if (line.StartsWith("rename from ", StringComparison.Ordinal) || line.StartsWith("copy from ", StringComparison.Ordinal))
        {
            file.OldPath = Unquote(line[(line.IndexOf(" from ", StringComparison.Ordinal) + 6)..]);
        }
        else if (line.StartsWith("rename to ", StringComparison.Ordinal) || line.StartsWith("copy to ", StringComparison.Ordinal))
        {
            file.NewPath = Unquote(line[(line.IndexOf(" to ", StringComparison.Ordinal) + 4)..]);
            file.Change ??= "renamed";
        }
        else if (line.StartsWith("Binary files ", StringComparison.Ordinal) || line == "GIT binary patch")
        {
            file.Binary = true;
        }
    }

    private static void Add(List<ChangedFile> files, FileBuilder? file)
    {
        if (file is null)
        {
            return;
        }

        var oldPath = file.OldPath ?? file.HeaderPath;
        var newPath = file.NewPath ?? file.HeaderPath;
        var change = file.Change ?? (oldPath is null ? "added" : newPath is null ? "deleted" : oldPath != newPath ? "renamed" : "modified");
        var path = newPath ?? oldPath;
        if (path is not null)
        {
            files.Add(new ChangedFile(path, change == "renamed" ? oldPath : null, change, file.Binary, file.Added) { Context = file.Context, Removed = file.Removed });
        }
    }

    /// <summary>The path of a <c>---</c>/<c>+++</c> line (null for <c>/dev/null</c>), without its prefix and any tab-separated time stamp.</summary>
    private static string? FilePath(string text, string prefix)
    {
        var tab = text.IndexOf('\t', StringComparison.Ordinal);
        var path = Unquote((tab < 0 ? text : text[..tab]).TrimEnd());
        return path == "/dev/null" ? null : path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;
    }

    /// <summary>The new path of a <c>diff --git a/x b/x</c> header (the only name a binary or mode-only change has).</summary>
    private static string? HeaderPath(string text)
    {
        var split = text.LastIndexOf(" b/", StringComparison.Ordinal);
        if (split >= 0)
        {
            return Unquote(text[(split + 3)..]);
        }

        var half = text.Length / 2; // --no-prefix: "x x"
        return text.Length % 2 == 1 && text[half] == ' ' ? text[(half + 1)..] : null;
    }

    /// <summary>A path as git quotes one with unusual characters (<c>"a/caf\303\251.md"</c>), unquoted; octal escapes are UTF-8 bytes.</summary>
    private static string Unquote(string path)
    {
        if (path.Length < 2 || path[0] != '"' || path[^1] != '"')
        {
            return path;
        }

        var bytes = new List<byte>();
        var inner = path[1..^1];
        for (var k = 0; k < inner.Length; k++)
        {
            if (inner[k] == '\\' && k + 1 < inner.Length)
            {
                var next = inner[k + 1];
                if (k + 3 < inner.Length && char.IsAsciiDigit(next))
                {
                    bytes.Add(Convert.ToByte(inner.Substring(k + 1, 3), 8));
                    k += 3;
                    continue;
                }

                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(next switch { 't' => "\t", 'n' => "\n", _ => next.ToString() }));
                k++;
                continue;
            }

            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(inner[k].ToString()));
        }

        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }

    private static int Count(Group group) => group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : 1;

    private static string Cut(string line) => line.Length <= 60 ? line : line[..57] + "...";

    private sealed class FileBuilder
    {
        public string? HeaderPath { get; init; }
        public string? OldPath { get; set; }
        public string? NewPath { get; set; }
        public string? Change { get; set; }
        public bool Binary { get; set; }
        public bool SawFileLines { get; set; }
        public List<DiffLine> Added { get; } = [];
        public List<DiffLine> Context { get; } = [];
        public List<string> Removed { get; } = [];
    }

    [GeneratedRegex(@"^@@ -(?<oldStart>\d+)(?:,(?<oldCount>\d+))? \+(?<newStart>\d+)(?:,(?<newCount>\d+))? @@")]
    private static partial Regex HunkHeader();
}
