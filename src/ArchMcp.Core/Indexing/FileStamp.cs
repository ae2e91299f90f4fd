namespace ArchMcp.Core.Indexing;

/// <summary>What tells whether a file changed: size and modification time first, the content hash to be sure.</summary>
internal readonly record struct FileStamp(long Size, long ModifiedTicks, string Hash);
