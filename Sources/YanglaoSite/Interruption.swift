import Synchronization

/// Ctrl-C (SIGINT) or SIGTERM during a build: the command line sets this, and the build
/// stops at its next file and unwinds as a failed build does (staging folder and lock
/// removed, the published site untouched), so a clerk who gives up is not left with a
/// hidden folder of gigabytes. Once the commit has begun, the build finishes instead.
public enum Interruption {
    private static let flag = Atomic<Bool>(false)

    public static func request() { flag.store(true, ordering: .relaxed) }
    public static var requested: Bool { flag.load(ordering: .relaxed) }

    /// Thrown where a build notices the request.
    static func check() throws { if requested { throw BuildError.interrupted } }
}
