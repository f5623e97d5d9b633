// CRC-32C (Castagnoli), the checksum of LatentLab's model files: the SSE4.2 instruction where
// the CPU has it (some 10 GB/s), else a table a byte at a time (some 400 MB/s): both give
// the same value, which a test checks against the standard check value of "123456789".
#include "ckernels.h"
#include <stddef.h>
#include <string.h>
#include <pthread.h>

static uint32_t table[256];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc_portable(uint32_t crc, const uint8_t *p, size_t n) {
    pthread_once(&table_once, build_table);
    while (n--) crc = table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return crc;
}

#if defined(__x86_64__)
#include <cpuid.h>

__attribute__((target("sse4.2")))
static uint32_t crc_sse42(uint32_t crc, const uint8_t *p, size_t n) {
    uint64_t c = crc;
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        c = __builtin_ia32_crc32di(c, v);
        p += 8; n -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (n--) c32 = __builtin_ia32_crc32qi(c32, *p++);
    return c32;
}

static int cpu_has_sse42(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (ecx & (1u << 20)) != 0;
}
#endif

uint32_t ll_crc32c(uint32_t crc, const void *data, int64_t length, int32_t portable) {
    const uint8_t *p = data;
    size_t n = length > 0 ? (size_t)length : 0;
    crc = ~crc;
#if defined(__x86_64__)
    static _Atomic int32_t has = -1;
    if (has < 0) has = cpu_has_sse42();
    crc = (has && !portable) ? crc_sse42(crc, p, n) : crc_portable(crc, p, n);
#else
    crc = crc_portable(crc, p, n);
#endif
    return ~crc;
}
