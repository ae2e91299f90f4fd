using System.Text.Json;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Loading;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Indexing;

/// <summary>
/// The header of every file is persisted in the index as JSON and read back when the index is opened: it must come
/// back whole, and keep the shape earlier builds wrote (the general JSON defaults with fields), or an existing index
/// would lose files from its catalog until they are re-indexed.
/// </summary>
public sealed class HeaderPersistenceTests
{
    private static readonly JsonSerializerOptions EarlierShape = new(JsonSerializerDefaults.General) { IncludeFields = true };

    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TempKnowledgeFolder.FixturesPath, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TempKnowledgeFolder.FixturesPath, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Header_WhenWrittenAndReadBack_IsWholeAndKeepsItsShape(string path)
    {
        var doc = MarkdownKnowledgeParser.Parse("k", path, File.ReadAllText(Path.Combine(TempKnowledgeFolder.FixturesPath, path)));
        var header = DocumentMapper.Header(doc);
        var earlier = JsonSerializer.Serialize(header, EarlierShape);

        var read = DocumentMapper.ReadHeader(earlier);

        Assert.NotNull(read);
        Assert.True(DocumentMapper.SameHeader(header, read));
        Assert.Equal(earlier, JsonSerializer.Serialize(read, EarlierShape));
    }
}
