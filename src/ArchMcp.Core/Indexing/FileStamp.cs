using ArchMcp.Core.Model;

namespace ArchMcp.Core.Indexing;

/// <summary>What tells whether a file changed: size and modification time first, the content hash to be sure.</summary>
internal readonly record struct FileStamp(long Size, long ModifiedTicks, string Hash);

/// <summary>A file as the index knows it: its stamp and its parsed header (no bulky text).</summary>
internal sealed record IndexedFile(string Key, FileStamp Stamp, KnowledgeDocument Header);
