using System.CommandLine;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp serve`: the MCP server over stdio (default) or Streamable HTTP.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the MCP server over stdio (default) or Streamable HTTP (--http).");
        command.SetAction((parse, ct) =>
        {
            parse.InvocationConfiguration.Error.WriteLine("archmcp: serve is not built yet.");
            return Task.FromResult(ExitCodes.Failed);
        });
        return command;
    }
}
