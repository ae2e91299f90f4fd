using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// A resource template matched without a regular expression. The SDK's attribute-based templates each compile one when
/// the server is built, a noticeable part of the start-up (see docs/performance.md). ArchMcp's templates
/// only hold literal text and <c>{name}</c> variables that each stand for one path segment; they match as the SDK's do:
/// ignoring case, a variable up to the next '/', '?', '&amp;' or '#', its value percent-decoded. A template may end in
/// one optional query variable (<c>{?root}</c>: the catalog adds <c>?root=team-b</c> when two roots share an id).
/// </summary>
public sealed class UriTemplateResource : McpServerResource
{
    private static readonly char[] VariableEnd = ['/', '?', '&', '#'];

    // Literal text and variable names alternate: "arch://standards/{id}/rules/{ruleId}" → ["arch://standards/", "id", "/rules/", "ruleId", ""].
    private readonly string[] _parts;
    private readonly Func<RequestContext<ReadResourceRequestParams>, string[], CancellationToken, Task<ResourceContents>> _read;

    /// <param name="template">The template as listed; its <see cref="ResourceTemplate.UriTemplate"/> is what is matched.</param>
    /// <param name="read">Reads the resource, given the request and the values of the variables in template order.</param>
    public UriTemplateResource(ResourceTemplate template, Func<RequestContext<ReadResourceRequestParams>, string[], CancellationToken, Task<ResourceContents>> read)
    {
        ArgumentNullException.ThrowIfNull(template);
        ProtocolResourceTemplate = template;
        _parts = template.UriTemplate.Split('{', '}');
        _read = read;
    }

    public override ResourceTemplate ProtocolResourceTemplate { get; }

    public override IReadOnlyList<object> Metadata => [];

    public override bool IsMatch(string uri) => Match(uri) is not null;

    public override async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.Params?.Uri ?? "";
        // The SDK only routes here a URI that IsMatch accepted.
        var values = Match(uri) ?? throw new InvalidOperationException($"'{uri}' does not match {ProtocolResourceTemplate.UriTemplate}.");
        return new ReadResourceResult { Contents = [await _read(request, values, cancellationToken).ConfigureAwait(false)] };
    }

    /// <summary>The decoded variable values when <paramref name="uri"/> matches the template, else null.</summary>
    private string[]? Match(string uri)
    {
        var values = new string[_parts.Length / 2];
        var position = 0;
        for (var i = 0; ; i++)
        {
            var literal = _parts[2 * i];
            if (!uri.AsSpan(position).StartsWith(literal, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            position += literal.Length;
            if (i == values.Length)
            {
                return position == uri.Length ? values : null;
            }

            if (_parts[(2 * i) + 1].StartsWith('?'))
            {
                // "{?root}": nothing, or "?root=value" up to the end
                var prefix = _parts[(2 * i) + 1] + "=";
                if (position < uri.Length)
                {
                    if (!uri.AsSpan(position).StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || uri.IndexOfAny(['&', '#'], position) >= 0)
                    {
                        return null;
                    }

                    values[i] = Uri.UnescapeDataString(uri[(position + prefix.Length)..]);
                    position = uri.Length;
                }

                continue;
            }

            var end = uri.IndexOfAny(VariableEnd, position);
            end = end < 0 ? uri.Length : end;
            values[i] = Uri.UnescapeDataString(uri[position..end]);
            position = end;
        }
    }
}
