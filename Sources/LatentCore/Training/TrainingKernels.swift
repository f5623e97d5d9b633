import CKernels

/// The instruction set of the per-rating SGD kernel (`ll_sgd_ratings` in CKernels), chosen
/// at run time: AVX where the CPU and OS support it, else the portable x86-64 baseline.
/// Both give bit-identical models; only the speed differs.
public enum TrainingKernels {
    /// "avx", "sse2" (the x86-64 baseline) or "portable" (another architecture).
    public static var instructionSet: String { String(cString: ll_kernel_isa()) }

    /// Restricts the kernel to the baseline instruction set (to measure what AVX brings).
    public static func useBaselineOnly(_ on: Bool) { ll_use_baseline_kernels(on ? 1 : 0) }
}
