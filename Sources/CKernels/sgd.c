// The per-rating SGD pass, written once and compiled twice on x86-64: for the portable
// baseline (SSE2, which every x86-64 CPU has) and for AVX, picked at run time with CPUID.
// Both use the same 8-float vectors and the same order of additions, and contraction to
// fused multiply-add is off, so a seed gives the same model on every machine.
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

/// p · q with two accumulators (even and odd vectors) to halve the chain of dependent adds.
/// `stride` is a multiple of 8.
ALWAYS_INLINE float dot_rows(const float *p, const float *q, int64_t stride) {
    v8 even = SPLAT8(0.0f), odd = SPLAT8(0.0f);
    int64_t k = 0;
    for (; k + 16 <= stride; k += 16) {
        v8 a, b, c, d;
        LOAD8(a, p + k); LOAD8(b, q + k); LOAD8(c, p + k + 8); LOAD8(d, q + k + 8);
        even += a * b;
        odd += c * d;
    }
    if (k < stride) {
        v8 a, b;
        LOAD8(a, p + k); LOAD8(b, q + k);
        even += a * b;
    }
    even += odd;
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
    const v8 keep = SPLAT8(1 - st->lr * st->reg), g = SPLAT8(gz) * SPLAT8(st->lr);
    for (int64_t k = 0; k < st->stride; k += 8) {
        v8 pk, qk;
        LOAD8(pk, p + k); LOAD8(qk, q + k);
        STORE8(p + k, pk * keep + g * qk);
        STORE8(q + k, qk * keep + g * pk);
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

/// AVX needs the CPU's support and the OS saving the 256-bit registers (XCR0 bits 1 and 2).
static int cpu_has_avx(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (osxsave | avx)) != (osxsave | avx)) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 6) == 6;
}
#endif

static _Atomic int32_t baseline_only = 0;

static int use_avx(void) {
#if defined(__x86_64__)
    static _Atomic int32_t detected = -1;
    int32_t has = detected;
    if (has < 0) { has = cpu_has_avx(); detected = has; }
    return has && !baseline_only;
#else
    return 0;
#endif
}

double ll_sgd_ratings(const ll_rating *ratings, int64_t count, const ll_sgd_model *model) {
#if defined(__x86_64__)
    if (use_avx()) return sgd_avx(ratings, count, model);
#endif
    return sgd_baseline(ratings, count, model);
}

const char *ll_kernel_isa(void) {
#if defined(__x86_64__)
    return use_avx() ? "avx" : "sse2";
#else
    return "portable";
#endif
}

void ll_use_baseline_kernels(int32_t on) { baseline_only = on != 0; }
