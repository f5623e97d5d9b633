// LatentCore's hottest loop and the things Swift has no spelling for: a cache prefetch,
// and code built for a wider instruction set than the portable baseline, chosen at run time.
#ifndef LATENTLAB_CKERNELS_H
#define LATENTLAB_CKERNELS_H

#include <stdint.h>

/// Asks the CPU to start loading the cache line at `address` (for writing soon).
static inline void ll_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }

/// Tells the CPU the thread is waiting in a loop (x86's `pause`: saves power, and leaves the
/// core to its sibling hyperthread).
static inline void ll_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/// One training rating, laid out exactly like LatentCore's `Rating` (a test checks it).
typedef struct {
    int32_t user;
    int32_t item;
    float value;
} ll_rating;

/// The parameters a per-rating SGD pass reads and updates, and its settings.
typedef struct {
    float *user_factors;   // users × stride floats, stride a multiple of 8, padding zero
    float *item_factors;   // items × stride floats
    float *user_bias;      // one float per user
    float *item_bias;      // one float per item
    int64_t stride;
    float learning_rate;
    float regularization;
    float base;            // added to every score: the global mean when there is no sigmoid
    float lo, span;        // with `squash`, the prediction is lo + span·σ(score)
    int32_t use_bias;
    int32_t squash;
    int32_t frozen_user;   // a user row the pass reads but never updates (the explorer's person); -1: none
} ll_sgd_model;

/// Surprise's SVD update (Funk SVD), one rating at a time in the given order:
///     e = r − r̂,  bᵤ += lr(e′ − reg·bᵤ),  bₘ += lr(e′ − reg·bₘ),
///     pᵤ ← pᵤ(1 − lr·reg) + lr·e′·qₘ,  qₘ ← qₘ(1 − lr·reg) + lr·e′·pᵤ(old)
/// where e′ is e times the sigmoid's slope when the model squashes. Returns Σ e².
/// Every instruction set computes bit-identical results (no fused multiply-add).
/// A rating of `frozen_user` updates only the movie's row and bias.
double ll_sgd_ratings(const ll_rating *ratings, int64_t count, const ll_sgd_model *model);

/// The parameters and AdamW state a mini-batch step reads and updates (`ll_adam_batch`).
typedef struct {
    float *user_factors, *item_factors;  // rows × stride, stride a multiple of 8
    float *user_bias, *item_bias;        // one float per row
    float *user_factors_m, *user_factors_v, *item_factors_m, *item_factors_v;  // Adam's moments, shaped alike
    float *user_bias_m, *user_bias_v, *item_bias_m, *item_bias_v;
    int64_t stride;
    float base;            // added to every score when there is no sigmoid (the global mean)
    float lo, span;        // with `squash`, the prediction is lo + span·σ(score)
    float beta2, epsilon, weight_decay;
    int32_t use_bias;
    int32_t squash;
    int32_t frozen_user;   // a user row that is read but never updated; -1: none
} ll_adam_model;

/// Where one thread gathers a batch's gradients: `user_slot`/`item_slot` (one per row, all -1
/// between calls) map a touched row to its place in the small gradient buffers, which hold
/// at least as many rows as a batch has ratings.
typedef struct {
    int32_t *user_slot, *item_slot;
    int32_t *users, *items;
    float *user_grad, *item_grad;
    float *user_bias_grad, *item_bias_grad;
} ll_adam_scratch;

/// One mini-batch step: the batch's MSE gradients (at the parameters before the step), then
/// lazy AdamW (decoupled weight decay) on the rows the batch touched, with bias correction for
/// the 1-based `step`. The rows of `upcoming` are prefetched meanwhile. Returns Σ error².
double ll_adam_batch(const ll_rating *batch, int64_t n, const ll_adam_model *model, ll_adam_scratch *scratch,
                     float lr, float beta1, int64_t step, const ll_rating *upcoming, int64_t upcoming_count);

