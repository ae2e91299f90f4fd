using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ArchMcp.Core.Model;
using ArchMcp.Search;

namespace ArchMcp.Core.Indexing;

/// <summary>Turns one parsed file into the search index's entry, and its header into the JSON stored with it.</summary>
internal static class DocumentMapper
{
    /// <summary>Headers are (de)serialized with generated code: opening an index reads one per file, often at start-up.</summary>
    private static readonly JsonTypeInfo<KnowledgeDocument> HeaderJson = HeaderJsonContext.Default.KnowledgeDocument;

    /// <summary>The index's view of a parsed file: filter values, text fields, stored header and stamp.</summary>
    /// <param name="header">The file's <see cref="Header"/>, made once by the caller, which keeps it.</param>
    public static IndexEntry Map(KnowledgeDocument doc, KnowledgeDocument header, FileStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return new IndexEntry(
            Key: IndexKey.Of(doc.Root, doc.Path),
            Root: doc.Root,
            Kind: doc.Kind.ToWire(),
            Status: doc.Decision?.Status.ToWire() ?? "",
            Tags: doc.Tags,
            Title: doc.Title,
            Ids: IdText(doc),
            Body: doc.Text,
            HeaderJson: JsonSerializer.Serialize(header, HeaderJson),
            Size: stamp.Size,
            ModifiedTicks: stamp.ModifiedTicks,
            Hash: stamp.Hash,
            Sections: [.. doc.Sections.Select(s => new IndexSection(s.Heading, s.Line, s.Text))],
            Rules: [.. doc.Rules.Select(r => new IndexRule(r.Statement, r.Text, r.SectionHeading))]);
    }

    /// <summary>
    /// The document without its bulky parts — text, sections, links, front matter, rule bodies: what the catalog
    /// needs, persisted with the index and kept in memory. Sections are read from the file when asked for.
    /// </summary>
    public static KnowledgeDocument Header(KnowledgeDocument doc) => doc with
    {
        Text = "",
        Sections = [],
        Links = [],
        FrontMatter = new Dictionary<string, string>(),
        Rules = [.. doc.Rules.Select(r => r with { Text = "" })],
    };

    /// <summary>Whether two headers say the same (compared as persisted).</summary>
    public static bool SameHeader(KnowledgeDocument a, KnowledgeDocument b) =>
        ReferenceEquals(a, b) || JsonSerializer.Serialize(a, HeaderJson) == JsonSerializer.Serialize(b, HeaderJson);

    public static KnowledgeDocument? ReadHeader(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<KnowledgeDocument>(json, HeaderJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Words that name the document: its id, number in common spellings, and its file-name slug.</summary>
    private static string IdText(KnowledgeDocument doc)
    {
        var sb = new StringBuilder(doc.Id).Append(' ');
        if (doc.Decision?.Number is { } n)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{n} {n:0000} ");
        }

        var name = System.IO.Path.GetFileNameWithoutExtension(doc.Path);
        if (name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^5];
        }

        return sb.Append(name.Replace('-', ' ').Replace('_', ' ')).ToString();
    }
}

/// <summary>The persisted shape of a header (the general defaults, fields included).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General, IncludeFields = true)]
[JsonSerializable(typeof(KnowledgeDocument))]
internal sealed partial class HeaderJsonContext : JsonSerializerContext;
