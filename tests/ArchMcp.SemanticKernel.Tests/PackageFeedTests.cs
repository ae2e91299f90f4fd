using System.Diagnostics;
using System.Reflection;
using ArchMcp.Tests.Shared;

namespace ArchMcp.SemanticKernel.Tests;

/// <summary>
/// A .NET user's install: ArchMcp.Core and ArchMcp.SemanticKernel packed into a local folder feed (from this test
/// run's build, under a version no cache can hold), a fresh console project that adds only
/// <c>ArchMcp.SemanticKernel</c> from that feed (everything else comes from the configured NuGet sources), built and
/// run: it searches the fixtures through a Kernel with no model.
/// </summary>
public sealed class PackageFeedTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);
    private readonly TempKnowledgeFolder _work = new(source: null);

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Package_FromALocalFeed_InstallsBuildsAndSearchesThroughAKernel()
    {
        var repo = RepositoryRoot();
        var configuration = typeof(ArchKnowledgePlugin).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var version = $"0.0.0-feedtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var feed = Directory.CreateDirectory(_work.FullPath("feed")).FullName;

        // pack what this test run already built (the test project references both); no second compile
        foreach (var project in new[] { "src/ArchMcp.Search/ArchMcp.Search.csproj", "src/ArchMcp.Core/ArchMcp.Core.csproj", "src/ArchMcp.SemanticKernel/ArchMcp.SemanticKernel.csproj" })
        {
            await DotnetAsync(repo, "pack", Path.Combine(repo, project), "-c", configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}", "-nodeReuse:false");
        }

        Assert.True(File.Exists(Path.Combine(feed, $"ArchMcp.Search.{version}.nupkg")), "ArchMcp.Search was not packed");
        Assert.True(File.Exists(Path.Combine(feed, $"ArchMcp.Core.{version}.nupkg")), "ArchMcp.Core was not packed");
        Assert.True(File.Exists(Path.Combine(feed, $"ArchMcp.SemanticKernel.{version}.nupkg")), "ArchMcp.SemanticKernel was not packed");

        var app = Directory.CreateDirectory(_work.FullPath("app")).FullName;
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // the app's own packages folder (so the feed's packages never land in the user's cache); the user's cache
        // serves the third-party packages it already holds, the configured sources the rest
        _work.Write("app/nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{_work.FullPath("packages")}" />
              </config>
              <packageSources>
                <add key="local-feed" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-cache" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        _work.Write("app/App.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ArchMcp.SemanticKernel" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        _work.Write("app/Program.cs", """
            using ArchMcp.Core.Model;
            using ArchMcp.SemanticKernel;
            using Microsoft.SemanticKernel;

            var builder = Kernel.CreateBuilder();
            builder.AddArchKnowledge(o =>
            {
                o.Roots.Add(args[0]);
                o.IndexPath = args[1];
            });
            var kernel = builder.Build();
            var result = await kernel.InvokeAsync("arch", "search_knowledge", new() { ["query"] = "why do we publish domain events to Kafka" });
            foreach (var hit in result.GetValue<SearchResult>()!.Hits)
            {
                Console.WriteLine($"{hit.Id} {hit.Path}");
            }
            """);

        await DotnetAsync(app, "build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(File.Exists(_work.FullPath($"packages/archmcp.core/{version}/lib/net10.0/ArchMcp.Core.dll")),
            "ArchMcp.Core did not come from the local feed");

        var output = await DotnetAsync(app, Path.Combine(app, "bin", "Release", "net10.0", "App.dll"), TempKnowledgeFolder.FixturesPath, _work.FullPath("index"));

        var first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        Assert.Equal("ADR-0001 decisions/0001-use-kafka-for-events.md", first);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArchMcp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ArchMcp.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs <c>dotnet ARGS</c> in a folder; fails the test with the output when it exits non-zero.</summary>
    private static async Task<string> DotnetAsync(string folder, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // the test host's MSBuild settings must not leak into a separate build
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish in {StepTimeout.TotalMinutes} min:\n{await stdout}\n{await stderr}");
        }

        var text = await stdout;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited {process.ExitCode}:\n{text}\n{await stderr}");
        return text;
    }
}
