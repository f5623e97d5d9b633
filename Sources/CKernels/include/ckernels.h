// Tiny C helpers for LatentCore's inner loops: things Swift has no spelling for.
#ifndef LATENTLAB_CKERNELS_H
#define LATENTLAB_CKERNELS_H

/// Asks the CPU to start loading the cache line at `address` (for writing soon).
static inline void ll_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
