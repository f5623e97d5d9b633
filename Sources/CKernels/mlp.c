// The `nn` preset's network on one mini-batch (the book's CollabNN): each rating's input is its
// user's and movie's embeddings side by side, through Linear → ReLU layers and a last Linear to
// one number, squashed by sigmoid_range. Forward, the mean squared error, and its gradient
// backward by hand: the layers' weight and bias gradients summed over the batch, and each
// rating's gradient with respect to its input (its two embedding rows) written out. The Swift
// side (`CollabNN`) computes the same in plain loops for the tests and the explorer's cell.
#include "ckernels.h"
#include "vectors.h"

#pragma clang fp contract(off)

/// Ratings go through the network `group` at a time: each weight vector loaded once serves all
/// of them (an accumulator each in registers), which cuts the memory traffic of the layers
/// (measured on MovieLens 100k: 0.42 s an epoch one at a time, 0.29 s four at a time; eight
/// with AVX-512's 32 registers was no faster, nor were 16-float vectors for the outputs and the
/// weight gradients, 0.21 s either way: this CPU runs a 512-bit operation as two 256-bit ones). Every sum still adds its terms in the same order as
/// one rating at a time would, so the group changes the speed, never the numbers.
#define GROUP 4

/// `n` ratings (at most GROUP) through the network and back: inputs `x`, their targets and
/// predictions, the gradients flowing to the inputs in `dx`. Inlined with n = GROUP, every loop
/// over the group is unrolled.
ALWAYS_INLINE double mlp_group(const ll_mlp *m, ll_mlp_grads *g, const float *x, const float *targets, const int64_t n, int64_t total,
                               float *dx, float *scratch, float *predictions, const int backward) {
    const int32_t L = m->layers;
    const float span = m->hi - m->lo;
    // a[0] is the group's inputs (rows of stride[0]), a[l] hidden layer l's activations after
    // the ReLU (rows of stride[l]); delta and next hold the group's gradients flowing back.
    float *a[LL_MLP_MAX_LAYERS + 1];
    float *delta = scratch, *next = scratch + GROUP * LL_MLP_MAX_WIDTH;
    float *at = scratch + 2 * GROUP * LL_MLP_MAX_WIDTH;
    for (int32_t l = 1; l <= L; l++) { a[l] = at; at += GROUP * m->stride[l]; }
    double sse = 0;
    a[0] = (float *)x;
    // Forward: z = b + Σ_i a[i]·W[i] (i in order), then the ReLU.
    for (int32_t l = 0; l < L; l++) {
        const int64_t in = m->stride[l], out = m->stride[l + 1];
        const float *w = m->w[l], *A = a[l];
        float *Z = a[l + 1];
        for (int64_t j = 0; j < out; j += 8) {
            v8 acc[GROUP], bias;
            LOAD8(bias, m->b[l] + j);
            for (int64_t r = 0; r < GROUP; r++) acc[r] = bias;
            for (int64_t i = 0; i < in; i++) {
                v8 wv;
                LOAD8(wv, w + i * out + j);
                for (int64_t r = 0; r < n; r++) acc[r] += SPLAT8(A[r * in + i]) * wv;
            }
            const v8 zero = SPLAT8(0.0f);
            for (int64_t r = 0; r < n; r++) STORE8(Z + r * out + j, __builtin_elementwise_max(acc[r], zero));
        }
    }
    const int64_t last = m->stride[L];
    float dzo[GROUP];
    for (int64_t r = 0; r < n; r++) {
        const float zo = m->bo + dot8(a[L] + r * last, m->wo, last);
        const float s = sigmoidf(zo);
        const float pred = m->lo + span * s;
        predictions[r] = pred;
        if (!backward) continue;
        const float err = pred - targets[r];
        sse += (double)err * err;
        // d(mean loss)/d(pred) = 2·err/total (the whole batch's mean), through the sigmoid.
        dzo[r] = 2 * err / (float)total * span * s * (1 - s);
    }
    if (!backward) return 0;
    // The output layer's gradients, then the deltas of the last hidden layer.
    for (int64_t r = 0; r < n; r++) {
        g->bo += dzo[r];
        const float *ar = a[L] + r * last;
        for (int64_t j = 0; j < last; j++) {
            g->wo[j] += dzo[r] * ar[j];
            delta[r * last + j] = ar[j] > 0 ? dzo[r] * m->wo[j] : 0;
        }
    }
    for (int32_t l = L - 1; l >= 0; l--) {
        const int64_t in = m->stride[l], out = m->stride[l + 1];
        const float *w = m->w[l], *A = a[l];
        float *gw = g->w[l];
        for (int64_t j = 0; j < out; j += 8) {
            v8 gb;
            LOAD8(gb, g->b[l] + j);
            for (int64_t r = 0; r < n; r++) { v8 d; LOAD8(d, delta + r * out + j); gb += d; }
            STORE8(g->b[l] + j, gb);
        }
        for (int64_t i = 0; i < in; i++) {
            // Input i's weight gradients (Σ over the group of a[i]·delta) and the gradient
            // flowing back to it (W[i]·delta), from one pass over its weights.
            v8 back[GROUP];
            for (int64_t r = 0; r < GROUP; r++) back[r] = SPLAT8(0.0f);
            for (int64_t j = 0; j < out; j += 8) {
                v8 wv, gv;
                LOAD8(wv, w + i * out + j); LOAD8(gv, gw + i * out + j);
                for (int64_t r = 0; r < n; r++) {
                    v8 d;
                    LOAD8(d, delta + r * out + j);
                    gv += SPLAT8(A[r * in + i]) * d;
                    back[r] += wv * d;
                }
                STORE8(gw + i * out + j, gv);
            }
            for (int64_t r = 0; r < n; r++) {
                const float d = SUM8(back[r]);
                if (l == 0) dx[r * in + i] = d;
                else next[r * in + i] = A[r * in + i] > 0 ? d : 0;
            }
        }
        if (l > 0) { float *t = delta; delta = next; next = t; }
    }
    return sse;
}

