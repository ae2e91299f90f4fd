using System.Globalization;
using System.Text;
using System.Text.Json;
using ArchMcp.Core.Model;
using Lucene.Net.Documents;

namespace ArchMcp.Core.Indexing;

/// <summary>Turns one parsed file into its Lucene entries: the file, each section and each rule.</summary>
public static class DocumentMapper
{
    public static readonly JsonSerializerOptions HeaderJson = new(JsonSerializerDefaults.General) { IncludeFields = true };

    public static List<Document> Map(KnowledgeDocument doc, FileStamp stamp)
    {
        var key = IndexFields.KeyOf(doc.Root, doc.Path);
        var status = doc.Decision?.Status.ToWire() ?? "";
        var entries = new List<Document>(1 + doc.Sections.Count + doc.Rules.Count);

        var file = Common(IndexFields.TypeDoc, key, doc, status, withFilters: true);
        file.Add(new TextField(IndexFields.Title, doc.Title, Field.Store.NO));
        file.Add(new TextField(IndexFields.Ids, IdText(doc), Field.Store.NO));
        file.Add(new TextField(IndexFields.Tags, string.Join(" ", doc.Tags), Field.Store.NO));
        file.Add(new TextField(IndexFields.Headings, string.Join("\n", doc.Sections.Select(s => s.Heading)), Field.Store.NO));
        file.Add(new TextField(IndexFields.Body, doc.Text, Field.Store.NO));
        file.Add(new StoredField(IndexFields.Header, JsonSerializer.Serialize(Header(doc), HeaderJson)));
        file.Add(new StoredField(IndexFields.Size, stamp.Size));
        file.Add(new StoredField(IndexFields.Modified, stamp.ModifiedTicks));
        file.Add(new StoredField(IndexFields.Hash, stamp.Hash));
        entries.Add(file);

        foreach (var section in doc.Sections)
        {
            var s = Common(IndexFields.TypeSection, key, doc, status, withFilters: false);
            s.Add(new TextField(IndexFields.SectionHeading, section.Heading, Field.Store.YES));
            s.Add(new TextField(IndexFields.SectionText, section.Text, Field.Store.YES));
            s.Add(new StoredField(IndexFields.Line, section.Line));
            entries.Add(s);
        }

        for (var i = 0; i < doc.Rules.Count; i++)
        {
            var rule = doc.Rules[i];
            var r = Common(IndexFields.TypeRule, key, doc, status, withFilters: false);
            r.Add(new StringField(IndexFields.RuleId, rule.Id.ToLowerInvariant(), Field.Store.NO));
            r.Add(new TextField(IndexFields.RuleStatement, rule.Statement, Field.Store.NO));
            r.Add(new TextField(IndexFields.RuleText, rule.Text, Field.Store.YES));
            r.Add(new TextField(IndexFields.RuleContext, $"{rule.SectionHeading} {doc.Title}", Field.Store.NO));
            r.Add(new StoredField(IndexFields.Ordinal, i));
            entries.Add(r);
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

    /// <summary>
    /// Fields every entry has. Status and tag filters live on the file entry only (sections and rules are filtered
    /// through their file), which keeps the many small entries cheap to index.
    /// </summary>
    private static Document Common(string type, string key, KnowledgeDocument doc, string status, bool withFilters)
    {
        var d = new Document
        {
            new StringField(IndexFields.Type, type, Field.Store.YES),
            new StringField(IndexFields.Key, key, Field.Store.YES),
            new StringField(IndexFields.Root, doc.Root, Field.Store.NO),
            new StringField(IndexFields.Kind, doc.Kind.ToWire(), Field.Store.NO),
        };
        if (!withFilters)
        {
            return d;
        }

        if (status.Length > 0)
        {
            d.Add(new StringField(IndexFields.Status, status, Field.Store.NO));
        }

        foreach (var tag in doc.Tags)
        {
            d.Add(new StringField(IndexFields.Tag, tag.ToLowerInvariant(), Field.Store.NO));
        }

        return d;
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
