using System.Globalization;
using ArchMcp.Core;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Mcp;

/// <summary>resources/list over every indexed document, in pages addressed by an opaque cursor.</summary>
public sealed class ResourceListing(IKnowledgeService knowledge)
{
    public const int PageSize = 100;

    public async Task<ListResourcesResult> ListAsync(string? cursor, CancellationToken cancellationToken)
    {
        var offset = ParseCursor(cursor);
        var documents = await knowledge.ListDocumentsAsync(cancellationToken).ConfigureAwait(false);
        var page = documents.Skip(offset).Take(PageSize).Select(d => new Resource
        {
            Uri = d.Uri,
            Name = d.Id,
            Title = d.Title,
            Description = $"{d.Kind}: {d.Title} ({d.Root}/{d.Path})",
            MimeType = KnowledgeResources.Markdown,
        });
        var next = offset + PageSize;
        return new ListResourcesResult
        {
            Resources = [.. page],
            NextCursor = next < documents.Count ? next.ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    private static int ParseCursor(string? cursor) =>
        cursor is null ? 0
        : int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset
        : throw new McpProtocolException($"Invalid cursor '{cursor}'. Pass the nextCursor of the previous page.", McpErrorCode.InvalidParams);
}
