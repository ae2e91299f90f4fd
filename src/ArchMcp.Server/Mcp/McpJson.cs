using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// Token-lean JSON for tool results and schemas: camelCase, a null left out, and optional properties left out when
/// they are empty. Non-nullable properties bound to a record's constructor or marked <c>required</c> are always
/// written; <see cref="ToolSchemas"/> makes every nullable property optional in the advertised output schema, so the
/// structured content always satisfies it.
/// </summary>
public static class McpJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The generated serialization code for <typeparamref name="T"/> under these options.</summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(ArchJsonContext.Default, McpJsonUtilities.DefaultOptions.TypeInfoResolver)
            .WithAddedModifier(OmitEmptyOptionals);
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyOptionals(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || !type.Type.Namespace!.StartsWith("ArchMcp", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.IsRequired || property.AssociatedParameter is not null)
            {
                continue;
            }

            property.ShouldSerialize = static (_, value) => value switch
            {
                null => false,
                string => true,
                ICollection { Count: 0 } => false,
                _ => true,
            };
        }
    }
}
