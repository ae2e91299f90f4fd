using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>
/// Format: a versioned standard kept as one file per version, named by its date (<c>versions/2025-02-25.md</c>,
/// <c>2026-02-19.md</c>, optionally one suffix word: <c>2026-02-19-checklist.md</c>, <c>2025-02-25-rc.md</c>). Files of a
/// folder with the same suffix are versions of one document: the newest date is current, older ones (and a release
/// candidate of a date that also has a release) are history — searchable, but their rules are not in force.
/// </summary>
internal static partial class VersionedFiles
{
    /// <summary>The tag an older version carries.</summary>
    public const string OlderVersionTag = "older-version";

    [GeneratedRegex(@"^(?<date>(?:19|20)\d{2}-\d{2}-\d{2})(?:[-_](?<suffix>[A-Za-z]+))?$")]
    private static partial Regex VersionName();

    private static readonly HashSet<string> PreRelease = new(StringComparer.OrdinalIgnoreCase) { "rc", "draft", "beta", "alpha", "preview" };

    /// <summary>True when <paramref name="fullPath"/> is an older version among the files beside it.</summary>
    public static bool IsOlderVersion(string fullPath)
    {
        if (Parse(FileNames.Stem(fullPath)) is not { } self || Path.GetDirectoryName(fullPath) is not { } folder)
        {
            return false;
        }

        try
        {
            foreach (var sibling in Directory.EnumerateFiles(folder))
            {
                if (Parse(FileNames.Stem(sibling)) is { } other && other.Series == self.Series
                    && (other.Date > self.Date || (other.Date == self.Date && self.PreRelease && !other.PreRelease)))
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // unlistable folder: nothing is known about other versions
        }

        return false;
    }

    private static (DateOnly Date, string Series, bool PreRelease)? Parse(string stem)
    {
        var m = VersionName().Match(stem);
        if (!m.Success || !DateOnly.TryParseExact(m.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        var suffix = m.Groups["suffix"].Value;
        var pre = PreRelease.Contains(suffix);
        return (date, pre ? "" : suffix.ToLowerInvariant(), pre);
    }
}
