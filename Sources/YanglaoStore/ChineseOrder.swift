import CSQLite
import Foundation
#if canImport(_FoundationICU)
import _FoundationICU
#endif

/// The order in which Chinese readers expect names: by pinyin (安 an, 白 bai, 福 fu, 阳 yang,
/// 中 zhong), as in a phone's contacts and as the browser's `localeCompare(…, 'zh-CN')` sorts
/// the directory finder. Code-point order (SQLite's and Swift's default) follows the Unicode
/// radical tables instead, which looks random to a reader.
///
/// The comparison is ICU's root-Chinese collation. On Linux Foundation carries ICU as
/// `_FoundationICU` (part of the Swift toolchain, not a system library), called directly here:
/// Foundation's `compare(_:locale:)` costs microseconds per call, and a national directory
/// sorts 400 000 names. The order is ICU's, fixed by the toolchain, so builds stay byte-identical.
public final class ChineseOrder: @unchecked Sendable {
    /// The name SQL uses: `ORDER BY name COLLATE zh`.
    public static let sqlName = "zh"

    /// For sorting in Swift (region pages' lists); SQL connections register their own.
    public static let shared = ChineseOrder()

    #if canImport(_FoundationICU)
    // A collator is safe to use from several threads for comparing (ICU: const functions);
    // each connection still gets its own, so none outlives the connection that uses it.
    private let collator: OpaquePointer

    public init() {
        var status = U_ZERO_ERROR
        collator = swift_ucol_open("zh", &status)
        precondition(status.rawValue <= U_ZERO_ERROR.rawValue, "ICU has no Chinese collation")
    }

    deinit { swift_ucol_close(collator) }

    /// Compares UTF-8 texts; invalid bytes compare as U+FFFD.
    public func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int32 {
        var status = U_ZERO_ERROR
        let r = swift_ucol_strcollUTF8(collator,
                                       a.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(a.count),
                                       b.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(b.count), &status)
        return r.rawValue
    }
    #else
    private let locale = Locale(identifier: "zh_CN")
    public init() {}

    public func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int32 {
        let x = String(decoding: a, as: UTF8.self), y = String(decoding: b, as: UTF8.self)
        switch x.compare(y, locale: locale) {
        case .orderedAscending: return -1
        case .orderedSame: return 0
        case .orderedDescending: return 1
        }
    }
    #endif

    /// Whether `a` sorts before `b`; equal names by code point, so the order is total.
    public func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        let r = a.withUTF8 { x in b.withUTF8 { y in compare(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) } }
        return r != 0 ? r < 0 : a < b
    }

    /// Registers the collation on a connection (`COLLATE zh`); the connection keeps it alive.
    func register(on db: OpaquePointer) {
        let context = Unmanaged.passRetained(self).toOpaque()
        let rc = sqlite3_create_collation_v2(db, Self.sqlName, SQLITE_UTF8, context, { context, n1, p1, n2, p2 in
            let order = Unmanaged<ChineseOrder>.fromOpaque(context!).takeUnretainedValue()
            return order.compare(UnsafeRawBufferPointer(start: p1, count: Int(n1)), UnsafeRawBufferPointer(start: p2, count: Int(n2)))
        }, { context in Unmanaged<ChineseOrder>.fromOpaque(context!).release() })
        // SQLite calls the destructor only for a collation it registered (a query naming it then fails loudly).
        if rc != SQLITE_OK { Unmanaged<ChineseOrder>.fromOpaque(context).release() }
    }
}
