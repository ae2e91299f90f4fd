namespace ArchMcp.Search;

/// <summary>
/// Lucene field names. One entry per file (the only one with <see cref="Type"/>, filters and file-level text), one
/// per section and one per rule; each kind of entry has text fields of its own, so a text query needs no type clause.
/// </summary>
internal static class IndexFields
{
    public const string Type = "type";
    public const string Key = "key";
    public const string Root = "root";
    public const string Path = "path";
    public const string Kind = "kind";
    public const string Status = "status";
    public const string Tag = "tag";

    // file level
    public const string Title = "title";
    public const string Ids = "ids";
    public const string Tags = "tags";
    public const string Headings = "headings";
    public const string Body = "body";

    // section level
    public const string SectionHeading = "sheading";
    public const string SectionText = "stext";
    public const string Line = "line";

    // rule level
    public const string RuleStatement = "rstatement";
    public const string RuleText = "rtext";
    public const string RuleContext = "rcontext";
    public const string Ordinal = "ordinal";

    // stored file state for incremental indexing
    public const string Header = "header";
    public const string Size = "size";
    public const string Modified = "mtime";
    public const string Hash = "hash";

    public const string TypeDoc = "doc";
}
