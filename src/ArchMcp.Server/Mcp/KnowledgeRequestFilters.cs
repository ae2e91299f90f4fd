using System.Text.Json;
using ArchMcp.Core;
using ArchMcp.Server.Hosting;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// The request filters between the protocol and the knowledge: each waits for the first index refresh, and turns
/// what a client or a model got wrong into an answer it can act on — a tool error result for a lookup that found
/// nothing, a JSON-RPC invalid-params error (-32602) naming the argument otherwise. Those are expected outcomes and are
/// not logged as failures. Any other exception is a bug: it is logged here once, with its stack trace, and the SDK
/// answers with a generic message (never a stack trace). The SDK's own per-request failure log is turned off
/// (<see cref="McpServerSetup"/>), as it would log every expected outcome as a failure with a stack trace.
/// </summary>
public static partial class KnowledgeRequestFilters
{
    public const string LogCategory = "ArchMcp.Server.Mcp.Requests";

    public static IMcpRequestFilterBuilder AddKnowledgeFilters(this IMcpRequestFilterBuilder filters) => filters
        .AddCallToolFilter(next => async (context, cancellationToken) =>
        {
            try
            {
                await WaitForIndexAsync(context.Services, cancellationToken).ConfigureAwait(false);
                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            catch (KnowledgeException ex)
            {
                // not found, an invalid reference: the model reads the message and corrects itself
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = ex.Message }] };
            }
            catch (Exception ex) when (IsBindingError(ex))
            {
                var schema = (context.MatchedPrimitive as McpServerTool)?.ProtocolTool.InputSchema;
                throw new McpProtocolException(BindingError(context.Params?.Name, context.Params?.Arguments, RequiredOf(schema), "tool"), ex, McpErrorCode.InvalidParams);
            }
            catch (Exception ex) when (IsUnexpected(ex, cancellationToken))
            {
                LogUnexpected(context.Services, RequestMethods.ToolsCall, context.Params?.Name, ex);
                throw;
            }
        })
        .AddReadResourceFilter(next => async (context, cancellationToken) =>
        {
            try
            {
                await WaitForIndexAsync(context.Services, cancellationToken).ConfigureAwait(false);
                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DocumentNotFoundException or DecisionNotFoundException or RuleNotFoundException)
            {
                throw new McpProtocolException(ex.Message, ex, McpErrorCode.ResourceNotFound);
            }
            catch (KnowledgeException ex)
            {
                throw new McpProtocolException(ex.Message, ex, McpErrorCode.InvalidParams);
            }
            catch (Exception ex) when (IsUnexpected(ex, cancellationToken))
            {
                LogUnexpected(context.Services, RequestMethods.ResourcesRead, context.Params?.Uri, ex);
                throw;
            }
        })
        .AddListResourcesFilter(next => async (context, cancellationToken) =>
        {
            await WaitForIndexAsync(context.Services, cancellationToken).ConfigureAwait(false);
            return await next(context, cancellationToken).ConfigureAwait(false);
        })
        .AddGetPromptFilter(next => async (context, cancellationToken) =>
        {
            try
            {
                await WaitForIndexAsync(context.Services, cancellationToken).ConfigureAwait(false);
                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            catch (KnowledgeException ex)
            {
                throw new McpProtocolException(ex.Message, ex, McpErrorCode.InvalidParams);
            }
            catch (Exception ex) when (IsBindingError(ex))
            {
                var required = (context.MatchedPrimitive as McpServerPrompt)?.ProtocolPrompt.Arguments?.Where(a => a.Required == true).Select(a => a.Name) ?? [];
                throw new McpProtocolException(BindingError(context.Params?.Name, context.Params?.Arguments, required, "prompt"), ex, McpErrorCode.InvalidParams);
            }
            catch (Exception ex) when (IsUnexpected(ex, cancellationToken))
            {
                LogUnexpected(context.Services, RequestMethods.PromptsGet, context.Params?.Name, ex);
                throw;
            }
        })
        .AddCompleteFilter(next => async (context, cancellationToken) =>
        {
            await WaitForIndexAsync(context.Services, cancellationToken).ConfigureAwait(false);
            return await next(context, cancellationToken).ConfigureAwait(false);
        });

    /// <summary>The arguments did not bind to the handler's parameters (a missing one, a number for a string…).</summary>
    private static bool IsBindingError(Exception ex) => ex is JsonException or ArgumentException or FormatException or InvalidCastException;

    private static bool IsUnexpected(Exception ex, CancellationToken cancellationToken) =>
        ex is not McpException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static IEnumerable<string> RequiredOf(JsonElement? schema) =>
        schema is { } s && s.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!) : [];

    /// <summary>Which required arguments are missing, or else which were sent with which JSON types.</summary>
    private static string BindingError(string? name, IDictionary<string, JsonElement>? arguments, IEnumerable<string> required, string what)
    {
        var sent = arguments ?? new Dictionary<string, JsonElement>();
        var missing = required.Where(r => !sent.ContainsKey(r)).Select(r => $"'{r}'").ToList();
        if (missing.Count > 0)
        {
            return $"Missing required argument {string.Join(", ", missing)} for {what} '{name}'.";
        }

        var types = sent.Count == 0 ? "none" : string.Join(", ", sent.Select(a => $"'{a.Key}' ({a.Value.ValueKind.ToString().ToLowerInvariant()})"));
        return $"Invalid arguments for {what} '{name}': sent {types}. Check each against its schema.";
    }

    private static void LogUnexpected(IServiceProvider? services, string method, string? target, Exception ex)
    {
        if (services?.GetService<ILoggerFactory>()?.CreateLogger(LogCategory) is { } logger)
        {
            LogFailed(logger, method, target ?? "", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Target} failed")]
    private static partial void LogFailed(ILogger logger, string method, string target, Exception ex);

    private static Task WaitForIndexAsync(IServiceProvider? services, CancellationToken cancellationToken) =>
        services?.GetService<KnowledgeReadiness>()?.WaitAsync(cancellationToken) ?? Task.CompletedTask;
}
