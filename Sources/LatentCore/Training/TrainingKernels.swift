import CKernels

/// The instruction set of the per-rating SGD kernel (`ll_sgd_ratings` in CKernels), chosen
/// at run time: AVX-512 or AVX where the CPU and OS support them, else the portable x86-64
/// baseline. All give bit-identical models; only the speed differs.
public enum TrainingKernels {
    /// The kernels' builds, each a superset of the one before.
    public enum InstructionSet: Int32, CaseIterable, Sendable {
        case baseline, avx, avx512
    }

    /// "avx512", "avx", "sse2" (the x86-64 baseline), "neon" (aarch64) or "portable" (another architecture).
    public static var instructionSet: String { String(cString: ll_kernel_isa()) }

    /// Caps the kernels at `highest` even where the CPU has more (to compare them); `.avx512`
    /// lifts the cap.
    public static func limit(to highest: InstructionSet) {
        ll_limit_kernels(highest.rawValue)
    }

    /// Restricts the kernel to the baseline instruction set (to measure what AVX brings).
    public static func useBaselineOnly(_ on: Bool) { limit(to: on ? .baseline : .avx512) }
}
