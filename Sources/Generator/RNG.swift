/// Deterministic random numbers (SplitMix64): the same seed gives the same snapshot bytes.
public struct RNG: Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E3779B97F4A7C15 }

    public mutating func next() -> UInt64 {
        state = state &+ 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    public mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    /// Log-normal-ish positive value around `median`.
    mutating func around(_ median: Double, spread: Double = 0.35) -> Double {
        let u = max(1e-9, unit()), v = unit()
        let g = (-2 * _log(u)).squareRoot() * _cos(2 * Double.pi * v)
        return median * _exp(g * spread)
    }
    mutating func hex(_ digits: Int) -> String {
        var s = ""
        s.reserveCapacity(digits)
        let chars = Array("0123456789abcdef")
        while s.count < digits {
            var r = next()
            for _ in 0..<16 where s.count < digits { s.append(chars[Int(r & 15)]); r >>= 4 }
        }
        return s
    }
    /// Kubernetes-style random suffix: lowercase consonants and digits.
    mutating func k8sSuffix(_ n: Int) -> String {
        let chars = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<n).map { _ in chars[int(chars.count)] })
    }
    mutating func uuid() -> String {
        let h = hex(32)
        let a = Array(h)
        return "\(String(a[0..<8]))-\(String(a[8..<12]))-4\(String(a[13..<16]))-a\(String(a[17..<20]))-\(String(a[20..<32]))"
    }
}

import Foundation
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Foundation.exp(x) }
