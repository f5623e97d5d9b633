// The validation pass: predictions for held-out ratings and their squared and absolute errors,
// the model's factor rows prefetched ahead. Compiled for the x86-64 baseline and for AVX like
// the SGD loop, with the same vectors and order of additions (no fused multiply-add), so both
// give the same figures.
#include "ckernels.h"
#include "vectors.h"

#pragma clang fp contract(off)

/// How many ratings ahead the rows are fetched (as in the SGD loop).
enum { ERRORS_PREFETCH_DISTANCE = 16 };

ALWAYS_INLINE void errors_body(const ll_rating *ratings, int64_t count, const ll_score_model *m, ll_errors *out) {
    const int64_t stride = m->stride;
    double se = 0, ae = 0;
    int64_t unseen = 0;
    for (int64_t i = 0; i < count; i++) {
        if (i + ERRORS_PREFETCH_DISTANCE < count) {
            const ll_rating ahead = ratings[i + ERRORS_PREFETCH_DISTANCE];
            const float *p = m->user_factors + (int64_t)ahead.user * stride, *q = m->item_factors + (int64_t)ahead.item * stride;
            for (int64_t k = 0; k < stride; k += 16) { __builtin_prefetch(p + k, 0, 3); __builtin_prefetch(q + k, 0, 3); }
        }
        const ll_rating r = ratings[i];
        const int user_known = m->user_seen[r.user] != 0, item_known = m->item_seen[r.item] != 0;
        float prediction;
        if (!user_known || !item_known) unseen += 1;
        if (!user_known && !item_known) {
            prediction = m->mean;
        } else {
            float z = m->base;
            if (user_known && item_known) {
                z += dot8(m->user_factors + (int64_t)r.user * stride, m->item_factors + (int64_t)r.item * stride, stride);
            }
            if (m->use_bias) {
                if (user_known) z += m->user_bias[r.user];
                if (item_known) z += m->item_bias[r.item];
            }
            prediction = m->squash ? m->lo + m->span * sigmoidf(z) : z;
        }
        const double e = (double)(prediction - r.value);
        se += e * e;
        ae += fabs(e);
    }
    out->squared += se;
    out->absolute += ae;
    out->count += count;
    out->unseen += unseen;
}

static void errors_baseline(const ll_rating *ratings, int64_t count, const ll_score_model *m, ll_errors *out) {
    errors_body(ratings, count, m, out);
}

#if defined(__x86_64__)
__attribute__((target("avx")))
static void errors_avx(const ll_rating *ratings, int64_t count, const ll_score_model *m, ll_errors *out) {
    errors_body(ratings, count, m, out);
}
#endif

void ll_rating_errors(const ll_rating *ratings, int64_t count, const ll_score_model *model, ll_errors *out) {
#if defined(__x86_64__)
    if (ll_kernel_isa()[0] == 'a') { errors_avx(ratings, count, model, out); return; }
#endif
    errors_baseline(ratings, count, model, out);
}
