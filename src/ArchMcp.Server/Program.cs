using ArchMcp.Server.Cli;

// A lone search splits its work over the index's segments (ArchMcp.Core.Search.Segments). The pool starts with one
// thread per core; with one of them waiting on input, no thread was free for the other part and the searching thread
// did both: start the pool with room for them.
ThreadPool.GetMinThreads(out var workers, out var completion);
ThreadPool.SetMinThreads(Math.Max(workers, 2 * Environment.ProcessorCount), completion);

return await ArchMcpCli.RunAsync(args);
