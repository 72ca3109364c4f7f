// The index cache's section checksum: eight 64-bit lanes fed 64 bytes (a stripe) at a time with SSE2 multiplies
// (each 32-bit half of a word times the other, the word itself added to the neighbouring lane, as XXH3 accumulates),
// each stripe keyed by its position, and the lanes scrambled every 16 stripes, so reordered, zeroed or cut bytes
// change the value. Four multiplies per 64 bytes instead of sixteen: it keeps up with memory.
#include "CByteScan.h"
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static const uint64_t KEY[8] = {
    0x9E3779B97F4A7C15ULL, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL, 0x27D4EB2F165667C5ULL,
    0x85EBCA77C2B2AE63ULL, 0x94D049BB133111EBULL, 0xBF58476D1CE4E5B9ULL, 0x243F6A8885A308D3ULL,
};
static const uint64_t STEP = 0xD6E8FEB86659FD93ULL;

static inline uint64_t mix(uint64_t v, uint64_t w) {
    uint64_t x = (v ^ (w * 0xBF58476D1CE4E5B9ULL)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

void bs_checksum_init(bs_checksum *c) {
    memset(c, 0, sizeof *c);
    for (int k = 0; k < 8; k++) c->acc[k] = KEY[(k + 3) & 7];
}

/// Every 16 stripes: each lane folded on itself and multiplied (position now matters across blocks too).
static inline void scramble(uint64_t acc[8]) {
    for (int k = 0; k < 8; k++) acc[k] = (acc[k] ^ (acc[k] >> 47) ^ KEY[k]) * 0x9E3779B1ULL;
}

/// Feeds `count` whole stripes from p.
static void stripes(bs_checksum *c, const uint8_t *p, size_t count) {
#if defined(__SSE2__)
    __m128i a0 = _mm_loadu_si128((const __m128i *)(c->acc)), a1 = _mm_loadu_si128((const __m128i *)(c->acc + 2));
    __m128i a2 = _mm_loadu_si128((const __m128i *)(c->acc + 4)), a3 = _mm_loadu_si128((const __m128i *)(c->acc + 6));
    const __m128i k0 = _mm_loadu_si128((const __m128i *)KEY), k1 = _mm_loadu_si128((const __m128i *)(KEY + 2));
    const __m128i k2 = _mm_loadu_si128((const __m128i *)(KEY + 4)), k3 = _mm_loadu_si128((const __m128i *)(KEY + 6));
    for (size_t s = 0; s < count; s++, p += 64) {
        const __m128i pos = _mm_set1_epi64x((long long)(c->stripes * STEP));
#define LANE(a, k, off) do { \
            __m128i d = _mm_loadu_si128((const __m128i *)(p + (off))); \
            __m128i x = _mm_xor_si128(_mm_xor_si128(d, k), pos); \
            a = _mm_add_epi64(a, _mm_add_epi64(_mm_mul_epu32(x, _mm_srli_epi64(x, 32)), _mm_shuffle_epi32(d, 0x4E))); \
        } while (0)
        LANE(a0, k0, 0); LANE(a1, k1, 16); LANE(a2, k2, 32); LANE(a3, k3, 48);
#undef LANE
        if ((++c->stripes & 15) == 0) {
            _mm_storeu_si128((__m128i *)(c->acc), a0); _mm_storeu_si128((__m128i *)(c->acc + 2), a1);
            _mm_storeu_si128((__m128i *)(c->acc + 4), a2); _mm_storeu_si128((__m128i *)(c->acc + 6), a3);
            scramble(c->acc);
            a0 = _mm_loadu_si128((const __m128i *)(c->acc)); a1 = _mm_loadu_si128((const __m128i *)(c->acc + 2));
            a2 = _mm_loadu_si128((const __m128i *)(c->acc + 4)); a3 = _mm_loadu_si128((const __m128i *)(c->acc + 6));
        }
    }
    _mm_storeu_si128((__m128i *)(c->acc), a0); _mm_storeu_si128((__m128i *)(c->acc + 2), a1);
    _mm_storeu_si128((__m128i *)(c->acc + 4), a2); _mm_storeu_si128((__m128i *)(c->acc + 6), a3);
#else
    for (size_t s = 0; s < count; s++, p += 64) {
        const uint64_t pos = c->stripes * STEP;
        uint64_t w[8];
        memcpy(w, p, 64);
        for (int k = 0; k < 8; k++) {
            const uint64_t x = w[k] ^ KEY[k] ^ pos;
            c->acc[k] += (x & 0xFFFFFFFFULL) * (x >> 32) + w[k ^ 1];
        }
        if ((++c->stripes & 15) == 0) scramble(c->acc);
    }
#endif
}

void bs_checksum_add(bs_checksum *c, const uint8_t *p, size_t n) {
    c->total += n;
    if (c->buffered) {
        const size_t take = n < 64 - c->buffered ? n : 64 - c->buffered;
        memcpy(c->buffer + c->buffered, p, take);
        c->buffered += take; p += take; n -= take;
        if (c->buffered < 64) return;
        stripes(c, c->buffer, 1);
        c->buffered = 0;
    }
    if (n >= 64) { stripes(c, p, n / 64); p += n / 64 * 64; n %= 64; }
    if (n) { memcpy(c->buffer, p, n); c->buffered = n; }
}

uint64_t bs_checksum_final(const bs_checksum *c) {
    uint64_t v = mix(c->total, c->buffered);
    for (int k = 0; k < 8; k++) v = mix(v, c->acc[k]);
    for (size_t i = 0; i < c->buffered; i += 8) {
        uint64_t w = 0;
        memcpy(&w, c->buffer + i, c->buffered - i < 8 ? c->buffered - i : 8);
        v = mix(v, w);
    }
    return mix(v, c->total);
}
