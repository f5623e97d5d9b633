import CKernels

/// The ratings as the C kernels read them. `Rating` and `ll_rating` have one layout (two
/// Int32s and a Float; a test in `KernelTests` checks size, stride and offsets), and the memory is
/// rebound to the C type for the call, never assumed to be bound to it.
extension Array where Element == Rating {
    func withKernelRatings<R>(_ body: (UnsafeBufferPointer<ll_rating>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { try $0.withMemoryRebound(to: ll_rating.self, body) }
    }

    mutating func withMutableKernelRatings<R>(_ body: (UnsafeMutableBufferPointer<ll_rating>) throws -> R) rethrows -> R {
        try withUnsafeMutableBufferPointer { try $0.withMemoryRebound(to: ll_rating.self, body) }
    }
}
