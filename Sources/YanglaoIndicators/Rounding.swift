import Foundation
/// The one rounding rule of the site: round half away from zero to the
/// indicator's number of decimals (percentages: 2). Ratios of whole numbers
/// are rounded exactly in integer arithmetic, so 1/8 = 12.5% never becomes
/// 12.499999%.
public enum Rounding {
    /// numerator ÷ denominator × scale, rounded; nil when the denominator is
    /// missing or zero ("no data", never NaN or infinity).
    public static func ratio(_ numerator: Double, _ denominator: Double, scale: Int, decimals: Int) -> Double? {
        guard denominator != 0, numerator.isFinite, denominator.isFinite else { return nil }
        let factor = pow10(decimals)
        if numerator == numerator.rounded(), denominator == denominator.rounded(),
           abs(numerator) < 1e12, abs(denominator) < 1e12 {
            let n = Int64(numerator) * Int64(scale) * Int64(factor)
            let d = Int64(denominator)
            let q = roundedDivision(n, d)
            return Double(q) / Double(factor)
        }
        return round(numerator / denominator * Double(scale), decimals: decimals)
    }

    /// Rounds half away from zero.
    public static func round(_ x: Double, decimals: Int) -> Double {
        let f = Double(pow10(decimals))
        return (x * f).rounded(.toNearestOrAwayFromZero) / f
    }

    /// Formats with exactly `decimals` decimals, no grouping ("12.50").
    public static func format(_ x: Double, decimals: Int) -> String {
        let r = round(x, decimals: decimals)
        let negative = r < 0
        // Beyond what 64-bit integers hold (only a wrong number is that large): printed as it is, never a crash.
        let magnitude = (abs(r) * Double(pow10(decimals))).rounded()
        guard r.isFinite, magnitude < 9e18 else { return String(format: "%.\(decimals)f", r) }
        let scaled = Int64(magnitude)
        let f = Int64(pow10(decimals))
        var s = String(scaled / f)
        if decimals > 0 {
            let frac = String(scaled % f)
            s += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return negative && scaled != 0 ? "-" + s : s
    }

    static func roundedDivision(_ n: Int64, _ d: Int64) -> Int64 {
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        if 2 * abs(r) >= abs(d) { return q + ((n < 0) != (d < 0) ? -1 : 1) }
        return q
    }

    static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }
}
