using System.Reflection;

namespace ArchMcp.SemanticKernel.Tests;

/// <summary>Finds the built <c>archmcp.dll</c> (the MCP server) for the stdio interop tests.</summary>
public static class ArchMcpServer
{
    /// <summary>
    /// <c>ARCHMCP_SERVER_DLL</c> when set, else the Server project's output for this configuration (the path is
    /// baked into the test assembly by the csproj, which also builds the Server project).
    /// </summary>
    public static string DllPath =>
        Environment.GetEnvironmentVariable("ARCHMCP_SERVER_DLL") is { Length: > 0 } env ? env
        : typeof(ArchMcpServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ArchMcpServerDll").Value ?? "";

    /// <summary>Why the interop tests are skipped, or null when the server is built.</summary>
    public static string? SkipReason => File.Exists(DllPath)
        ? null
        : $"archmcp.dll not found at '{DllPath}': build src/ArchMcp.Server (same configuration) or set ARCHMCP_SERVER_DLL.";

    /// <summary>The dotnet host running the tests (set by the SDK), else "dotnet" from PATH.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
