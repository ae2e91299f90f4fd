using System.Globalization;
using System.Text;

namespace ArchMcp.Core.Changes;

/// <summary>Reading git's history output: <c>git log --raw -z</c> commits and <c>git cat-file --batch</c> blobs.</summary>
internal static class GitLog
{
    /// <summary>A commit of <c>git log --raw -z</c>: its id, author date and the files it changed.</summary>
    public sealed record LoggedCommit(string Id, DateTimeOffset Date, List<LoggedFile> Files);

    /// <summary>One changed file: the blob and path before (null when added) and after (null when deleted).</summary>
    public sealed record LoggedFile(string? OldBlob, string? OldPath, string? NewBlob, string? NewPath);

    /// <summary>The all-zero id git gives the missing side of an added or deleted file.</summary>
    private static bool IsNone(string blob) => blob.All(c => c == '0');

    /// <summary>
    /// Parses <c>git log --raw -z --format=%x01%H%x09%aI</c>: a header per commit (after a \x01), then per file
    /// <c>:mode mode old new STATUS</c>, its path, and a second path for a rename or copy, all NUL-separated.
    /// </summary>
    public static List<LoggedCommit> Parse(string text)
    {
        var commits = new List<LoggedCommit>();
        var tokens = text.Split('\0');
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].TrimStart('\n');
            if (token.StartsWith('\u0001'))
            {
                var header = token[1..].Split('\t');
                commits.Add(new LoggedCommit(header[0], DateTimeOffset.Parse(header[1], CultureInfo.InvariantCulture), []));
            }
            else if (token.StartsWith(':') && commits.Count > 0)
            {
                var fields = token.Split(' ');
                var (oldBlob, newBlob, status) = (fields[2], fields[3], fields[4]);
                var first = tokens[++i];
                var second = status[0] is 'R' or 'C' ? tokens[++i] : first;
                commits[^1].Files.Add(new LoggedFile(
                    IsNone(oldBlob) ? null : oldBlob,
                    status[0] is 'A' or 'C' ? null : first,
                    IsNone(newBlob) ? null : newBlob,
                    status[0] == 'D' ? null : second));
            }
        }

        return commits;
    }

    /// <summary>The text of each blob within the file size limit, read in one <c>git cat-file --batch</c> run.</summary>
    public static async Task<Dictionary<string, string>> ReadBlobsAsync(KnowledgeRoot root, long maxFileBytes, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return texts;
        }

        var batch = await Git.RunAsync(root.Path, ["cat-file", "--batch"], string.Join('\n', ids) + "\n", cancellationToken).ConfigureAwait(false);
        if (batch is not { Succeeded: true })
        {
            throw new KnowledgeException($"git cat-file failed in root '{root.Name}' ({root.Path}): {batch?.Error}.");
        }

        // "<id> blob <size>\n<bytes>\n" per object, in the order asked
        var output = batch.Stdout;
        var at = 0;
        foreach (var id in ids)
        {
            var eol = Array.IndexOf(output, (byte)'\n', at);
            var header = Encoding.UTF8.GetString(output, at, eol - at).Split(' ');
            at = eol + 1;
            if (header.Length < 3 || header[1] != "blob")
            {
                continue; // "<id> missing"
            }

            var size = int.Parse(header[2], CultureInfo.InvariantCulture);
            if (size <= maxFileBytes)
            {
                texts[id] = Encoding.UTF8.GetString(output, at, size).TrimStart('\uFEFF');
            }

            at += size + 1;
        }

        return texts;
    }

    /// <summary>A commit or file time as UTC ISO 8601 (sorts as text).</summary>
    public static string Utc(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
