using System.Text;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>
/// A settings file a root may hold (the synonyms list, the ADR template), read with <see cref="SafeFile"/>: a regular
/// file really inside the root, within a size bound. A file that breaks a rule is ignored with a finding, so a link
/// to <c>/dev/zero</c> or to a file outside the root, or a file of many megabytes, costs nothing.
/// </summary>
internal static class RootFile
{
    /// <summary>The file's text, or null when it is absent (no finding) or refused (a finding in <paramref name="findings"/>).</summary>
    /// <param name="relativePath">Path under the root, forward slashes.</param>
    public static string? ReadText(KnowledgeRoot root, string relativePath, long maxBytes, ICollection<Finding>? findings = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var full = Path.Combine(root.Path, relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!Path.Exists(full) && new FileInfo(full).LinkTarget is null)
        {
            return null;
        }

        var read = SafeFile.Read(full, KnowledgeLoader.RootReal(root), maxBytes);
        var why = read.Outcome switch
        {
            SafeReadOutcome.Read => null,
            SafeReadOutcome.NotFound => "", // gone, or a link to nothing: as if absent
            SafeReadOutcome.TooLarge => $"is over the {maxBytes:N0}-byte limit for this file",
            SafeReadOutcome.NotRegular => $"is a {read.Detail ?? "special file"}, not a regular file",
            SafeReadOutcome.Outside => "is a link that leads outside the knowledge root",
            _ => $"could not be read ({read.Detail})",
        };
        if (why is null)
        {
            var bytes = read.Bytes.AsSpan();
            return Encoding.UTF8.GetString(bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes);
        }

        if (why.Length > 0)
        {
            findings?.Add(new Finding(FindingSeverity.Error, LintCodes.SettingsFileRefused, relativePath, 0,
                $"'{relativePath}' {why}, and was ignored. Keep it a plain file inside the root, under {maxBytes:N0} bytes.") { Root = root.Name });
        }

        return null;
    }
}
