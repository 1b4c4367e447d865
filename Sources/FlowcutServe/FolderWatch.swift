import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Wakes the live review when something changes in the served folders:
/// Linux's inotify on each folder (editors save by writing a new file and
/// renaming it, so folders are watched, not files), and a look every
/// `fallback` seconds for what it cannot see (a folder made since, another
/// file system).
final class FolderWatch: Sendable {
    private let descriptor: Int32

    init() {
        #if os(Linux)
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        #else
            descriptor = -1
        #endif
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Watches `folders` (again: a folder already watched is not added twice).
    func watch(_ folders: [String]) {
        #if os(Linux)
            guard descriptor >= 0 else { return }
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)
            for folder in folders { _ = inotify_add_watch(descriptor, folder, mask) }
        #endif
    }

    /// Waits until something changed or `fallback` seconds passed; then
    /// drains what is pending, after a short pause that lets a save that
    /// takes several steps finish.
    func wait(fallback: Double) {
        guard descriptor >= 0 else {
            usleep(UInt32(fallback * 1_000_000))
            return
        }
        var fd = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        if poll(&fd, 1, Int32(fallback * 1000)) > 0 {
            usleep(30_000)
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while read(descriptor, &buffer, buffer.count) > 0 {}
        }
    }
}

extension LiveReview {
    /// Follows the served folders until the task is cancelled: each change
    /// seen is a `refresh()`.
    public func follow(fallback: Double = 2) async {
        let watch = FolderWatch()
        watch.watch(watchedFolders())
        while !Task.isCancelled {
            // The wait blocks a thread of its own, not the actor.
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async {
                    watch.wait(fallback: fallback)
                    done.resume()
                }
            }
            if Task.isCancelled { break }
            if !refresh().isEmpty { watch.watch(watchedFolders()) }
            beat()
        }
    }
}
