import Dispatch
import Foundation

/// Runs independent tasks on several threads and waits for all of them.
///
/// Tasks pick work in index order; a caller that needs an order (a dataset,
/// the sitemap) does that work inside one task. The error reported is the one
/// of the lowest task index, so a failing build says the same thing for any
/// number of threads.
enum Parallel {
    /// Institutions per batch: enough to keep both cores busy, small enough to hold in memory.
    static let batchSize = 256

    static func run(tasks: Int, jobs: Int, _ task: (Int) throws -> Void) throws {
        guard jobs > 1, tasks > 1 else {
            for n in 0..<tasks { try task(n) }
            return
        }
        // The callers' tasks touch disjoint state: each page is its own file, and
        // the ordered work is one task. The compiler cannot see that, so say it.
        nonisolated(unsafe) let task = task
        let failures = Failures()
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: min(jobs, tasks)) { _ in
            while true {
                let n = next.take()
                guard n < tasks else { return }
                do { try task(n) } catch { failures.add(n, error) }
            }
        }
        if let first = failures.first { throw first }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func take() -> Int { lock.withLock { defer { value += 1 }; return value } }
    }

    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [(Int, Error)] = []
        func add(_ n: Int, _ error: Error) { lock.withLock { errors.append((n, error)) } }
        var first: Error? { lock.withLock { errors.min { $0.0 < $1.0 }?.1 } }
    }
}

/// With `YANGLAO_TRACE=1`, prints each build phase's seconds and the resident
/// memory after it to standard error: where a large build spends its time.
/// The CPU seconds beside the wall seconds say how busy the cores were (2.0 s of CPU in
/// 1.0 s: both cores all the time).
struct PhaseTrace {
    private let enabled = ProcessInfo.processInfo.environment["YANGLAO_TRACE"] == "1"
    private var last = DispatchTime.now()
    private var lastCPU = PhaseTrace.cpuSeconds()

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now(), cpu = Self.cpuSeconds()
        let seconds = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
        let busy = cpu - lastCPU
        last = now; lastCPU = cpu
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        FileHandle.standardError.write(Data(String(format: "trace %7.2f s  cpu %6.2f s  %6d MB  %@\n", seconds, busy, pages * 4096 / 1_000_000, phase).utf8))
    }

    /// User and system CPU time of every thread of the process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

/// Work that runs on another thread while the build goes on; `wait()` gives
/// its result or throws its error. Whatever it touches must be its own (a
/// separate database connection, its own files) or read-only.
final class Background<T>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<T, Error>?

    init(_ work: @escaping () throws -> T) {
        nonisolated(unsafe) let work = work
        group.enter()
        // A thread of its own, not one of Dispatch's: work that waits (the batch
        // reader) must not hold a worker that `concurrentPerform` needs.
        let thread = Thread { [self] in
            result = Result { try work() }
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func wait() throws -> T {
        group.wait()
        return try result!.get()
    }
}

/// A bounded hand-off between one producer thread and one consumer: the next
/// batch of facilities is read from SQLite while the current one is rendered.
final class Handoff<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [T] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room; false when the consumer has given up (stop producing).
    func put(_ item: T) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// No more items will come.
    func close() {
        condition.lock(); closed = true; condition.broadcast(); condition.unlock()
    }

    /// The consumer stops early (an error): the producer's next `put` returns false.
    func cancel() {
        condition.lock(); cancelled = true; items.removeAll(); condition.broadcast(); condition.unlock()
    }

    /// The next item, or nil when the producer is done.
    func take() -> T? {
        condition.lock(); defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }
}

/// Tells work on another thread to stop early: the build has already failed.
final class StopFlag: @unchecked Sendable {
    struct Stopped: Error {}
    private let lock = NSLock()
    private var stopped = false
    func set() { lock.withLock { stopped = true } }
    func check() throws { if lock.withLock({ stopped }) { throw Stopped() } }
}
