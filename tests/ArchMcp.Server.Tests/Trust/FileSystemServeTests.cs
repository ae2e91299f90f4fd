using System.Diagnostics;
using ArchMcp.Core.Templates;
using ArchMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace ArchMcp.Server.Tests.Trust;

/// <summary>
/// What the file system can make the server hand to a client (issue 29): no machine paths in <c>arch://index</c>, no
/// template read from outside the root, and a stdio server that still exits on stdin EOF when the template is a device.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class FileSystemServeTests(ITestOutputHelper output)
{
    private const string Secret = "TOP-SECRET-OUTSIDE-THE-ROOT";

    [Fact]
    public async Task IndexResource_ShowsRootNamesButNoAbsolutePathOfTheMachine()
    {
        await using var server = await StdioServer.StartAsync();

        var text = Assert.IsType<TextResourceContents>(Assert.Single((await server.Client.ReadResourceAsync("arch://index")).Contents)).Text;

        Assert.Contains("\"knowledge\"", text, StringComparison.Ordinal); // the root's name
        Assert.DoesNotContain(server.Folder.Root, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"indexPath\"", text, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task DraftAdrPrompt_WhenTheTemplateIsALinkOutsideTheRoot_DoesNotShowTheOutsideFile()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var folder = new KnowledgeFolder();
        var outside = Path.Combine(folder.Root, "outside.md");
        File.WriteAllText(outside, $"# Template\n\n{Secret}\n");
        LinkTemplate(folder.Knowledge, outside);
        await using var server = await StdioServer.StartAsync(folder);

        var result = await server.Client.GetPromptAsync("draft-adr", new Dictionary<string, object?> { ["title"] = "Use a broker" });

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Messages).Content).Text;
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("Use a broker", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Serve_WhenTheTemplateIsDevZeroAndStdinCloses_Exits()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        Skip.IfNot(OperatingSystem.IsLinux(), "/dev links are tested on Linux");
        using var folder = new KnowledgeFolder();
        LinkTemplate(folder.Knowledge, "/dev/zero");
        using var process = ArchMcpProcess.Start("serve", "--knowledge", folder.Knowledge, "--index", folder.Index);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.StandardInput.WriteAsync(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"trust-tests","version":"1"}}}""" + "\n");
            await process.StandardInput.FlushAsync(cts.Token);
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line && !line.Contains("\"id\":1", StringComparison.Ordinal))
            {
            }

            // the prompt is asked for and stdin closed at once: the server must not be held by the template
            await process.StandardInput.WriteAsync(
                """{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\n" +
                """{"jsonrpc":"2.0","id":2,"method":"prompts/get","params":{"name":"draft-adr","arguments":{"title":"Use a broker"}}}""" + "\n");
            await process.StandardInput.FlushAsync(cts.Token);
            process.StandardInput.Close();
            var closed = Stopwatch.StartNew();
            var rest = await process.StandardOutput.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            output.WriteLine($"exited {closed.ElapsedMilliseconds} ms after stdin closed; after initialize it wrote: {rest}");
            Assert.True(closed.Elapsed < TimeSpan.FromSeconds(20), $"exit took {closed.Elapsed}");
        }
        catch (OperationCanceledException)
        {
            ArchMcpProcess.KillHard(process);
            Assert.Fail($"archmcp serve did not exit on stdin EOF; stderr: {await stderr}");
        }

        output.WriteLine(await stderr);
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>Every place `archmcp new` looks for the ADR template in the fixtures: beside the records, then templates/.</summary>
    private static void LinkTemplate(string knowledge, string target)
    {
        foreach (var relative in new[] { "decisions/adr-template.md", AdrTemplate.DefaultPath })
        {
            var template = Path.Combine(knowledge, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(template)!);
            File.Delete(template);
            File.CreateSymbolicLink(template, target);
        }
    }
}
