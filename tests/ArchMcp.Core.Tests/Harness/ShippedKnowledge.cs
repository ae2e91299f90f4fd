namespace ArchMcp.Core.Tests.Harness;

/// <summary>Where the repository's knowledge/ folder is: beside the folder holding ArchMcp.sln, found from the test assembly.</summary>
public static class ShippedKnowledge
{
    private static readonly Lazy<string?> Location = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ArchMcp.sln")))
            {
                var knowledge = System.IO.Path.Combine(dir.FullName, "knowledge");
                return Directory.Exists(knowledge) ? knowledge : null;
            }
        }

        return null;
    });

    public static string? Path => Location.Value;

    public const string SkipReason = "The repository's knowledge/ folder was not found next to ArchMcp.sln.";
}
