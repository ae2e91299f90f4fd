using System.Text.Json;
using ArchMcp.Server.Mcp;

namespace ArchMcp.Server.Tests;

/// <summary>The schema rewrite that keeps the tool list small without changing what a schema accepts for our answers.</summary>
public sealed class ToolSchemaTests
{
    private const string Output = """
        {"type":"object","properties":{
          "required":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},
          "hits":{"type":"array","items":{"type":"object","properties":{"x":{"type":"integer"}},"required":["x"]}}},
         "required":["required","hits"]}
        """;

    [Fact]
    public void Rewrite_WithoutNestedRequired_KeepsTheTopLevelListAndAPropertyNamedRequired()
    {
        var schema = ToolSchemas.Rewrite(JsonDocument.Parse(Output).RootElement, nestedRequired: false);

        Assert.Equal(["required", "hits"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var properties = schema.GetProperty("properties");
        Assert.Equal("object", properties.GetProperty("required").GetProperty("type").GetString());
        Assert.False(properties.GetProperty("required").TryGetProperty("required", out _));
        Assert.False(properties.GetProperty("hits").GetProperty("items").TryGetProperty("required", out _));
        Assert.Equal("integer", properties.GetProperty("hits").GetProperty("items").GetProperty("properties").GetProperty("x").GetProperty("type").GetString());
    }

    [Fact]
    public void Rewrite_InputSchema_KeepsEveryRequiredList()
    {
        var schema = ToolSchemas.Rewrite(JsonDocument.Parse(Output).RootElement);

        Assert.Equal(["a"], schema.GetProperty("properties").GetProperty("required").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }
}
