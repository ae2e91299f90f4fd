using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ArchMcp.Core.Model;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace ArchMcp.Core.Indexing;

/// <summary>Turns one parsed file into its Lucene entries: the file, each section and each rule.</summary>
public static class DocumentMapper
{
    /// <summary>Headers are (de)serialized with generated code: opening an index reads one per file, often at start-up.</summary>
    private static readonly JsonTypeInfo<KnowledgeDocument> HeaderJson = HeaderJsonContext.Default.KnowledgeDocument;

    /// <summary>
    /// Text scored by term frequency only. Word positions are indexed for section text alone, the one field
    /// searched for words near each other: writing them for every field cost index time and size for nothing.
    /// </summary>
    private static readonly FieldType Words = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS });

    private static readonly FieldType StoredWords = Frozen(new FieldType(TextField.TYPE_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS });

    public static List<Document> Map(KnowledgeDocument doc, FileStamp stamp)
    {
        var key = IndexFields.KeyOf(doc.Root, doc.Path);
        var keyBytes = new BytesRef(key);
        var status = doc.Decision?.Status.ToWire() ?? "";
        var entries = new List<Document>(1 + doc.Sections.Count + doc.Rules.Count);

        var file = new Document
        {
            new KeywordField(IndexFields.Type, IndexFields.TypeDoc, stored: false),
            new KeywordField(IndexFields.Key, key, stored: true),
            new SortedDocValuesField(IndexFields.Key, keyBytes),
            new KeywordField(IndexFields.Root, doc.Root, stored: false),
            new KeywordField(IndexFields.Kind, doc.Kind.ToWire(), stored: false),
        };
        if (status.Length > 0)
        {
            file.Add(new KeywordField(IndexFields.Status, status, stored: false));
        }

        foreach (var tag in doc.Tags)
        {
            file.Add(new KeywordField(IndexFields.Tag, tag.ToLowerInvariant(), stored: false));
        }

        file.Add(new Field(IndexFields.Title, doc.Title, Words));
        file.Add(new Field(IndexFields.Ids, IdText(doc), Words));
        file.Add(new Field(IndexFields.Tags, string.Join(" ", doc.Tags), Words));
        file.Add(new Field(IndexFields.Headings, string.Join("\n", doc.Sections.Select(s => s.Heading)), Words));
        file.Add(new Field(IndexFields.Body, doc.Text, Words));
        file.Add(new StoredField(IndexFields.Header, JsonSerializer.Serialize(Header(doc), HeaderJson)));
        file.Add(new StoredField(IndexFields.Size, stamp.Size));
        file.Add(new StoredField(IndexFields.Modified, stamp.ModifiedTicks));
        file.Add(new StoredField(IndexFields.Hash, stamp.Hash));
        entries.Add(file);

        // Sections and rules carry only their file's key: filters by kind, status, root and tag apply to the file
        // entry, and sections and rules are filtered through their file. Their text fields exist on no other entry.
        // A section's key is also a doc value, so the section pass reads the file of each hit.
        foreach (var section in doc.Sections)
        {
            entries.Add(new Document
            {
                new KeywordField(IndexFields.Key, key, stored: false),
                new SortedDocValuesField(IndexFields.Key, keyBytes),
                new Field(IndexFields.SectionHeading, section.Heading, StoredWords),
                new Field(IndexFields.SectionText, section.Text, TextField.TYPE_STORED),
                new StoredField(IndexFields.Line, section.Line),
            });
        }

        foreach (var (rule, i) in doc.Rules.Select((r, i) => (r, i)))
        {
            entries.Add(new Document
            {
                new KeywordField(IndexFields.Key, key, stored: true),
                new Field(IndexFields.RuleStatement, rule.Statement, Words),
                new Field(IndexFields.RuleText, rule.Text, StoredWords),
                new Field(IndexFields.RuleContext, $"{rule.SectionHeading} {doc.Title}", Words),
                new StoredField(IndexFields.Ordinal, i),
            });
        }

        return entries;
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

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
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
