// The per-rating SGD pass, written once and compiled three times on x86-64: for the portable
// baseline (SSE2, which every x86-64 CPU has), for AVX and for AVX-512, picked at run time
// with CPUID. All use the same 16-float vectors and the same order of additions, and
// contraction to fused multiply-add is off, so a seed gives the same model on every machine.
#include "ckernels.h"
#include "vectors.h"

#pragma clang fp contract(off)

/// How many ratings ahead the factor rows are prefetched: far enough to cover a
/// trip to L3, near enough that the lines are still in L1 when used.
enum { PREFETCH_DISTANCE = 16 };

/// The settings, copied out of `ll_sgd_model` into a local: read through the pointer, each
/// could alias the floats the loop stores and would be reloaded for every rating.
typedef struct {
    float *U, *M, *bu, *bm;
    int64_t stride;
    float lr, reg, base, lo, span;
    int use_bias, squash;
    int32_t frozen_user;
} sgd_state;

ALWAYS_INLINE void prefetch_rows(const sgd_state *st, ll_rating r) {
    const float *p = st->U + (int64_t)r.user * st->stride, *q = st->M + (int64_t)r.item * st->stride;
    for (int64_t k = 0; k < st->stride; k += 16) { ll_prefetch(p + k); ll_prefetch(q + k); }
}

/// p · q in 16-float vectors: the accumulator's low half sums the even 8-float pieces, its
/// high half the odd ones (two chains of dependent adds instead of one), and a last odd
/// piece goes to the low half. `stride` is a multiple of 8.
ALWAYS_INLINE float dot_rows(const float *p, const float *q, int64_t stride) {
    v16 acc = SPLAT16(0.0f);
    int64_t k = 0;
    for (; k + 16 <= stride; k += 16) {
        v16 a, b;
        LOAD16(a, p + k); LOAD16(b, q + k);
        acc += a * b;
    }
    v8 even = LOW8(acc);
    if (k < stride) {
        v8 a, b;
        LOAD8(a, p + k); LOAD8(b, q + k);
        even += a * b;
    }
    even += HIGH8(acc);
    return SUM8(even);
}

/// The prediction error's gradient with respect to the score, e′; adds e² to the loss.
ALWAYS_INLINE float score_gradient(const sgd_state *st, ll_rating r, float dot, double *loss) {
    float z = st->base + dot;
    if (st->use_bias) z += st->bu[r.user] + st->bm[r.item];
    float prediction = z, slope = 1;
    if (st->squash) {
        const float s = sigmoidf(z);
        prediction = st->lo + st->span * s;
        slope = st->span * s * (1 - s);
    }
    const float err = r.value - prediction;
    *loss += (double)(err * err);
    return err * slope;
}

/// The update of a rating whose user row is frozen: only the movie side learns from it.
static void step_movie_only(const sgd_state *st, ll_rating r, float gz) {
    const float *const p = st->U + (int64_t)r.user * st->stride;
    float *const q = st->M + (int64_t)r.item * st->stride;
    if (st->use_bias) st->bm[r.item] += st->lr * (gz - st->reg * st->bm[r.item]);
    const v8 keep = SPLAT8(1 - st->lr * st->reg), g = SPLAT8(gz) * SPLAT8(st->lr);
    for (int64_t k = 0; k < st->stride; k += 8) {
        v8 pk, qk;
        LOAD8(pk, p + k); LOAD8(qk, q + k);
        STORE8(q + k, qk * keep + g * pk);
    }
}

ALWAYS_INLINE void step_rating(const sgd_state *st, ll_rating r, float gz) {
    if (__builtin_expect(r.user == st->frozen_user, 0)) { step_movie_only(st, r, gz); return; }
    float *const p = st->U + (int64_t)r.user * st->stride, *const q = st->M + (int64_t)r.item * st->stride;
    if (st->use_bias) {
        st->bu[r.user] += st->lr * (gz - st->reg * st->bu[r.user]);
        st->bm[r.item] += st->lr * (gz - st->reg * st->bm[r.item]);
    }
    const float keep = 1 - st->lr * st->reg, g = gz * st->lr;
    int64_t k = 0;
    for (; k + 16 <= st->stride; k += 16) {
        v16 pk, qk;
        LOAD16(pk, p + k); LOAD16(qk, q + k);
        STORE16(p + k, pk * SPLAT16(keep) + SPLAT16(g) * qk);
        STORE16(q + k, qk * SPLAT16(keep) + SPLAT16(g) * pk);
    }
    if (k < st->stride) {
        v8 pk, qk;
        LOAD8(pk, p + k); LOAD8(qk, q + k);
        STORE8(p + k, pk * SPLAT8(keep) + SPLAT8(g) * qk);
        STORE8(q + k, qk * SPLAT8(keep) + SPLAT8(g) * pk);
    }
}

ALWAYS_INLINE float dot_of(const sgd_state *st, ll_rating r) {
    return dot_rows(st->U + (int64_t)r.user * st->stride, st->M + (int64_t)r.item * st->stride, st->stride);
}

