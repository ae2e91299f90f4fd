using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ArchMcp.Core.Changes;

/// <summary>What one run of git printed, and whether it succeeded.</summary>
internal sealed record GitOutput(int ExitCode, byte[] Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public string Text => Encoding.UTF8.GetString(Stdout);

    /// <summary>git's first error line, without its "fatal: " prefix.</summary>
    public string Error => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(l => l.StartsWith("fatal: ", StringComparison.Ordinal) ? l[7..] : l).FirstOrDefault() ?? $"git exited with {ExitCode}";
}

/// <summary>
/// Runs the <c>git</c> command in a folder: arguments passed as a list (never through a shell), messages in English
/// (<c>LC_ALL=C</c>), no prompt for credentials. A run costs one process start (about 20 ms), so callers batch their work
/// into a few runs.
/// </summary>
internal static class Git
{
    /// <summary>Runs git in <paramref name="folder"/>, writing <paramref name="stdin"/> (if any) while reading its output. Null when git is not installed.</summary>
    public static async Task<GitOutput?> RunAsync(string folder, IReadOnlyList<string> arguments, string? stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("git did not start");
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        {
            try
            {
                var stdout = new MemoryStream();
                var reading = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellationToken);
                var errors = process.StandardError.ReadToEndAsync(cancellationToken);
                if (stdin is not null)
                {
                    await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken).ConfigureAwait(false);
                    process.StandardInput.Close();
                }

                await reading.ConfigureAwait(false);
                var stderr = await errors.ConfigureAwait(false);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return new GitOutput(process.ExitCode, stdout.ToArray(), stderr);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }
}
