namespace ArchMcp.Core.Export;

/// <summary>The assistant whose rule files <c>archmcp export</c> writes.</summary>
public enum AssistantTarget
{
    /// <summary>A marked section of <c>AGENTS.md</c> (read by Codex, Copilot's agent, Cursor, Zed and others).</summary>
    AgentsMd,

    /// <summary><c>.github/instructions/*.instructions.md</c> with <c>applyTo</c> globs (GitHub Copilot).</summary>
    Copilot,

    /// <summary><c>.cursor/rules/*.mdc</c> with <c>globs</c> and <c>alwaysApply</c> (Cursor).</summary>
    Cursor,
}

/// <summary>
/// One generated file, by its path under the output folder (forward slashes). When <see cref="Section"/> is true the
/// content is a marked section (between <see cref="RuleFiles.Begin"/> and <see cref="RuleFiles.End"/>) to put into the
/// file, keeping the user's own text around it; otherwise it is the whole file.
/// </summary>
public sealed record RuleFile(string Path, string Content, bool Section);

/// <summary>What writing or checking one file found: <see cref="UpToDate"/> when the disk already held what was generated.</summary>
public sealed record RuleFileState(string Path, bool UpToDate);

/// <summary>Writes generated rule files into a folder, or checks that the folder holds them (for CI).</summary>
public static class RuleFiles
{
    public const string Begin = "<!-- archmcp:begin -->";
    public const string End = "<!-- archmcp:end -->";

    /// <summary>The wire names of the targets, as <c>--target</c> takes them.</summary>
    public const string TargetValues = "agents-md, copilot, cursor";

    public static bool TryParseTarget(string? text, out AssistantTarget target)
    {
        target = AssistantTarget.AgentsMd;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "agents-md": target = AssistantTarget.AgentsMd; return true;
            case "copilot": target = AssistantTarget.Copilot; return true;
            case "cursor": target = AssistantTarget.Cursor; return true;
            default: return false;
        }
    }

    /// <summary>
    /// <paramref name="existing"/> with its marked section replaced by <paramref name="section"/>; the section appended
    /// after a blank line when the file has none; the section alone when there is no file.
    /// </summary>
    public static string Merge(string? existing, string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (string.IsNullOrEmpty(existing))
        {
            return section;
        }

        var begin = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = begin < 0 ? -1 : existing.IndexOf(End, begin, StringComparison.Ordinal);
        if (end < 0)
        {
            return $"{existing.TrimEnd()}\n\n{section}";
        }

        var after = end + End.Length;
        // the section ends with a newline of its own
        if (after < existing.Length && existing[after] == '\n')
        {
            after++;
        }

        return existing[..begin] + section + existing[after..];
    }

    /// <summary>
    /// Writes each file under <paramref name="folder"/> (creating folders) unless it already holds the generated text;
    /// with <paramref name="check"/> writes nothing. Either way says, per file, whether the disk held it already.
    /// </summary>
    public static IReadOnlyList<RuleFileState> Sync(IReadOnlyList<RuleFile> files, string folder, bool check)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(folder);
        var states = new List<RuleFileState>();
        foreach (var file in files)
        {
            var full = System.IO.Path.Combine(folder, file.Path.Replace('/', System.IO.Path.DirectorySeparatorChar));
            var existing = File.Exists(full) ? File.ReadAllText(full) : null;
            var wanted = file.Section ? Merge(existing, file.Content) : file.Content;
            var upToDate = existing == wanted;
            if (!upToDate && !check)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                File.WriteAllText(full, wanted, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            states.Add(new RuleFileState(file.Path, upToDate));
        }

        return states;
    }
}
