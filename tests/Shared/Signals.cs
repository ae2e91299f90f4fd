using ArchMcp.Core;

namespace ArchMcp.Tests.Shared;

/// <summary>Waiting for a condition on its signal instead of sleeping a guessed time.</summary>
public static class Signals
{
    /// <summary>How long to wait without a signal before checking the condition again, in case a change raises none.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, checking it now and again each time <paramref name="service"/>
    /// raises <see cref="IKnowledgeService.Changed"/> (and at least once a second). Returns false at the deadline.
    /// </summary>
    public static async Task<bool> UntilChangedAsync(IKnowledgeService service, Func<Task<bool>> condition, TimeSpan timeout)
    {
        using var changed = new SemaphoreSlim(0);
        void OnChanged(object? sender, KnowledgeChangedEventArgs e) => changed.Release();

        // subscribe before the first check, so a change between the check and the wait is not lost
        service.Changed += OnChanged;
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!await condition().ConfigureAwait(false))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                await changed.WaitAsync(left < Recheck ? left : Recheck).ConfigureAwait(false);
            }

            return true;
        }
        finally
        {
            service.Changed -= OnChanged;
        }
    }
}
