// The mini-batch step of the fastai preset (lazy AdamW on a dot product with biases), one batch
// per call: the batch's gradients are gathered in a small scratch (only the rows it touched,
// so they stay in cache however large the tables are), then Adam updates those rows alone,
// while the rows of the next batch are prefetched. The Swift trainer's `trainStep` computes
// the same step; this is the fast path whole epochs take.
#include "ckernels.h"
#include "vectors.h"

#pragma clang fp contract(off)

/// g += dz · x over a row (a gradient row gathering one rating's term).
ALWAYS_INLINE void add_scaled(float *g, const float *x, float dz, int64_t stride) {
    const v8 vdz = SPLAT8(dz);
    for (int64_t k = 0; k < stride; k += 8) {
        v8 gk, xk;
        LOAD8(gk, g + k); LOAD8(xk, x + k);
        STORE8(g + k, gk + vdz * xk);
    }
}

/// The scratch slot of `row`, claimed (and its gradient zeroed) on first touch.
ALWAYS_INLINE int32_t slot_of(int32_t *slots, int32_t *touched, int64_t *count, float *grad, float *bias_grad,
                              int32_t row, int64_t stride) {
    int32_t s = slots[row];
    if (s < 0) {
        s = (int32_t)(*count)++;
        slots[row] = s;
        touched[s] = row;
        memset(grad + (int64_t)s * stride, 0, (size_t)stride * sizeof(float));
        bias_grad[s] = 0;
    }
    return s;
}

ALWAYS_INLINE void adam_row(float *p, const float *g, float *m, float *v, int64_t stride,
                            float b1, float b2, float lr_c1, float c2, float eps, float decay) {
    const v8 vb1 = SPLAT8(b1), vob1 = SPLAT8(1 - b1), vb2 = SPLAT8(b2), vob2 = SPLAT8(1 - b2);
    const v8 vlr = SPLAT8(lr_c1), vc2 = SPLAT8(c2), veps = SPLAT8(eps), vdec = SPLAT8(decay);
    for (int64_t k = 0; k < stride; k += 8) {
        v8 gk, mk, vk, pk;
        LOAD8(gk, g + k); LOAD8(mk, m + k); LOAD8(vk, v + k); LOAD8(pk, p + k);
        mk = vb1 * mk + vob1 * gk;
        vk = vb2 * vk + vob2 * gk * gk;
        // A vector square root (sqrtps), correctly rounded like sqrtf in every lane.
        const v8 root = __builtin_elementwise_sqrt(vk * vc2);
        STORE8(m + k, mk); STORE8(v + k, vk);
        STORE8(p + k, pk * vdec - vlr * mk / (root + veps));
    }
}

ALWAYS_INLINE void adam_scalar(float *p, float g, float *m, float *v,
                               float b1, float b2, float lr_c1, float c2, float eps, float decay) {
    *m = b1 * *m + (1 - b1) * g;
    *v = b2 * *v + (1 - b2) * g * g;
    *p = *p * decay - lr_c1 * *m / (sqrtf(*v * c2) + eps);
}

/// AdamW on one side's touched rows (factors, and the bias where the model has one); each
/// row's slot is given back (-1) for the next batch.
ALWAYS_INLINE void adam_rows(float *factors, float *bias, float *m, float *v, float *bias_m, float *bias_v,
                             const int32_t *rows, int64_t count, const float *grad, const float *bias_grad, int32_t *slots,
                             int64_t stride, int use_bias, float b1, float b2, float lr_c1, float c2, float eps, float decay) {
    for (int64_t s = 0; s < count; s++) {
        const int64_t row = rows[s];
        adam_row(factors + row * stride, grad + s * stride, m + row * stride, v + row * stride, stride, b1, b2, lr_c1, c2, eps, decay);
        if (use_bias) adam_scalar(bias + row, bias_grad[s], bias_m + row, bias_v + row, b1, b2, lr_c1, c2, eps, decay);
        slots[row] = -1;
    }
}

static void prefetch_row(const float *row, int64_t stride) {
    for (int64_t k = 0; k < stride; k += 16) ll_prefetch(row + k);
}

