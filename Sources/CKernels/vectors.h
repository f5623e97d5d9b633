// What the training kernels share: 8-float vectors and the helpers on them, and the sigmoid.
// Included by the kernels' .c files only (not part of the module's public header).
#ifndef LATENTLAB_VECTORS_H
#define LATENTLAB_VECTORS_H

#include <math.h>
#include <stdint.h>
#include <string.h>

// No contraction to fused multiply-add, from here on in every file that includes this one: the
// helpers below are compiled where they are defined, so a pragma after the #include (as each
// kernel file also has) came too late for them. On x86-64 nothing showed it (the baseline and
// AVX builds have no FMA to fuse into), but on aarch64, where FMA is always there, `acc += a * b`
// in dot8 was fused and the validation and AdamW kernels gave other bits than on x86-64
// (found by scripts/cross-check under QEMU).
#pragma clang fp contract(off)

typedef float v8 __attribute__((vector_size(32), aligned(4)));
/// Two v8s side by side: one AVX-512 register, two AVX or four SSE2 ones. Lane for lane the
/// same arithmetic whichever it is, so it changes the speed, never the numbers.
typedef float v16 __attribute__((vector_size(64), aligned(4)));

#define ALWAYS_INLINE static inline __attribute__((always_inline))

// Vector helpers are macros, not functions: a function taking or returning a 256-bit
// vector would have a different calling convention in the baseline and the AVX build.
#define LOAD8(dst, ptr) memcpy(&(dst), (ptr), sizeof(v8))
#define STORE8(ptr, src) do { const v8 stored_ = (src); memcpy((ptr), &stored_, sizeof(v8)); } while (0)
#define SPLAT8(x) ((v8){(x), (x), (x), (x), (x), (x), (x), (x)})
#define LOAD16(dst, ptr) memcpy(&(dst), (ptr), sizeof(v16))
#define STORE16(ptr, src) do { const v16 stored_ = (src); memcpy((ptr), &stored_, sizeof(v16)); } while (0)
#define SPLAT16(x) ((v16){(x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x)})
#define LOW8(v) __builtin_shufflevector((v), (v), 0, 1, 2, 3, 4, 5, 6, 7)
#define HIGH8(v) __builtin_shufflevector((v), (v), 8, 9, 10, 11, 12, 13, 14, 15)
/// Lanes summed in a fixed tree order, the same for every instruction set.
#define SUM8(v) ((((v)[0] + (v)[4]) + ((v)[2] + (v)[6])) + (((v)[1] + (v)[5]) + ((v)[3] + (v)[7])))

/// p · q over `stride` floats (a multiple of 8), one accumulator, lanes summed by SUM8.
ALWAYS_INLINE float dot8(const float *p, const float *q, int64_t stride) {
    v8 acc = SPLAT8(0.0f);
    for (int64_t k = 0; k < stride; k += 8) {
        v8 a, b;
        LOAD8(a, p + k); LOAD8(b, q + k);
        acc += a * b;
    }
    return SUM8(acc);
}

ALWAYS_INLINE float sigmoidf(float x) {
    if (x >= 0) return 1 / (1 + expf(-x));
    float e = expf(x);
    return e / (1 + e);
}

#endif
