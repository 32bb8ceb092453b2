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
