namespace ArchMcp.Server.Hosting;

/// <summary>
/// Logs what a client's behaviour causes — a request cancelled or cut off, a client gone or too slow
/// (<see cref="OperationCanceledException"/>, <see cref="IOException"/>, a bad HTTP request) — as one line: the
/// message and the exception's type and text, no stack trace. A slow review whose client gave up no longer writes
/// 2 KB of frames; an exception of any other type (a bug) keeps its stack trace.
/// </summary>
public static class ClientGoneLogging
{
    /// <summary>Wraps every logger provider registered so far. Call it after the last logging registration.</summary>
    public static IServiceCollection UseOneLineClientErrors(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var providers = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && !d.IsKeyedService).ToList();
        foreach (var descriptor in providers)
        {
            services.Remove(descriptor);
            services.AddSingleton<ILoggerProvider>(sp => new Provider(Create(descriptor, sp)));
        }

        return services;
    }

    public static bool IsClientCaused(Exception exception) =>
        exception is OperationCanceledException or IOException or TimeoutException or Microsoft.AspNetCore.Http.BadHttpRequestException;

    private static ILoggerProvider Create(ServiceDescriptor descriptor, IServiceProvider services) => (ILoggerProvider)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    private sealed class Provider(ILoggerProvider inner) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new OneLineLogger(inner.CreateLogger(categoryName));

        public void Dispose() => inner.Dispose();
    }

    private sealed class OneLineLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is null || !IsClientCaused(exception))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            inner.Log(logLevel, eventId, state, null, (s, _) =>
                $"{formatter(s, exception)} ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})");
        }
    }
}
