using System.CommandLine;
using ArchMcp.Server.Hosting;

namespace ArchMcp.Server.Cli;

/// <summary>`archmcp serve`: the MCP server over stdio (default) or Streamable HTTP (--http).</summary>
public static class ServeCommand
{
    public static readonly Option<bool> Http = new("--http")
    {
        Description = "Serve Streamable HTTP at /mcp (with /healthz and /readyz) instead of stdio.",
    };

    public static readonly Option<string?> Urls = new("--urls")
    {
        Description = $"Addresses to listen on with --http, ';'-separated. Default {ServerOptions.DefaultUrls}. A non-loopback address requires ARCHMCP_TOKEN.",
    };

    public static Command Create()
    {
        // Unmatched tokens (e.g. --Logging:LogLevel:Default=Debug) go to the host's configuration; our own
        // flags are consumed here, so a bare --http never reaches WebApplication.CreateBuilder.
        var command = new Command("serve", "Run the MCP server over stdio (default) or Streamable HTTP (--http).") { Http, Urls };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                if (parse.GetValue(Http))
                {
                    await using var app = HttpHost.Build(parse, parse.GetValue(Urls));
                    await app.RunAsync();
                }
                else
                {
                    using var host = StdioHost.Build(parse);
                    await host.RunAsync(ct);
                }

                return ExitCodes.Success;
            }
            catch (InsecureBindException ex)
            {
                parse.Err().WriteLine($"archmcp: {ex.Message}");
                return ExitCodes.InvalidOptions;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return ArchMcpCli.Fail(parse.Err(), Unwrap(ex));
            }
        });
        return command;
    }

    private static Exception Unwrap(Exception ex) => ex is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerExceptions[0] : ex;
}
