using System.CommandLine;
using ArchMcp.Server.Cli;

// A lone search splits its work over the index's segments (ArchMcp.Core.Search.Segments). The pool starts with one
// thread per core, and a thread waiting on input or another request leaves none idle for the other part, which the
// pool would add only after half a second: start it with room for both.
ThreadPool.GetMinThreads(out var workers, out var completion);
ThreadPool.SetMinThreads(Math.Max(workers, 2 * Environment.ProcessorCount), completion);

return await ArchMcpCli.RunAsync(args);