double ll_adam_batch(const ll_rating *batch, int64_t n, const ll_adam_model *model, ll_adam_scratch *scratch,
                     float lr, float beta1, int64_t step, const ll_rating *upcoming, int64_t upcoming_count) {
    if (n <= 0) return 0;
    const int64_t stride = model->stride;
    float *const U = model->user_factors, *const M = model->item_factors;
    float *const bu = model->user_bias, *const bm = model->item_bias;
    const int use_bias = model->use_bias, squash = model->squash;
    const int32_t frozen = model->frozen_user;
    const float scale = 2 / (float)n;
    int64_t users = 0, items = 0;
    double loss = 0;

    // Steps 2 and 3 with their derivative, every gradient at the parameters before the update.
    for (int64_t i = 0; i < n; i++) {
        const ll_rating r = batch[i];
        const float *const p = U + (int64_t)r.user * stride, *const q = M + (int64_t)r.item * stride;
        float z = (squash ? 0 : model->base) + dot8(p, q, stride);
        if (use_bias) z += bu[r.user] + bm[r.item];
        float prediction = z, slope = 1;
        if (squash) {
            const float s = sigmoidf(z);
            prediction = model->lo + model->span * s;
            slope = model->span * s * (1 - s);
        }
        const float e = prediction - r.value;
        loss += (double)(e * e);
        const float dz = scale * e * slope;
        if (r.user != frozen) {
            const int32_t s = slot_of(scratch->user_slot, scratch->users, &users, scratch->user_grad,
                                      scratch->user_bias_grad, r.user, stride);
            add_scaled(scratch->user_grad + (int64_t)s * stride, q, dz, stride);
            if (use_bias) scratch->user_bias_grad[s] += dz;
        }
        const int32_t s = slot_of(scratch->item_slot, scratch->items, &items, scratch->item_grad,
                                  scratch->item_bias_grad, r.item, stride);
        add_scaled(scratch->item_grad + (int64_t)s * stride, p, dz, stride);
        if (use_bias) scratch->item_bias_grad[s] += dz;
    }

    // The next batch's rows start on their way while this one's are updated.
    for (int64_t i = 0; i < upcoming_count; i++) {
        const ll_rating r = upcoming[i];
        prefetch_row(U + (int64_t)r.user * stride, stride);
        prefetch_row(M + (int64_t)r.item * stride, stride);
        prefetch_row(model->user_factors_m + (int64_t)r.user * stride, stride);
        prefetch_row(model->user_factors_v + (int64_t)r.user * stride, stride);
        prefetch_row(model->item_factors_m + (int64_t)r.item * stride, stride);
        prefetch_row(model->item_factors_v + (int64_t)r.item * stride, stride);
    }

    // Lazy AdamW on the touched rows only, with their weight decay.
    const float b2 = model->beta2, eps = model->epsilon;
    const float c1 = 1 / (1 - powf(beta1, (float)step)), c2 = 1 / (1 - powf(b2, (float)step));
    const float lr_c1 = c1 * lr, decay = 1 - lr * model->weight_decay;
    adam_rows(U, bu, model->user_factors_m, model->user_factors_v, model->user_bias_m, model->user_bias_v,
              scratch->users, users, scratch->user_grad, scratch->user_bias_grad, scratch->user_slot,
              stride, use_bias, beta1, b2, lr_c1, c2, eps, decay);
    adam_rows(M, bm, model->item_factors_m, model->item_factors_v, model->item_bias_m, model->item_bias_v,
              scratch->items, items, scratch->item_grad, scratch->item_bias_grad, scratch->item_slot,
              stride, use_bias, beta1, b2, lr_c1, c2, eps, decay);
    return loss;
}

static void adamw_baseline(float *p, const float *g, float *m, float *v, int64_t count,
                           float b1, float b2, float lr_c1, float c2, float eps, float decay) {
    adam_row(p, g, m, v, count, b1, b2, lr_c1, c2, eps, decay);
}

#if defined(__x86_64__)
__attribute__((target("avx")))
static void adamw_avx(float *p, const float *g, float *m, float *v, int64_t count,
                      float b1, float b2, float lr_c1, float c2, float eps, float decay) {
    adam_row(p, g, m, v, count, b1, b2, lr_c1, c2, eps, decay);
}
#endif

void ll_adamw(float *p, const float *g, float *m, float *v, int64_t count,
              float b1, float b2, float lr_c1, float c2, float eps, float decay) {
#if defined(__x86_64__)
    if (ll_kernel_isa()[0] == 'a') { adamw_avx(p, g, m, v, count, b1, b2, lr_c1, c2, eps, decay); return; }
#endif
    adamw_baseline(p, g, m, v, count, b1, b2, lr_c1, c2, eps, decay);
}
