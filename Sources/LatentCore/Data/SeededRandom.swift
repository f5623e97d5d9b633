import Foundation

/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64).
///
/// Everything random in LatentLab (splits, shuffles, initialisation, the sample
/// generator) draws from this so that a seed reproduces a run exactly on every
/// platform; `SystemRandomNumberGenerator` cannot be seeded.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var x = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&x); s1 = splitMix(&x); s2 = splitMix(&x); s3 = splitMix(&x)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// A uniform float in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A standard normal draw (Box–Muller; one of the pair is discarded to keep the state simple).
    public mutating func nextNormal() -> Double {
        var u1 = nextUnit()
        while u1 <= .leastNonzeroMagnitude { u1 = nextUnit() }
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// An integer in 0..<bound without modulo bias (Lemire's method).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Two integers, below `first` and below `second` (both under 2³²), from one 64-bit draw:
    /// Lemire's method on each 32-bit half, still without bias. The shuffle's inner loop,
    /// where drawing is most of the work.
    @inline(__always)
    public mutating func nextIndexPair(below first: UInt32, _ second: UInt32) -> (Int, Int) {
        let r = next()
        return (index(UInt32(truncatingIfNeeded: r), below: first), index(UInt32(truncatingIfNeeded: r >> 32), below: second))
    }

    @inline(__always)
    private mutating func index(_ x: UInt32, below bound: UInt32) -> Int {
        precondition(bound > 0)
        var m = UInt64(x) &* UInt64(bound)
        if UInt32(truncatingIfNeeded: m) < bound {
            let threshold = (0 &- bound) % bound
            while UInt32(truncatingIfNeeded: m) < threshold { m = UInt64(UInt32(truncatingIfNeeded: next())) &* UInt64(bound) }
        }
        return Int(m >> 32)
    }
}
