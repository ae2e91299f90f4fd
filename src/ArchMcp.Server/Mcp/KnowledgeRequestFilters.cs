using ArchMcp.Server.Hosting;
using ArchMcp.Core;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// The request filters between the protocol and the knowledge: each waits for the first index refresh, and turns
/// a <see cref="KnowledgeException"/> into an error the client or the model can act on. Any other exception is
/// left to the SDK, which logs it and answers with a generic message (never a stack trace).
/// </summary>
public static class KnowledgeRequestFilters
{
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
                throw new McpException(ex.Message, ex);
            }
        })
        .AddReadResourceFilter(next => async (context, cancellationToken) =>
        {
            try
            {
                await WaitForIndexAsync(context.Services, cancellationToken).ConfigureAwait(false);
                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            catch (DocumentNotFoundException ex)
            {
                throw new McpProtocolException(ex.Message, ex, McpErrorCode.ResourceNotFound);
            }
            catch (KnowledgeException ex)
            {
                throw new McpProtocolException(ex.Message, ex, McpErrorCode.InvalidParams);
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
        })
        .AddCompleteFilter(next => async (context, cancellationToken) =>
        {
            await WaitForIndexAsync(context.Services, cancellationToken).ConfigureAwait(false);
            return await next(context, cancellationToken).ConfigureAwait(false);
        });

    private static Task WaitForIndexAsync(IServiceProvider? services, CancellationToken cancellationToken) =>
        services?.GetService<KnowledgeReadiness>()?.WaitAsync(cancellationToken) ?? Task.CompletedTask;
}
