// Trains fixed synthetic problems with LatentLab's C kernels (SGD, AdamW, the validation errors,
// the nn preset's network, CRC-32C) and prints a fingerprint of every number they produce. scripts/cross-check builds it
// for this machine and for aarch64, runs the second under QEMU, and compares: the kernels
// promise the same bits on every instruction set and every architecture.
//
//   kernel_check [baseline|avx|avx512]   (the cap on x86-64's instruction sets; ignored elsewhere)
#include "ckernels.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { USERS = 60, ITEMS = 45, RATINGS = 1500 };

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_u32(void) {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng >> 33);
}
static float next_unit(void) { return (float)(next_u32() & 0xFFFFFF) / (float)0x1000000; }

/// FNV-1a over bytes: a fingerprint of the floats as stored.
static uint64_t fnv(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) { h ^= b[i]; h *= 0x100000001B3ull; }
    return h;
}

static uint64_t bits(double x) { uint64_t u; memcpy(&u, &x, sizeof u); return u; }

static float *table(int64_t rows, int64_t stride, int64_t factors, float scale) {
    float *t = calloc((size_t)(rows * stride), sizeof(float));
    if (!t) { perror("calloc"); exit(2); }
    for (int64_t r = 0; r < rows; r++)
        for (int64_t j = 0; j < factors; j++) t[r * stride + j] = (next_unit() - 0.5f) * scale;
    return t;
}

static void ratings(ll_rating *out) {
    for (int i = 0; i < RATINGS; i++) {
        out[i].user = (int32_t)(next_u32() % USERS);
        out[i].item = (int32_t)(next_u32() % ITEMS);
        out[i].value = (float)(1 + next_u32() % 5);
    }
}

static void sgd(int64_t factors, int squash) {
    const int64_t stride = (factors + 7) / 8 * 8;
    ll_rating r[RATINGS];
    ratings(r);
    float *U = table(USERS, stride, factors, 0.2f), *M = table(ITEMS, stride, factors, 0.2f);
    float *bu = table(USERS, 1, 1, 0.1f), *bm = table(ITEMS, 1, 1, 0.1f);
    ll_sgd_model m = { U, M, bu, bm, stride, 0.01f, 0.02f, squash ? 0.0f : 3.5f, 0.0f, 5.5f, 1, squash, -1 };
    uint64_t h = 0xCBF29CE484222325ull;
    for (int epoch = 0; epoch < 5; epoch++) {
        double loss = ll_sgd_ratings(r, RATINGS, &m);
        uint64_t b = bits(loss);
        h = fnv(h, &b, sizeof b);
    }
    h = fnv(h, U, sizeof(float) * USERS * stride); h = fnv(h, M, sizeof(float) * ITEMS * stride);
    h = fnv(h, bu, sizeof(float) * USERS); h = fnv(h, bm, sizeof(float) * ITEMS);
    printf("sgd factors=%" PRId64 " sigmoid=%d  %016" PRIx64 "  U[0][0]=%a\n", factors, squash, h, (double)U[0]);

    // The validation pass over the trained model, with one user and one movie untrained.
    uint8_t user_seen[USERS], item_seen[ITEMS];
    memset(user_seen, 1, sizeof user_seen); memset(item_seen, 1, sizeof item_seen);
    user_seen[3] = 0; item_seen[5] = 0;
    ll_score_model s = { U, M, bu, bm, user_seen, item_seen, stride, m.base, 0.0f, 5.5f, 3.5f, 1, squash };
    ll_errors e = { 0, 0, 0, 0 };
    ll_rating_errors(r, RATINGS, &s, &e);
    printf("errors factors=%" PRId64 " sigmoid=%d  squared=%016" PRIx64 " absolute=%016" PRIx64 " unseen=%" PRId64 "\n",
           factors, squash, bits(e.squared), bits(e.absolute), e.unseen);
    free(U); free(M); free(bu); free(bm);
}

static void adam(int64_t factors) {
    const int64_t stride = (factors + 7) / 8 * 8, batch = 64;
    ll_rating r[RATINGS];
    ratings(r);
    float *U = table(USERS, stride, factors, 0.02f), *M = table(ITEMS, stride, factors, 0.02f);
    float *bu = table(USERS, 1, 1, 0.02f), *bm = table(ITEMS, 1, 1, 0.02f);
    float *Um = table(USERS, stride, 0, 0), *Uv = table(USERS, stride, 0, 0), *Mm = table(ITEMS, stride, 0, 0), *Mv = table(ITEMS, stride, 0, 0);
    float *bum = table(USERS, 1, 0, 0), *buv = table(USERS, 1, 0, 0), *bmm = table(ITEMS, 1, 0, 0), *bmv = table(ITEMS, 1, 0, 0);
    ll_adam_model m = { U, M, bu, bm, Um, Uv, Mm, Mv, bum, buv, bmm, bmv, stride, 0.0f, 0.0f, 5.5f, 0.99f, 1e-5f, 0.1f, 1, 1, -1 };
    int32_t user_slot[USERS], item_slot[ITEMS], users[64], items[64];
    for (int i = 0; i < USERS; i++) user_slot[i] = -1;
    for (int i = 0; i < ITEMS; i++) item_slot[i] = -1;
    float *ug = table(batch, stride, 0, 0), *ig = table(batch, stride, 0, 0), *ubg = table(batch, 1, 0, 0), *ibg = table(batch, 1, 0, 0);
    ll_adam_scratch scratch = { user_slot, item_slot, users, items, ug, ig, ubg, ibg };
    uint64_t h = 0xCBF29CE484222325ull;
    int64_t step = 0;
    for (int epoch = 0; epoch < 3; epoch++) {
        for (int64_t start = 0; start < RATINGS; start += batch) {
            const int64_t n = RATINGS - start < batch ? RATINGS - start : batch;
            const int64_t next = start + n < RATINGS ? start + n : 0;
            double loss = ll_adam_batch(r + start, n, &m, &scratch, 5e-3f, 0.9f, ++step, r + next, next ? (RATINGS - next < batch ? RATINGS - next : batch) : 0);
            uint64_t b = bits(loss);
            h = fnv(h, &b, sizeof b);
        }
    }
    h = fnv(h, U, sizeof(float) * USERS * stride); h = fnv(h, M, sizeof(float) * ITEMS * stride);
    h = fnv(h, Uv, sizeof(float) * USERS * stride); h = fnv(h, bm, sizeof(float) * ITEMS);
    printf("adamw factors=%" PRId64 "  %016" PRIx64 "  U[0][0]=%a\n", factors, h, (double)U[0]);
}

