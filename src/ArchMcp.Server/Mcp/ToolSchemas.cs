using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// Makes the generated tool schemas say exactly what the server sends and accepts, in the fewest bytes.
/// <list type="bullet">
/// <item>A nullable property is written only when it has a value (<see cref="McpJson"/> omits nulls), so in an
/// output schema it is optional and typed without <c>"null"</c>; a strict client that validates structured
/// content (the TypeScript SDK, the MCP Inspector) then accepts every branch — last page, rule or standard.</item>
/// <item>An optional argument is typed plainly (<c>"array"</c>, not <c>["array","null"]</c>): clients that build
/// arguments from the schema send an array, not a string; leaving it out means "no filter".</item>
/// <item>An object schema repeated within one schema (a rule inside a standard, a decision reference in several
/// lists) is written once and referred to by a JSON pointer, as the schema generator already does for repeats of
/// one type: the tool list stays small enough not to crowd the caller's context.</item>
/// <item>An output schema lists what is always present (<c>required</c>) at its top level only; inside it, the
/// objects give their properties and types. The lists inside cost a twelfth of the whole tool list and a client
/// validating structured content needs none of them.</item>
/// <item>The annotations repeat no title the tool states itself (clients show <c>title</c> before
/// <c>annotations.title</c>).</item>
/// </list>
/// </summary>
public static class ToolSchemas
{
    /// <summary>Rewrites the input and output schema (and the annotations) of every tool in place.</summary>
    public static void Apply(IEnumerable<McpServerTool> tools)
    {
        foreach (var tool in tools)
        {
            var protocol = tool.ProtocolTool;
            if (protocol.Annotations is { } annotations && annotations.Title == protocol.Title)
            {
                annotations.Title = null;
            }

            protocol.InputSchema = Rewrite(protocol.InputSchema);
            if (protocol.OutputSchema is { } output)
            {
                protocol.OutputSchema = Rewrite(output, nestedRequired: false);
            }
        }
    }

    /// <summary>
    /// The schema with nullable types made plain, nullable properties optional and null defaults dropped; without
    /// <paramref name="nestedRequired"/>, only the top level keeps its <c>required</c> list.
    /// </summary>
    public static JsonElement Rewrite(JsonElement schema, bool nestedRequired = true)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        InlineFlatRefs(node, node);
        Visit(node);
        if (!nestedRequired && node["properties"] is JsonObject properties)
        {
            DropRequired(properties);
        }

        ShareRepeats(node, "#", new Dictionary<string, string>(StringComparer.Ordinal));
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static void Visit(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var nullable = new HashSet<string>(StringComparer.Ordinal);
                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var (name, property) in properties)
                    {
                        if (property is JsonObject p && DropNull(p))
                        {
                            nullable.Add(name);
                        }
                    }
                }

                DropNull(obj);
                if (obj["required"] is JsonArray required && nullable.Count > 0)
                {
                    foreach (var item in required.Where(r => nullable.Contains(r!.GetValue<string>())).ToList())
                    {
                        required.Remove(item);
                    }

                    if (required.Count == 0)
                    {
                        obj.Remove("required");
                    }
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Visit(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Visit(child);
                }

                break;
        }
    }

    /// <summary>
    /// Replaces each <c>$ref</c> the generator wrote for a repeated schema without object properties of its own (a list
    /// of strings) by a copy of it: the copy is no longer than the pointer, and an object holding it then reads like its
    /// earlier twin, so <see cref="ShareRepeats"/> shares the whole object (a rule in a standard's list).
    /// </summary>
    private static void InlineFlatRefs(JsonNode root, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonObject reference && reference["$ref"] is JsonValue pointer && Target(root, pointer.GetValue<string>()) is JsonObject target
                        && !target.ToJsonString().Contains("\"properties\"", StringComparison.Ordinal) && !target.ContainsKey("$ref"))
                    {
                        obj[name] = target.DeepClone();
                        continue;
                    }

                    InlineFlatRefs(root, child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    InlineFlatRefs(root, child);
                }

                break;
        }
    }

    /// <summary>The node a local JSON pointer (<c>#/properties/rule</c>) names, or null.</summary>
    private static JsonNode? Target(JsonNode root, string pointer)
    {
        if (!pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var node = root;
        foreach (var part in pointer[2..].Split('/'))
        {
            var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = (node as JsonObject)?[name];
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>
    /// Replaces each object schema that repeats an earlier one (same text, with properties of its own) by a
    /// <c>$ref</c> to the earlier one's place. Walked in document order, so the first occurrence is never replaced.
    /// </summary>
    private static void ShareRepeats(JsonNode? node, string pointer, Dictionary<string, string> seen)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    var path = pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    if (child is JsonObject { } schema && schema.ContainsKey("properties") && name != "properties")
                    {
                        var text = schema.ToJsonString();
                        if (seen.TryGetValue(text, out var first))
                        {
                            obj[name] = new JsonObject { ["$ref"] = first };
                            continue;
                        }

                        seen[text] = path;
                    }

                    ShareRepeats(child, path, seen);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    ShareRepeats(array[i], pointer + "/" + i, seen);
                }

                break;
        }
    }

    /// <summary>Removes the <c>required</c> list of every schema below a <c>properties</c> map (never a property so named).</summary>
    private static void DropRequired(JsonObject properties)
    {
        foreach (var (_, property) in properties)
        {
            DropRequiredBelow(property);
        }
    }

    private static void DropRequiredBelow(JsonNode? schema)
    {
        if (schema is not JsonObject obj)
        {
            return;
        }

        obj.Remove("required");
        foreach (var (name, child) in obj)
        {
            if (name == "properties" && child is JsonObject map)
            {
                DropRequired(map);
            }
            else if (child is JsonObject)
            {
                DropRequiredBelow(child);
            }
        }
    }

    /// <summary>Removes <c>"null"</c> from a type list and a <c>null</c> default; true when the type allowed null.</summary>
    private static bool DropNull(JsonObject schema)
    {
        if (schema.TryGetPropertyValue("default", out var value) && value is null)
        {
            schema.Remove("default");
        }

        if (schema["type"] is not JsonArray types || !types.Any(t => t?.GetValue<string>() == "null"))
        {
            return false;
        }

        var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
        schema["type"] = rest.Count == 1 ? JsonValue.Create(rest[0]) : new JsonArray([.. rest.Select(t => JsonValue.Create(t))]);
        return true;
    }
}
