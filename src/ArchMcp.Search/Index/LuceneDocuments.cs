using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace ArchMcp.Search;

/// <summary>Turns one <see cref="IndexEntry"/> into its Lucene entries: the file, each section and each rule.</summary>
internal static class LuceneDocuments
{
    /// <summary>
    /// Text scored by term frequency only. Word positions are indexed for section text alone, the one field
    /// searched for words near each other: writing them for every field cost index time and size for nothing.
    /// </summary>
    private static readonly FieldType Words = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS });

    private static readonly FieldType StoredWords = Frozen(new FieldType(TextField.TYPE_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS });

    public static List<Document> Map(IndexEntry doc)
    {
        var key = doc.Key;
        var keyBytes = new BytesRef(key);
        var status = doc.Status;
        var entries = new List<Document>(1 + doc.Sections.Count + doc.Rules.Count);

        var file = new Document
        {
            new KeywordField(IndexFields.Type, IndexFields.TypeDoc, stored: false),
            new KeywordField(IndexFields.Key, key, stored: true),
            new SortedDocValuesField(IndexFields.Key, keyBytes),
            new KeywordField(IndexFields.Root, doc.Root, stored: false),
            new KeywordField(IndexFields.Kind, doc.Kind, stored: false),
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
        file.Add(new Field(IndexFields.Ids, doc.Ids, Words));
        file.Add(new Field(IndexFields.Tags, string.Join(" ", doc.Tags), Words));
        file.Add(new Field(IndexFields.Headings, string.Join("\n", doc.Sections.Select(s => s.Heading)), Words));
        file.Add(new Field(IndexFields.Body, doc.Body, Words));
        file.Add(new StoredField(IndexFields.Header, doc.HeaderJson));
        file.Add(new StoredField(IndexFields.Size, doc.Size));
        file.Add(new StoredField(IndexFields.Modified, doc.ModifiedTicks));
        file.Add(new StoredField(IndexFields.Hash, doc.Hash));
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
                new SortedDocValuesField(IndexFields.Key, keyBytes),
                new Field(IndexFields.RuleStatement, rule.Statement, Words),
                new Field(IndexFields.RuleText, rule.Text, StoredWords),
                new Field(IndexFields.RuleContext, $"{rule.SectionHeading} {doc.Title}", Words),
                new StoredField(IndexFields.Ordinal, i),
            });
        }

        return entries;
    }

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }
}
