using System.Diagnostics;
using System.Text;

namespace ArchMcp.Server.Tests.Trust;

/// <summary>
/// Runs the built <c>archmcp</c> executable (src/ArchMcp.Server/bin/&lt;Configuration&gt;/net10.0/archmcp.dll, found
/// from the test assembly) as a real process with <c>dotnet</c>, so tests can kill it, race it and pipe garbage into it.
/// </summary>
public static class ArchMcpProcess
{
    private static readonly Lazy<string?> Dll = new(Find);

    /// <summary>The archmcp.dll to run, or null.</summary>
    public static string? Path => Dll.Value;

    public static string? SkipReason => Path is null
        ? "archmcp.dll not found under src/ArchMcp.Server/bin/<Configuration>/net10.0: build src/ArchMcp.Server first."
        : null;

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add(Path ?? throw new InvalidOperationException(SkipReason));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // keep the test machine's settings out of the child
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_TieredPGO"] = "0";
        return info;
    }

    public static Process Start(params string[] args) => Process.Start(StartInfo(args))!;

    /// <summary>Runs to completion and returns exit code, stdout and stderr.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var p = Start(args);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"archmcp {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:N0} s; stderr: {await stderr}");
        }

        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>SIGKILL: no finally blocks, no flushing, no lock release by the process itself.</summary>
    public static void KillHard(Process p)
    {
        try
        {
            p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        p.WaitForExit(10_000);
    }

    private static string? Find()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var server = System.IO.Path.Combine(dir.FullName, "src", "ArchMcp.Server", "bin");
            if (!Directory.Exists(server))
            {
                continue;
            }

            foreach (var c in new[] { configuration, configuration == "Debug" ? "Release" : "Debug" })
            {
                var candidate = System.IO.Path.Combine(server, c, "net10.0", "archmcp.dll");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        return null;
    }
}
