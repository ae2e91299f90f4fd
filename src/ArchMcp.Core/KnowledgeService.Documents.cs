using System.Text;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

public sealed partial class KnowledgeService
{
    public async Task<DocumentView> GetDocumentAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default)
    {
        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        var plainId = IdOfUri(id);
        var entry = catalog.Entries.FirstOrDefault(e => SameGroup(e.Kind, kind) && string.Equals(e.Uri, id, StringComparison.OrdinalIgnoreCase))
            ?? catalog.Entries.FirstOrDefault(e => SameGroup(e.Kind, kind) && string.Equals(e.Id, plainId, StringComparison.OrdinalIgnoreCase))
            ?? (kind == DocumentKind.Decision ? catalog.ResolveDecision(id, null) : null)
            ?? throw new DocumentNotFoundException(kind.ToWire(), id);
        return View(entry, ReadMarkdown(entry));
    }

    public async Task<IReadOnlyList<DocumentView>> ListDocumentsAsync(CancellationToken cancellationToken = default)
    {
        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        return [.. catalog.Entries.Select(e => View(e, ""))];
    }

    public async Task<IndexInfo> GetIndexInfoAsync(CancellationToken cancellationToken = default) =>
        BuildInfo(await ReadyAsync(cancellationToken).ConfigureAwait(false));

    public IReadOnlyList<string> CompleteIds(CompletionTarget target, string prefix, int limit = 100)
    {
        var catalog = _state.Catalog;
        IEnumerable<string> ids = target switch
        {
            CompletionTarget.Decision => catalog.Decisions.Select(d => d.Id),
            CompletionTarget.Standard => catalog.Entries.Where(e => e.Kind == DocumentKind.Standard).Select(e => e.Id),
            CompletionTarget.Rule => catalog.Entries.SelectMany(e => e.Rules).Select(r => r.Id),
            _ => catalog.Entries.Where(e => e.Kind is DocumentKind.Reference or DocumentKind.Guide or DocumentKind.Template).Select(e => e.Id),
        };
        var p = prefix?.Trim() ?? "";
        var list = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return [.. list.Where(i => i.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            .Concat(list.Where(i => !i.StartsWith(p, StringComparison.OrdinalIgnoreCase) && i.Contains(p, StringComparison.OrdinalIgnoreCase)))
            .Take(limit)];
    }

    public async Task<LintReport> LintAsync(CancellationToken cancellationToken = default)
    {
        var state = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        return KnowledgeLinter.Lint(state.Catalog, state.LoadFindings);
    }

    private IndexInfo BuildInfo(KnowledgeState state)
    {
        var entries = state.Catalog.Entries;
        return new IndexInfo
        {
            Roots = [.. _roots.Select(r => new KnowledgeRootInfo(r.Name, r.Path, GitCommit(r.Path)))],
            IndexPath = _index.Path,
            IndexedAt = state.IndexedAt,
            Documents = entries.Count,
            Decisions = entries.Count(e => e.Kind == DocumentKind.Decision),
            Standards = entries.Count(e => e.Kind == DocumentKind.Standard),
            Rules = entries.Sum(e => e.Rules.Count),
            References = entries.Count(e => e.Kind == DocumentKind.Reference),
            Errors = state.LoadFindings.Count(f => f.Severity == FindingSeverity.Error),
            Ready = state.Loaded,
            Behind = _behind,
        };
    }

    /// <summary>The commit the root's git checkout is on, read from .git without running git; null when not a checkout.</summary>
    private static string? GitCommit(string path) => GitHead.Commit(path);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static bool SameGroup(DocumentKind a, DocumentKind b) => Group(a) == Group(b);

    /// <summary>The id in <c>arch://{group}/{id}[?…]</c>, percent-decoded; anything else unchanged.</summary>
    private static string IdOfUri(string id)
    {
        if (!id.StartsWith("arch://", StringComparison.OrdinalIgnoreCase))
        {
            return id;
        }

        var path = id["arch://".Length..].Split('?')[0];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? id : Uri.UnescapeDataString(path[(slash + 1)..]);
    }

    private static int Group(DocumentKind kind) => kind switch
    {
        DocumentKind.Decision => 0,
        DocumentKind.Standard => 1,
        _ => 2,
    };

    private string ReadMarkdown(CatalogEntry entry)
    {
        var root = _roots.First(r => r.Name == entry.Root);
        var full = Path.GetFullPath(Path.Combine(root.Path, entry.Path));
        if (!full.StartsWith(root.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new DocumentNotFoundException(entry.Kind.ToWire(), entry.Id);
        }

        // opened first, then checked: a file swapped for a link to somewhere else since it was indexed is not served
        var read = SafeFile.Read(full, KnowledgeLoader.RootReal(root), _options.MaxFileBytes);
        if (!read.Succeeded)
        {
            throw new DocumentNotFoundException(entry.Kind.ToWire(), entry.Id);
        }

        var bytes = read.Bytes.AsSpan();
        return Encoding.UTF8.GetString(bytes.StartsWith(Utf8Bom) ? bytes[3..] : bytes);
    }

    private static DocumentView View(CatalogEntry e, string markdown) => new()
    {
        Id = e.Id,
        Kind = e.Kind.ToWire(),
        Title = e.Title,
        Uri = e.Uri,
        Path = e.Path,
        Root = e.Root,
        Markdown = markdown,
    };
}
