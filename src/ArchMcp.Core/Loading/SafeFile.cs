using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ArchMcp.Core.Loading;

/// <summary>What became of a <see cref="SafeFile.Read"/>.</summary>
internal enum SafeReadOutcome
{
    Read,
    NotFound,
    /// <summary>A FIFO, a device, a socket or a folder: never read.</summary>
    NotRegular,
    /// <summary>The opened file lies outside the folder it had to be in (reached through a link, or swapped for one).</summary>
    Outside,
    TooLarge,
    Unreadable,
}

/// <summary>The bytes of a file, or why there are none.</summary>
/// <param name="Length">The file's length (the bytes read, or the size found when too large).</param>
/// <param name="Detail">For <see cref="SafeReadOutcome.NotRegular"/> the kind of file ("FIFO"…), for
/// <see cref="SafeReadOutcome.Unreadable"/> the system's message.</param>
internal readonly record struct SafeRead(SafeReadOutcome Outcome, byte[] Bytes, long Length, string? Detail = null)
{
    public bool Succeeded => Outcome == SafeReadOutcome.Read;
}

/// <summary>
/// Reads a file without trusting its path: the file is opened first (without blocking, so a FIFO cannot hang the
/// read), then the opened handle is checked — a regular file, and, when a folder is given, really inside it (the
/// kernel's own path of the handle, so a file swapped for a symbolic link after it was listed is caught) — and at
/// most one byte past the limit is read. On Linux the checks are made on the handle; elsewhere (or without /proc) the
/// path's real location is checked before it is opened.
/// </summary>
internal static partial class SafeFile
{
    private const int ORdOnly = 0, ONonBlock = 0x800, OCloExec = 0x80000; // the same on x64 and arm64 Linux
    private const int AtEmptyPath = 0x1000, StatxType = 0x1;
    private const int SIfMt = 0xF000, SIfReg = 0x8000;

    // where /proc is not mounted (some sandboxes), the path is checked before it is opened instead
    private static readonly bool HasProcFd = OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd");

    /// <summary>Reads <paramref name="path"/>, at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="insideReal">A folder's real path (links resolved) the file must really be in; null for no check.</param>
    public static SafeRead Read(string path, string? insideReal, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var (handle, refused) = Open(path, insideReal);
            if (handle is null)
            {
                return refused;
            }

            using (handle)
            {
                var length = RandomAccess.GetLength(handle);
                if (length > maxBytes)
                {
                    return new SafeRead(SafeReadOutcome.TooLarge, [], length);
                }

                using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
                var bytes = ReadBounded(stream, length, maxBytes);
                return bytes.Length > maxBytes
                    ? new SafeRead(SafeReadOutcome.TooLarge, [], bytes.Length)
                    : new SafeRead(SafeReadOutcome.Read, bytes, bytes.Length);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new SafeRead(SafeReadOutcome.NotFound, [], 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new SafeRead(SafeReadOutcome.Unreadable, [], 0, ex.Message);
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or below it (both real, full paths).</summary>
    public static bool IsInside(string path, string folder) =>
        path.Equals(folder, StringComparison.Ordinal)
        || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static (SafeFileHandle? Handle, SafeRead Refused) Open(string path, string? insideReal)
    {
        // without the kernel's path of a handle, the path's real location is checked before it is opened
        if (!HasProcFd && insideReal is not null && (KnowledgeLoader.RealPath(path) is not { } resolved || !IsInside(resolved, insideReal)))
        {
            return (null, Path.Exists(path) ? new SafeRead(SafeReadOutcome.Outside, [], 0) : new SafeRead(SafeReadOutcome.NotFound, [], 0));
        }

        if (!OperatingSystem.IsLinux())
        {
            return (File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), default);
        }

        var fd = OpenFd(path, ORdOnly | ONonBlock | OCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return (null, errno switch
            {
                2 or 20 => new SafeRead(SafeReadOutcome.NotFound, [], 0), // ENOENT, ENOTDIR
                6 => new SafeRead(SafeReadOutcome.NotRegular, [], 0, "socket"), // ENXIO: a socket
                _ => new SafeRead(SafeReadOutcome.Unreadable, [], 0, Marshal.GetPInvokeErrorMessage(errno)),
            });
        }

        var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
        var kind = FileKind(fd);
        if (kind != "file")
        {
            handle.Dispose();
            return (null, new SafeRead(SafeReadOutcome.NotRegular, [], 0, kind));
        }

        if (HasProcFd && insideReal is not null && (HandlePath(fd) is not { } real || !IsInside(real, insideReal)))
        {
            handle.Dispose();
            return (null, new SafeRead(SafeReadOutcome.Outside, [], 0));
        }

        return (handle, default);
    }

    /// <summary>The kernel's path of an open descriptor, from <c>/proc/self/fd</c>.</summary>
    private static string? HandlePath(int fd)
    {
        var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        return target is not null && target.StartsWith('/') ? target : null;
    }

    private static unsafe string FileKind(int fd)
    {
        var buffer = stackalloc byte[256]; // struct statx is 256 bytes on every architecture
        if (StatX(fd, "", AtEmptyPath, StatxType, buffer) != 0)
        {
            return "unknown";
        }

        var mode = *(ushort*)(buffer + 28); // stx_mode
        return (mode & SIfMt) switch
        {
            SIfReg => "file",
            0x1000 => "FIFO",
            0x2000 => "character device",
            0x4000 => "folder",
            0x6000 => "block device",
            0xC000 => "socket",
            _ => "special file",
        };
    }

    /// <summary>The stream's bytes: at most one past <paramref name="maxBytes"/>, even if it grows while read.</summary>
    private static byte[] ReadBounded(Stream stream, long length, long maxBytes)
    {
        var bytes = new byte[(int)Math.Min(Math.Max(length, 0), maxBytes + 1)];
        var total = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (total < bytes.Length)
        {
            return bytes[..total];
        }

        // the length found at opening is read whole: one more byte tells whether the file grew since (usually not,
        // and the buffer is the answer as it is)
        var next = total > maxBytes ? -1 : stream.ReadByte();
        if (next < 0)
        {
            return bytes;
        }

        Array.Resize(ref bytes, (int)Math.Min(Math.Max(4096, (long)bytes.Length * 2), maxBytes + 1));
        bytes[total++] = (byte)next;
        while (total <= maxBytes)
        {
            if (total == bytes.Length)
            {
                Array.Resize(ref bytes, (int)Math.Min((long)bytes.Length * 2, maxBytes + 1));
            }

            var read = stream.Read(bytes, total, bytes.Length - total);
            if (read == 0)
            {
                return bytes[..total];
            }

            total += read;
        }

        return bytes[..total];
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFd(string path, int flags);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatX(int dirfd, string path, int flags, uint mask, byte* buffer);
}
