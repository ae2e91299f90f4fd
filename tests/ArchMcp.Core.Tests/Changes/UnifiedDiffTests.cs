using ArchMcp.Core.Changes;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>Unified diffs as git prints them: files, how each changed, and the added lines with their new line numbers.</summary>
public sealed class UnifiedDiffTests
{
    [Fact]
    public void Parse_ModifiedFileWithTwoHunks_NumbersAddedAndContextLinesOnTheNewSide()
    {
        const string diff = """
            diff --git a/src/app.cs b/src/app.cs
            index 1111111..2222222 100644
            --- a/src/app.cs
            +++ b/src/app.cs
            @@ -3,3 +3,4 @@ class App
             a
            -b
            +B
            +C
             d
            @@ -20,2 +21,3 @@
             x
            +y
             z
            """;

        var file = Assert.Single(UnifiedDiff.Parse(diff));

        Assert.Equal(("src/app.cs", "modified", false), (file.Path, file.Change, file.Binary));
        Assert.Equal([(4, "B"), (5, "C"), (22, "y")], file.Added.Select(a => (a.Line, a.Text)));
        Assert.Equal([(3, "a"), (6, "d"), (21, "x"), (23, "z")], file.Context.Select(c => (c.Line, c.Text)));
    }

    [Fact]
    public void Parse_NewDeletedRenamedAndBinaryFiles_SaysHowEachChanged()
    {
        const string diff = """
            diff --git a/new.txt b/new.txt
            new file mode 100644
            index 0000000..1111111
            --- /dev/null
            +++ b/new.txt
            @@ -0,0 +1 @@
            +hello
            \ No newline at end of file
            diff --git a/old.txt b/old.txt
            deleted file mode 100644
            index 1111111..0000000
            --- a/old.txt
            +++ /dev/null
            @@ -1,2 +0,0 @@
            -one
            -two
            diff --git a/docs/a.md b/docs/b.md
            similarity index 100%
            rename from docs/a.md
            rename to docs/b.md
            diff --git a/logo.png b/logo.png
            new file mode 100644
            index 0000000..3333333
            Binary files /dev/null and b/logo.png differ
            """;

        var files = UnifiedDiff.Parse(diff);

        Assert.Equal(
            [("new.txt", null, "added", false), ("old.txt", null, "deleted", false), ("docs/b.md", "docs/a.md", "renamed", false), ("logo.png", null, "added", true)],
            files.Select(f => (f.Path, f.OldPath, f.Change, f.Binary)));
        Assert.Equal([(1, "hello")], files[0].Added.Select(a => (a.Line, a.Text)));
        Assert.Empty(files[1].Added);
    }

    [Fact]
    public void Parse_PlainDiffU_AndAQuotedPath_AreRead()
    {
        const string diff = "--- \"a/caf\\303\\251.md\"\t2024-01-01\n+++ \"b/caf\\303\\251.md\"\t2024-01-02\n@@ -1 +1 @@\n-x\n+y\n";

        var file = Assert.Single(UnifiedDiff.Parse(diff));

        Assert.Equal(("café.md", "modified"), (file.Path, file.Change));
        Assert.Equal([(1, "y")], file.Added.Select(a => (a.Line, a.Text)));
    }

    [Theory]
    [InlineData("The orders service calls payments over HTTPS.", "not a unified diff")]
    [InlineData("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n x\n", "the hunk ends early")]
    [InlineData("--- a/x\n+++ b/x\n@@ -1 +1 @@\n+y\n+z\n", "does not fit the hunk")]
    [InlineData("--- a/x\n+++ b/x\n@@ one @@\n", "is not a hunk header")]
    public void Parse_TextThatIsNotAWholeDiff_IsAClearError(string text, string message)
    {
        var error = Assert.Throws<InvalidQueryException>(() => UnifiedDiff.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