ALWAYS_INLINE double mlp_body(const ll_mlp *m, ll_mlp_grads *g, const float *x, const float *targets, int64_t count, int64_t total,
                              float *dx, float *scratch, float *predictions, const int backward) {
    double sse = 0;
    const int64_t s0 = m->stride[0];
    int64_t r0 = 0;
    for (; r0 + GROUP <= count; r0 += GROUP)
        sse += mlp_group(m, g, x + r0 * s0, targets ? targets + r0 : 0, GROUP, total, dx ? dx + r0 * s0 : 0, scratch, predictions + r0, backward);
    if (r0 < count)
        sse += mlp_group(m, g, x + r0 * s0, targets ? targets + r0 : 0, count - r0, total, dx ? dx + r0 * s0 : 0, scratch, predictions + r0, backward);
    return sse;
}

static double mlp_baseline(const ll_mlp *m, ll_mlp_grads *g, const float *x, const float *t, int64_t n, int64_t total, float *dx, float *s, float *p) {
    return mlp_body(m, g, x, t, n, total, dx, s, p, 1);
}

static void mlp_forward_baseline(const ll_mlp *m, const float *x, int64_t n, float *s, float *p) {
    mlp_body(m, 0, x, 0, n, n, 0, s, p, 0);
}

#if defined(__x86_64__)
__attribute__((target("avx")))
static double mlp_avx(const ll_mlp *m, ll_mlp_grads *g, const float *x, const float *t, int64_t n, int64_t total, float *dx, float *s, float *p) {
    return mlp_body(m, g, x, t, n, total, dx, s, p, 1);
}

__attribute__((target("avx512f,avx512vl")))
static double mlp_avx512(const ll_mlp *m, ll_mlp_grads *g, const float *x, const float *t, int64_t n, int64_t total, float *dx, float *s, float *p) {
    return mlp_body(m, g, x, t, n, total, dx, s, p, 1);
}

__attribute__((target("avx")))
static void mlp_forward_avx(const ll_mlp *m, const float *x, int64_t n, float *s, float *p) {
    mlp_body(m, 0, x, 0, n, n, 0, s, p, 0);
}
#endif

void ll_mlp_forward(const ll_mlp *m, const float *x, int64_t count, float *scratch, float *predictions) {
#if defined(__x86_64__)
    if (ll_kernel_isa()[0] == 'a') { mlp_forward_avx(m, x, count, scratch, predictions); return; }
#endif
    mlp_forward_baseline(m, x, count, scratch, predictions);
}

double ll_mlp_batch(const ll_mlp *m, ll_mlp_grads *g, const float *x, const float *targets, int64_t count, int64_t total,
                    float *dx, float *scratch, float *predictions) {
#if defined(__x86_64__)
    const char *isa = ll_kernel_isa();
    if (isa[0] == 'a' && isa[3] == '5') return mlp_avx512(m, g, x, targets, count, total, dx, scratch, predictions);
    if (isa[0] == 'a') return mlp_avx(m, g, x, targets, count, total, dx, scratch, predictions);
#endif
    return mlp_baseline(m, g, x, targets, count, total, dx, scratch, predictions);
}