/// The nn preset's network: batches of 13 (three groups of four and a tail of one) through two
/// hidden layers, forward and backward, each step followed by AdamW on the layers.
static void mlp(void) {
    const int64_t stride[3] = { 24, 16, 8 };
    int64_t count = 0, at[6];
    for (int l = 0; l < 2; l++) { at[2 * l] = count; count += stride[l] * stride[l + 1]; at[2 * l + 1] = count; count += stride[l + 1]; }
    const int64_t wo = count; count += stride[2];
    count = (count + 7) / 8 * 8;
    float *p = table(1, count, count, 0.6f), *g = calloc((size_t)count, sizeof(float));
    float *m1 = calloc((size_t)count, sizeof(float)), *m2 = calloc((size_t)count, sizeof(float));
    float *x = table(13, stride[0], 21, 1.0f), *dx = calloc(13 * (size_t)stride[0], sizeof(float));
    float *scratch = calloc(4 * (2 * LL_MLP_MAX_WIDTH + 24), sizeof(float)), predictions[13], targets[13];
    if (!g || !m1 || !m2 || !dx || !scratch) { perror("calloc"); exit(2); }
    for (int r = 0; r < 13; r++) targets[r] = (next_unit() + 0.25f) * 4; // (no a + b·c: that would fuse on aarch64)
    uint64_t h = 0xcbf29ce484222325ull;
    for (int step = 1; step <= 20; step++) {
        ll_mlp model = { .layers = 2, .stride = { stride[0], stride[1], stride[2] }, .w = { p + at[0], p + at[2] }, .b = { p + at[1], p + at[3] },
                         .wo = p + wo, .bo = 0.1f, .lo = 0, .hi = 5.5f };
        memset(g, 0, (size_t)count * sizeof(float));
        ll_mlp_grads grads = { .w = { g + at[0], g + at[2] }, .b = { g + at[1], g + at[3] }, .wo = g + wo, .bo = 0 };
        const double sse = ll_mlp_batch(&model, &grads, x, targets, 13, 13, dx, scratch, predictions);
        ll_adamw(p, g, m1, m2, count, 0.9f, 0.99f, 1e-2f, 1.0f / (1 - 0.99f), 1e-5f, 0.999f);
        h = fnv(h, &sse, sizeof sse);
        h = fnv(h, dx, 13 * (size_t)stride[0] * sizeof(float));
        h = fnv(h, predictions, sizeof predictions);
    }
    ll_mlp model = { .layers = 2, .stride = { stride[0], stride[1], stride[2] }, .w = { p + at[0], p + at[2] }, .b = { p + at[1], p + at[3] },
                     .wo = p + wo, .bo = 0.1f, .lo = 0, .hi = 5.5f };
    ll_mlp_forward(&model, x, 13, scratch, predictions);
    h = fnv(h, predictions, sizeof predictions);
    h = fnv(h, p, (size_t)count * sizeof(float));
    printf("mlp 24-16-8  %016" PRIx64 "  p[0]=%a\n", h, (double)p[0]);
    free(p); free(g); free(m1); free(m2); free(x); free(dx); free(scratch);
}

static void crc(void) {
    unsigned char bytes[4099];
    for (size_t i = 0; i < sizeof bytes; i++) bytes[i] = (unsigned char)next_u32();
    printf("crc32c  %08x %08x\n", ll_crc32c(0, bytes, sizeof bytes, 0), ll_crc32c(0, bytes, sizeof bytes, 1));
}

int main(int argc, char **argv) {
    if (argc > 1) {
        if (strcmp(argv[1], "baseline") == 0) ll_limit_kernels(LL_ISA_BASELINE);
        else if (strcmp(argv[1], "avx") == 0) ll_limit_kernels(LL_ISA_AVX);
        else ll_limit_kernels(LL_ISA_AVX512);
    }
    fprintf(stderr, "kernels: %s\n", ll_kernel_isa());
    const int64_t sizes[] = { 4, 50, 64, 100 };
    for (int i = 0; i < 4; i++) { sgd(sizes[i], 0); sgd(sizes[i], 1); adam(sizes[i]); }
    mlp();
    crc();
    return 0;
}
