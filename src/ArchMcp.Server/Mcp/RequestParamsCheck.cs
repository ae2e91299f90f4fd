using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// Checks a request's params before the SDK binds them, so that JSON the binder would choke on gets a JSON-RPC
/// invalid-params error (-32602) that says what is wrong and where, instead of a generic internal error (-32603):
/// a string escape that is not valid Unicode (an unpaired UTF-16 surrogate, "\ud800"), a name given twice in one
/// object (which of the two would count is not defined), and a completion reference of an unknown type.
/// </summary>
public static class RequestParamsCheck
{
    /// <summary>The incoming message filter: requests with bad params are answered with -32602 and go no further.</summary>
    public static McpMessageFilter Filter => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest request && Problem(request.Method, request.Params) is { } problem)
        {
            throw new McpProtocolException($"Invalid params for '{request.Method}': {problem}", McpErrorCode.InvalidParams);
        }

        await next(context, cancellationToken).ConfigureAwait(false);
    };

    /// <summary>What is wrong with <paramref name="parameters"/>, or null when nothing is.</summary>
    public static string? Problem(string method, JsonNode? parameters)
    {
        if (parameters is null)
        {
            return null;
        }

        byte[] json;
        try
        {
            json = Encoding.UTF8.GetBytes(parameters.ToJsonString());
        }
        catch (InvalidOperationException)
        {
            // the parsed message keeps escapes as sent; writing it unescapes them and refuses a lone surrogate
            return "a string is not valid Unicode (an escape of an unpaired UTF-16 surrogate, such as \\ud800). Send valid Unicode text.";
        }

        var reader = new Utf8JsonReader(json);
        var names = new Stack<HashSet<string>>();
        var path = new Stack<string>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    names.Push(new HashSet<string>(StringComparer.Ordinal));
                    path.Push(property ?? "");
                    property = null;
                    break;
                case JsonTokenType.EndObject:
                    names.Pop();
                    path.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    if (Text(ref reader) is not { } name)
                    {
                        return $"a property name in {Where(path, null)} is not valid Unicode (an unpaired UTF-16 surrogate). Send valid Unicode text.";
                    }

                    if (!names.Peek().Add(name))
                    {
                        return $"'{Where(path, name)}' is given twice. Send each argument once.";
                    }

                    property = name;
                    break;
                case JsonTokenType.String:
                    if (Text(ref reader) is null)
                    {
                        return $"'{Where(path, property)}' is not valid Unicode (an unpaired UTF-16 surrogate). Send valid Unicode text.";
                    }

                    if (method == RequestMethods.CompletionComplete && property == "type" && path.Peek() == "ref"
                        && reader.GetString() is not ("ref/prompt" or "ref/resource"))
                    {
                        return $"'ref.type' must be ref/prompt or ref/resource (got '{reader.GetString()}').";
                    }

                    break;
            }
        }

        return null;
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Where(Stack<string> path, string? name) =>
        string.Join('.', path.Reverse().Where(p => p.Length > 0).Append(name ?? "").Where(p => p.Length > 0));
}
