using System.CommandLine;
using ArchMcp.Server.Cli;

return await ArchMcpCli.RunAsync(args);
