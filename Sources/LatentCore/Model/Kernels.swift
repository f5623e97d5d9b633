import Foundation

/// The inner loops of training. They multiply and add separately: `addingProduct` asks for a
/// fused multiply-add, which the portable x86-64 baseline lacks, so it becomes a libm call per lane.
///
/// The loops work on raw rows padded to a multiple of 8 floats so that
/// every row is a whole number of `SIMD8<Float>` vectors (the padding stays zero:
/// every update of a padded lane multiplies zeros).
@usableFromInline typealias Lane = SIMD8<Float>

@usableFromInline let laneWidth = 8

@inline(__always) @usableFromInline
func load(_ p: UnsafeMutablePointer<Float>, _ k: Int) -> Lane {
    UnsafeRawPointer(p + k).loadUnaligned(as: Lane.self)
}

@inline(__always) @usableFromInline
func store(_ v: Lane, _ p: UnsafeMutablePointer<Float>, _ k: Int) {
    UnsafeMutableRawPointer(p + k).storeBytes(of: v, as: Lane.self)
}

/// a · b over `stride` floats.
@inline(__always) @usableFromInline
func dot(_ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, _ stride: Int) -> Float {
    var acc = Lane()
    var k = 0
    while k < stride {
        acc += load(a, k) * load(b, k)
        k &+= laneWidth
    }
    return acc.sum()
}

/// y += alpha · x over `stride` floats.
@inline(__always) @usableFromInline
func axpy(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ stride: Int) {
    let a = Lane(repeating: alpha)
    var k = 0
    while k < stride {
        store(load(y, k) + a * load(x, k), y, k)
        k &+= laneWidth
    }
}

/// The logistic function, stable for large |x|.
@inline(__always) @usableFromInline
func sigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
}

/// The inverse of the sigmoid, for turning a rating back into a score (fold-in).
@inline(__always) @usableFromInline
func logit(_ p: Float) -> Float { log(p / (1 - p)) }