/// What a prediction reads (`ll_rating_errors`): the model, and which rows it trained.
typedef struct {
    const float *user_factors, *item_factors;  // rows × stride, stride a multiple of 8
    const float *user_bias, *item_bias;        // one float per row (read when `use_bias`)
    const uint8_t *user_seen, *item_seen;      // nonzero: the row was trained
    int64_t stride;
    float base;            // added to every score when there is no sigmoid (the global mean)
    float lo, span;        // with `squash`, the prediction is lo + span·σ(score)
    float mean;            // the prediction when neither row was trained
    int32_t use_bias;
    int32_t squash;
} ll_score_model;

/// Sums of errors: Σ e², Σ |e|, how many ratings, how many with an untrained row.
typedef struct {
    double squared, absolute;
    int64_t count, unseen;
} ll_errors;

/// Adds the errors of the model's predictions for `ratings` to `out`: the score is
/// base + U[u]·M[m] + bᵤ + bₘ, a side the model never trained left out (both: `mean`), squashed
/// when `squash`. The same figures on every instruction set.
void ll_rating_errors(const ll_rating *ratings, int64_t count, const ll_score_model *model, ll_errors *out);

/// Lowers the calling thread's scheduling priority to `nice` (Linux: per thread; elsewhere a no-op).
/// Only ever lowered: an unprivileged thread cannot raise it back.
void ll_lower_thread_priority(int32_t nice);

/// The instruction set `ll_sgd_ratings` runs with: "avx512", "avx", "sse2" (x86-64), "neon"
/// (aarch64) or "portable".
const char *ll_kernel_isa(void);

/// The instruction sets the kernels are built for, each a superset of the one before.
enum { LL_ISA_BASELINE = 0, LL_ISA_AVX = 1, LL_ISA_AVX512 = 2 };

/// Runs the kernels with at most `highest` of those, even where the CPU has more (to compare
/// them); LL_ISA_AVX512 goes back to the best the CPU has.
void ll_limit_kernels(int32_t highest);

/// CRC-32C of `length` bytes, continuing from `crc` (0 to start). `portable` forces the table
/// version even where SSE4.2 is available (to compare the two).
uint32_t ll_crc32c(uint32_t crc, const void *data, int64_t length, int32_t portable);


/// The `nn` preset's network (`CollabNN`): `layers` hidden Linear → ReLU layers and a last
/// Linear to one output, squashed into [lo, hi]. Widths are padded to `stride[l]` (multiples of
/// 8, the padding zero): w[l] is stride[l] × stride[l + 1], row i the weights out of input i.
enum { LL_MLP_MAX_LAYERS = 4, LL_MLP_MAX_WIDTH = 1024 };
typedef struct {
    int32_t layers;
    int64_t stride[LL_MLP_MAX_LAYERS + 1];
    const float *w[LL_MLP_MAX_LAYERS];
    const float *b[LL_MLP_MAX_LAYERS];
    const float *wo;
    float bo, lo, hi;
} ll_mlp;

/// Gradient sums shaped as `ll_mlp`'s parameters (the caller zeroes them).
typedef struct {
    float *w[LL_MLP_MAX_LAYERS];
    float *b[LL_MLP_MAX_LAYERS];
    float *wo;
    float bo;
} ll_mlp_grads;

/// One mini-batch, or `count` ratings of a batch of `total` (the gradient is of the whole batch's
/// mean): `x` holds `count` inputs of stride[0] floats; adds the gradients of the mean squared
/// error to `g`, writes each input's gradient to `dx` and each prediction, and returns the sum
/// of squared errors. `scratch` holds 4·(2·LL_MLP_MAX_WIDTH + Σ stride[1...]) floats.
double ll_mlp_batch(const ll_mlp *m, ll_mlp_grads *g, const float *x, const float *targets, int64_t count, int64_t total,
                    float *dx, float *scratch, float *predictions);

/// The forward pass alone: `count` predictions (validation, rankings).
void ll_mlp_forward(const ll_mlp *m, const float *x, int64_t count, float *scratch, float *predictions);

/// One AdamW step over `count` floats (a multiple of 8): decoupled decay `decay` = 1 − lr·wd,
/// `lr_c1` = lr / (1 − β₁ᵗ), `c2` = 1 / (1 − β₂ᵗ).
void ll_adamw(float *p, const float *g, float *m, float *v, int64_t count,
              float b1, float b2, float lr_c1, float c2, float eps, float decay);

#endif