/// One rating's update is a long chain of dependent instructions. Two neighbouring ratings
/// that share neither the user nor the movie touch disjoint parameters, so doing them side
/// by side gives exactly the numbers of doing them one after the other, and lets the CPU
/// overlap the two chains (measured about 8% faster on a 1M-rating epoch).
ALWAYS_INLINE double sgd_body(const ll_rating *ratings, int64_t count, const ll_sgd_model *model,
                              const int64_t stride) {
    const sgd_state st = {
        model->user_factors, model->item_factors, model->user_bias, model->item_bias, stride,
        model->learning_rate, model->regularization, model->base, model->lo, model->span,
        model->use_bias, model->squash, model->frozen_user,
    };
    double loss = 0;
    int64_t i = 0;
    while (i < count) {
        const ll_rating a = ratings[i];
        if (i + 1 < count && ratings[i + 1].user != a.user && ratings[i + 1].item != a.item) {
            const ll_rating b = ratings[i + 1];
            if (i + 1 + PREFETCH_DISTANCE < count) {
                prefetch_rows(&st, ratings[i + PREFETCH_DISTANCE]);
                prefetch_rows(&st, ratings[i + 1 + PREFETCH_DISTANCE]);
            }
            const float dot_a = dot_of(&st, a), dot_b = dot_of(&st, b);
            const float gz_a = score_gradient(&st, a, dot_a, &loss);
            const float gz_b = score_gradient(&st, b, dot_b, &loss);
            step_rating(&st, a, gz_a);
            step_rating(&st, b, gz_b);
            i += 2;
        } else {
            if (i + PREFETCH_DISTANCE < count) prefetch_rows(&st, ratings[i + PREFETCH_DISTANCE]);
            step_rating(&st, a, score_gradient(&st, a, dot_of(&st, a), &loss));
            i += 1;
        }
    }
    return loss;
}

/// Rows of up to 128 factors (the presets use 50 and 100) get a copy of the loop for their
/// exact length: with the length a constant the compiler unrolls the row loops into
/// straight-line vector code (measured 5–10% faster with AVX, no slower without).
#define SGD_CASE(ratings, count, model, n) \
    case n: return sgd_body(ratings, count, model, n);
#define SGD_DISPATCH_ON_STRIDE(r, c, m)                                                                   \
    switch ((m)->stride) {                                                                                \
    SGD_CASE(r, c, m, 8) SGD_CASE(r, c, m, 16) SGD_CASE(r, c, m, 24) SGD_CASE(r, c, m, 32)               \
    SGD_CASE(r, c, m, 40) SGD_CASE(r, c, m, 48) SGD_CASE(r, c, m, 56) SGD_CASE(r, c, m, 64)              \
    SGD_CASE(r, c, m, 72) SGD_CASE(r, c, m, 80) SGD_CASE(r, c, m, 88) SGD_CASE(r, c, m, 96)              \
    SGD_CASE(r, c, m, 104) SGD_CASE(r, c, m, 112) SGD_CASE(r, c, m, 120) SGD_CASE(r, c, m, 128)          \
    default: return sgd_body(r, c, m, (m)->stride);                                                       \
    }

static double sgd_baseline(const ll_rating *ratings, int64_t count, const ll_sgd_model *model) {
    SGD_DISPATCH_ON_STRIDE(ratings, count, model);
}

#if defined(__x86_64__)
#include <cpuid.h>

__attribute__((target("avx")))
static double sgd_avx(const ll_rating *ratings, int64_t count, const ll_sgd_model *model) {
    SGD_DISPATCH_ON_STRIDE(ratings, count, model);
}

/// AVX-512 (measured 8% faster than AVX with 100 factors, 20% with 50): half the instructions
/// for the same vectors, and twice the registers.
__attribute__((target("avx512f,avx512vl")))
static double sgd_avx512(const ll_rating *ratings, int64_t count, const ll_sgd_model *model) {
    SGD_DISPATCH_ON_STRIDE(ratings, count, model);
}

/// The best of LL_ISA_AVX512, LL_ISA_AVX and LL_ISA_BASELINE that the CPU has and the OS
/// saves the registers of (XCR0: bits 1–2 for AVX's, 5–7 for AVX-512's).
static int32_t cpu_isa(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return LL_ISA_BASELINE;
    const unsigned osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (osxsave | avx)) != (osxsave | avx)) return LL_ISA_BASELINE;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0x6) != 0x6) return LL_ISA_BASELINE;
    const unsigned avx512f = 1u << 16, avx512vl = 1u << 31;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) && (ebx & (avx512f | avx512vl)) == (avx512f | avx512vl)
        && (lo & 0xE6) == 0xE6)
        return LL_ISA_AVX512;
    return LL_ISA_AVX;
}
#endif

static _Atomic int32_t highest_allowed = LL_ISA_AVX512;

/// What the kernels run with: the CPU's best, within the cap of `ll_limit_kernels`.
static int32_t kernel_isa(void) {
#if defined(__x86_64__)
    static _Atomic int32_t detected = -1;
    int32_t has = detected;
    if (has < 0) { has = cpu_isa(); detected = has; }
    const int32_t cap = highest_allowed;
    return has < cap ? has : cap;
#else
    return LL_ISA_BASELINE;
#endif
}

double ll_sgd_ratings(const ll_rating *ratings, int64_t count, const ll_sgd_model *model) {
#if defined(__x86_64__)
    switch (kernel_isa()) {
    case LL_ISA_AVX512: return sgd_avx512(ratings, count, model);
    case LL_ISA_AVX: return sgd_avx(ratings, count, model);
    default: break;
    }
#endif
    return sgd_baseline(ratings, count, model);
}

const char *ll_kernel_isa(void) {
#if defined(__x86_64__)
    switch (kernel_isa()) {
    case LL_ISA_AVX512: return "avx512";
    case LL_ISA_AVX: return "avx";
    default: return "sse2";
    }
#elif defined(__aarch64__)
    // The same C: its 16-float vectors become four 128-bit NEON registers (Advanced SIMD is part
    // of every AArch64 CPU), with the same additions in the same order and no fused multiply-add.
    return "neon";
#else
    return "portable";
#endif
}

void ll_limit_kernels(int32_t highest) { highest_allowed = highest; }
