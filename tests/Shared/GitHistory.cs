using System.Diagnostics;

namespace ArchMcp.Tests.Shared;

/// <summary>
/// A git repository in a temp folder whose history a test writes commit by commit, with fixed identities and dates.
/// Git runs without the machine's or the user's configuration (GIT_CONFIG_NOSYSTEM, GIT_CONFIG_GLOBAL), so the tests
/// behave the same on a fresh machine.
/// </summary>
public sealed class GitHistory : IDisposable
{
    private readonly TempKnowledgeFolder? _owned;

    /// <summary>A repository in a new temp folder, deleted with it.</summary>
    public GitHistory()
    {
        _owned = new TempKnowledgeFolder(null);
        Path = _owned.Path;
        Git("init", "--quiet", "--initial-branch=main");
    }

    /// <summary>A repository made in <paramref name="folder"/>, which the caller owns (its files stay after disposal).</summary>
    public GitHistory(string folder)
    {
        Path = folder;
        Git("init", "--quiet", "--initial-branch=main");
    }

    public string Path { get; }

    public void Write(string relativePath, string content)
    {
        var full = FullPath(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Delete(string relativePath) => File.Delete(FullPath(relativePath));

    private string FullPath(string relativePath) => System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Commits every change with author and committer date <paramref name="date"/> (UTC noon); returns the commit id.</summary>
    public string Commit(string message, DateOnly date)
    {
        var when = $"{date:yyyy-MM-dd}T12:00:00Z";
        Run(when, ["add", "--all"]);
        Run(when, ["commit", "--quiet", "--no-gpg-sign", "-m", message]);
        return Run(when, ["rev-parse", "HEAD"]).Trim();
    }

    /// <summary>Runs git in the repository; returns what it printed.</summary>
    public string Git(params string[] arguments) => Run("2026-01-01T12:00:00Z", arguments);

    private string Run(string date, string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", "user.name=Test Author", "-c", "user.email=author@example.test", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "archmcp-tests-no-global-gitconfig");
        start.Environment["GIT_AUTHOR_NAME"] = "Test Author";
        start.Environment["GIT_AUTHOR_EMAIL"] = "author@example.test";
        start.Environment["GIT_COMMITTER_NAME"] = "Test Author";
        start.Environment["GIT_COMMITTER_EMAIL"] = "author@example.test";
        start.Environment["GIT_AUTHOR_DATE"] = date;
        start.Environment["GIT_COMMITTER_DATE"] = date;
        using var git = Process.Start(start)!;
        var stderr = git.StandardError.ReadToEndAsync();
        var stdout = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? stdout : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {stderr.Result}");
    }

    public void Dispose() => _owned?.Dispose();
}
