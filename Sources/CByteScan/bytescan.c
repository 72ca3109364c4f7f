// See include/CByteScan.h. Each kernel has a portable tail loop, so results never depend on the vector path.
#include "CByteScan.h"
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t bs_find_delim(const uint8_t *p, size_t n) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n');
    for (; i + 32 <= n; i += 32) {
        __m128i a = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(p + i + 16));
        unsigned ma = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(a, tab), _mm_cmpeq_epi8(a, nl)));
        unsigned mb = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(b, tab), _mm_cmpeq_epi8(b, nl)));
        unsigned m = ma | (mb << 16);
        if (m) return i + (size_t)__builtin_ctz(m);
    }
    for (; i + 16 <= n; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(p + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(a, tab), _mm_cmpeq_epi8(a, nl)));
        if (m) return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i < n; i++) if (p[i] == '\t' || p[i] == '\n') return i;
    return n;
}

#if defined(__SSE2__)
// Bit k of the result set when byte k of the 32 in a, b is a tab or a newline, and of *newlines when it is a newline.
static inline uint64_t delim_mask32(__m128i a, __m128i b, uint64_t *newlines) {
    const __m128i tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n');
    __m128i na = _mm_cmpeq_epi8(a, nl), nb = _mm_cmpeq_epi8(b, nl);
    unsigned ma = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(a, tab), na));
    unsigned mb = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(b, tab), nb));
    *newlines = (uint64_t)((unsigned)_mm_movemask_epi8(na) | ((unsigned)_mm_movemask_epi8(nb) << 16));
    return (uint64_t)(ma | (mb << 16));
}

// The text flags (as bs_text_flags gives them) of the first `below` bytes (at most 32) of the 32 in a, b.
static inline unsigned text_flags_below(__m128i a, __m128i b, unsigned below) {
    const __m128i zero = _mm_setzero_si128();
    unsigned nul = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, zero)) | ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, zero)) << 16);
    unsigned high = (unsigned)_mm_movemask_epi8(a) | ((unsigned)_mm_movemask_epi8(b) << 16);
    unsigned valid = below >= 32 ? 0xFFFFFFFFu : (1u << below) - 1;
    return ((high & valid) != 0) | (unsigned)((nul & valid) != 0) << 1;
}
#endif

static inline uint64_t load64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint64_t load32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

// Whether x[0 ..< n] == y[0 ..< n], inline for a record's short tail (a call to memcmp there cost 10 ms of 400 on the
// 1 GB snapshot). Loads never pass either end: sixteen bytes at a time, the last load overlapping the one before.
static inline int short_equal(const uint8_t *x, const uint8_t *y, size_t n) {
#if defined(__SSE2__)
    if (n >= 16) {
        for (size_t k = 0; k + 16 <= n; k += 16) {
            __m128i d = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(x + k)), _mm_loadu_si128((const __m128i *)(y + k)));
            if (_mm_movemask_epi8(d) != 0xFFFF) return 0;
        }
        __m128i d = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(x + n - 16)), _mm_loadu_si128((const __m128i *)(y + n - 16)));
        return _mm_movemask_epi8(d) == 0xFFFF;
    }
#endif
    if (n >= 8) return load64(x) == load64(y) && load64(x + n - 8) == load64(y + n - 8);
    if (n >= 4) return load32(x) == load32(y) && load32(x + n - 4) == load32(y + n - 4);
    for (size_t k = 0; k < n; k++) if (x[k] != y[k]) return 0;
    return 1;
}

// Whether the remembered tail is at p[i] (a newline after it, within p[0 ..< n]) and its cells fit under `limit`.
static inline int tail_at(const uint8_t *p, size_t n, size_t i, size_t nf, size_t limit, const bs_tail *t) {
    if (t->length < 0) return 0;
    size_t len = (size_t)t->length;
    return i + len < n && p[i + len] == '\n' && nf + t->count <= limit && short_equal(p + i, t->bytes, len);
}

int bs_split_cells(const uint8_t *p, size_t n, size_t rec, size_t *pos, bs_cell *out, size_t *count, size_t limit, size_t stop,
                   uint32_t *flags, const bs_tail *tail) {
    size_t i = *pos, nf = *count;
    size_t tail_column = tail ? tail->column : (size_t)-1;
    int ended = 0;
    unsigned fl = 0;
#if defined(__SSE2__)
    // The delimiters of the block p[blk ..< blk + 32] not yet taken (all at or after i), and which are newlines. Each
    // cell takes the lowest one, so the next cell's search does not wait for this one's end to be computed. The text
    // flags of every block left behind (all its bytes are in this call's cells) are gathered in orv and nulv; those of
    // the block the call ends in, up to where its last cell ends, at the end.
    size_t blk = i;
    uint64_t mask = 0, newlines = 0;
    int loaded = 0;
    const __m128i zero = _mm_setzero_si128();
    __m128i a = zero, b = zero, orv = zero, nulv = zero;
    if (i + 32 <= n) {
        a = _mm_loadu_si128((const __m128i *)(p + i)); b = _mm_loadu_si128((const __m128i *)(p + i + 16));
        mask = delim_mask32(a, b, &newlines); loaded = 1;
    }
#endif
    while (nf < limit && nf != stop && i < n && p[i] != '"') {
        size_t d = n;
        int newline;
        if (nf == tail_column && tail_at(p, n, i, nf, limit, tail)) {
#if defined(__SSE2__)
            if (loaded) { fl |= text_flags_below(a, b, (unsigned)(i - blk)); loaded = 0; }   // the tail's bytes are clean
#endif
            int32_t at = (int32_t)(i - rec);
            for (size_t k = 0; k < tail->count; k++) {
                out[nf + k].start = tail->cells[k].start + at;
                out[nf + k].end = tail->cells[k].end + at;
                out[nf + k].quoted = 0;
            }
            nf += tail->count;
            i += (size_t)tail->length;
            ended = 2;
            break;
        }
#if defined(__SSE2__)
        while (loaded && !mask) {
            if (blk + 64 > n) {   // on one byte at a time: the block's bytes before i are in earlier cells
                fl |= text_flags_below(a, b, (unsigned)(i - blk));
                loaded = 0; break;
            }
            orv = _mm_or_si128(orv, _mm_or_si128(a, b));
            nulv = _mm_or_si128(nulv, _mm_or_si128(_mm_cmpeq_epi8(a, zero), _mm_cmpeq_epi8(b, zero)));
            blk += 32;
            a = _mm_loadu_si128((const __m128i *)(p + blk)); b = _mm_loadu_si128((const __m128i *)(p + blk + 16));
            mask = delim_mask32(a, b, &newlines);
        }
        if (loaded) {
            size_t bit = (size_t)__builtin_ctzll(mask);
            d = blk + bit;
            newline = (int)((newlines >> bit) & 1);
            mask &= mask - 1;
        } else {   // the last bytes of the buffer, one at a time
            for (d = i; d < n; d++) if (p[d] == '\t' || p[d] == '\n') break;
            if (d >= n) break;   // the cell may go on past the buffer: the caller decides
            newline = p[d] == '\n';
            fl |= (unsigned)bs_text_flags(p + i, d - i);
        }
#else
        for (d = i; d < n; d++) if (p[d] == '\t' || p[d] == '\n') break;
        if (d >= n) break;
        newline = p[d] == '\n';
        fl |= (unsigned)bs_text_flags(p + i, d - i);
#endif
        size_t e = d;
        if (newline && e > i && p[e - 1] == '\r') e--;
        out[nf].start = (int32_t)(i - rec);
        out[nf].end = (int32_t)(e - rec);
        out[nf].quoted = 0;
        nf++;
        if (newline) { i = d; ended = 1; break; }
        i = d + 1;
    }
#if defined(__SSE2__)
    if (loaded) fl |= text_flags_below(a, b, (unsigned)(i - blk));   // the last block, up to i (the next cell or the newline)
    fl |= (unsigned)_mm_movemask_epi8(orv) != 0;
    fl |= (unsigned)(_mm_movemask_epi8(nulv) != 0) << 1;
#endif
    *pos = i;
    *count = nf;
    *flags |= fl;
    return ended;
}

// Eight ASCII digits at p (little-endian load) as their value, or -1 when one is not a digit (the usual SWAR steps:
// pairs, then quads, then the eight).
static inline int64_t digits8(const uint8_t *p) {
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t d = w - 0x3030303030303030ULL;
    if (((w + 0x4646464646464646ULL) | d) & 0x8080808080808080ULL) return -1;
    d = (d * 10) + (d >> 8);
    d = (((d & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) + (((d >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >> 32;
    return (int64_t)d;
}

// The last minute parsed on this thread: its 16 bytes (`YYYY-MM-DD HH:MM`, checked) and its seconds since the epoch.
// Cells of one file mostly share their minute, so most cells only parse their seconds and fraction.
static _Thread_local struct { uint64_t lo, hi; int64_t secs; int valid; } minute_memo;

int bs_datetime(const uint8_t *p, size_t n, int64_t *nanos) {
    if (n != 19 && !(n == 29 && p[19] == '.')) return 0;
    unsigned s1 = (unsigned)(uint8_t)(p[17] - '0'), s0 = (unsigned)(uint8_t)(p[18] - '0');
    if (p[16] != ':' || s1 > 9 || s0 > 9) return 0;
    unsigned s = s1 * 10 + s0;
    if (s > 60) return 0;
    int64_t frac = 0;
    if (n == 29) {
        int64_t hi8 = digits8(p + 20);
        unsigned last = (unsigned)(uint8_t)(p[28] - '0');
        if (hi8 < 0 || last > 9) return 0;
        frac = hi8 * 10 + last;
    }
    uint64_t lo, hi;
    memcpy(&lo, p, 8); memcpy(&hi, p + 8, 8);
    int64_t minute;
    if (minute_memo.valid && lo == minute_memo.lo && hi == minute_memo.hi) {
        minute = minute_memo.secs;
    } else {
        if (p[4] != '-' || p[7] != '-' || (p[10] != ' ' && p[10] != 'T') || p[13] != ':') return 0;
        static const uint8_t at[10] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12};
        unsigned v[12], bad = 0;
        for (int k = 0; k < 10; k++) { v[k] = (unsigned)(uint8_t)(p[at[k]] - '0'); bad |= v[k] > 9; }
        v[10] = (unsigned)(uint8_t)(p[14] - '0'); v[11] = (unsigned)(uint8_t)(p[15] - '0');
        bad |= v[10] > 9; bad |= v[11] > 9;
        if (bad) return 0;
        int y = (int)(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]), mo = (int)(v[4] * 10 + v[5]), d = (int)(v[6] * 10 + v[7]);
        int h = (int)(v[8] * 10 + v[9]), mi = (int)(v[10] * 10 + v[11]);
        if (y < 1678 || y > 2261 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59) return 0;
        static const uint8_t mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (d > mdays[mo - 1] + (mo == 2 && leap)) return 0;
        // Days since 1970-01-01 (Howard Hinnant's days_from_civil; y > 0 here, so the era is y / 400).
        int yy = mo <= 2 ? y - 1 : y;
        int era = yy / 400, yoe = yy - era * 400, mp = (mo + 9) % 12;
        int doy = (153 * mp + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        int64_t days = (int64_t)era * 146097 + doe - 719468;
        minute = days * 86400 + h * 3600 + mi * 60;
        minute_memo.lo = lo; minute_memo.hi = hi; minute_memo.secs = minute; minute_memo.valid = 1;
    }
    int64_t ns;
    if (__builtin_mul_overflow(minute + s, (int64_t)1000000000, &ns) || __builtin_add_overflow(ns, frac, &ns)) return 0;
    *nanos = ns;
    return 1;
}

int bs_text_flags(const uint8_t *p, size_t n) {
    size_t i = 0;
    unsigned high = 0, nul = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    __m128i orv = zero, nulv = zero;
    for (; i + 32 <= n; i += 32) {
        __m128i a = _mm_loadu_si128((const __m128i *)(p + i)), b = _mm_loadu_si128((const __m128i *)(p + i + 16));
        orv = _mm_or_si128(orv, _mm_or_si128(a, b));
        nulv = _mm_or_si128(nulv, _mm_or_si128(_mm_cmpeq_epi8(a, zero), _mm_cmpeq_epi8(b, zero)));
    }
    high = (unsigned)_mm_movemask_epi8(orv) != 0;
    nul = (unsigned)_mm_movemask_epi8(nulv) != 0;
#endif
    for (; i < n; i++) { high |= p[i] >= 0x80; nul |= p[i] == 0; }
    return (int)(high | nul << 1);
}

size_t bs_first_non_ascii(const uint8_t *p, size_t n) {
    size_t i = 0;
#if defined(__SSE2__)
    for (; i + 32 <= n; i += 32) {
        __m128i a = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(p + i + 16));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(a, b));
        if (m) break;
    }
#endif
    for (; i < n; i++) if (p[i] >= 0x80) return i;
    return n;
}

void bs_lower_ascii(uint8_t *dst, const uint8_t *src, size_t n) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8('A' - 1), above = _mm_set1_epi8('Z' + 1), bit = _mm_set1_epi8(0x20);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(src + i));
        // Signed compares: bytes >= 0x80 are negative, so never in A-Z.
        __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, below), _mm_cmpgt_epi8(above, v));
        _mm_storeu_si128((__m128i *)(dst + i), _mm_or_si128(v, _mm_and_si128(upper, bit)));
    }
#endif
    for (; i < n; i++) { uint8_t c = src[i]; dst[i] = (uint8_t)(c - 'A') < 26 ? (uint8_t)(c | 0x20) : c; }
}

const uint8_t *bs_memmem(const uint8_t *h, size_t hn, const uint8_t *n, size_t nn) {
    if (nn == 0) return h;
    if (nn > hn) return NULL;
    if (nn == 1) return memchr(h, n[0], hn);
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8((char)n[0]), last = _mm_set1_epi8((char)n[nn - 1]);
    for (; i + nn - 1 + 16 <= hn; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(h + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(h + i + nn - 1));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
        while (m) {
            unsigned bit = (unsigned)__builtin_ctz(m);
            if (memcmp(h + i + bit + 1, n + 1, nn - 2) == 0) return h + i + bit;
            m &= m - 1;
        }
    }
#endif
    for (; i + nn <= hn; i++) if (h[i] == n[0] && memcmp(h + i, n, nn) == 0) return h + i;
    return NULL;
}

static inline uint8_t lower1(uint8_t c) { return (uint8_t)(c - 'A') < 26 ? (uint8_t)(c | 0x20) : c; }

/// The first candidate of mask `m` (bit j: a match may start at h + i + j) whose bytes, A-Z lowercased, are `n`.
static inline const uint8_t *fold_candidates(const uint8_t *h, size_t i, unsigned m, const uint8_t *n, size_t nn) {
    for (; m; m &= m - 1) {
        const uint8_t *c = h + i + (unsigned)__builtin_ctz(m);
        size_t k = 0;
        while (k < nn && lower1(c[k]) == n[k]) k++;
        if (k == nn) return c;
    }
    return NULL;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define BS_HAVE_AVX2_PATH 1
/// Whether this CPU runs AVX2 (asked once; a relaxed atomic, so threads may ask at the same time).
static int cpu_has_avx2(void) {
    static int known = -1;
    int k = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (k < 0) { __builtin_cpu_init(); k = __builtin_cpu_supports("avx2") ? 1 : 0; __atomic_store_n(&known, k, __ATOMIC_RELAXED); }
    return k;
}

/// `bs_memmem_fold`'s first-and-last-byte filter 32 bytes at a time: from `*at`, the first match, or NULL with `*at`
/// where the SSE2 and byte loops take over (fewer than 32 + nn - 1 bytes left).
__attribute__((target("avx2")))
static const uint8_t *memmem_fold_avx2(const uint8_t *h, size_t hn, const uint8_t *n, size_t nn, size_t *at) {
    const uint8_t f = n[0], l = n[nn - 1];
    const __m256i first = _mm256_set1_epi8((char)f), last = _mm256_set1_epi8((char)l);
    const __m256i fm = _mm256_set1_epi8((uint8_t)(f - 'a') < 26 ? 0x20 : 0), lm = _mm256_set1_epi8((uint8_t)(l - 'a') < 26 ? 0x20 : 0);
    size_t i = *at;
    for (; i + nn - 1 + 32 <= hn; i += 32) {
        __m256i a = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(h + i)), fm);
        __m256i b = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(h + i + nn - 1)), lm);
        unsigned m = (unsigned)_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, last)));
        const uint8_t *c = fold_candidates(h, i, m, n, nn);
        if (c) return c;
    }
    *at = i;
    return NULL;
}
#endif

const uint8_t *bs_memmem_fold(const uint8_t *h, size_t hn, const uint8_t *n, size_t nn) {
    if (nn == 0) return h;
    for (size_t k = 0; k < nn; k++) if ((uint8_t)(n[k] - 'A') < 26) return NULL;   // never equal to a lowercased byte
    if (nn > hn) return NULL;
    size_t i = 0;
#if defined(BS_HAVE_AVX2_PATH)
    if (cpu_has_avx2()) { const uint8_t *r = memmem_fold_avx2(h, hn, n, nn, &i); if (r) return r; }
#endif
#if defined(__SSE2__)
    // A letter is compared with 0x20 set (both cases), any other byte exactly; candidates are then compared whole.
    const uint8_t f = n[0], l = n[nn - 1];
    const __m128i first = _mm_set1_epi8((char)f), last = _mm_set1_epi8((char)l);
    const __m128i fm = _mm_set1_epi8((uint8_t)(f - 'a') < 26 ? 0x20 : 0), lm = _mm_set1_epi8((uint8_t)(l - 'a') < 26 ? 0x20 : 0);
    for (; i + nn - 1 + 16 <= hn; i += 16) {
        __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(h + i)), fm);
        __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(h + i + nn - 1)), lm);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
        const uint8_t *c = fold_candidates(h, i, m, n, nn);
        if (c) return c;
    }
#endif
    for (; i + nn <= hn; i++) {
        size_t k = 0;
        while (k < nn && lower1(h[i + k]) == n[k]) k++;
        if (k == nn) return h + i;
    }
    return NULL;
}

static inline size_t body_end(const uint8_t *ends, size_t r) {
    int64_t e;
    memcpy(&e, ends + 8 * r, 8);
    return (size_t)e;
}

size_t bs_bodies_containing(const uint8_t *bodies, size_t total, const uint8_t *ends, size_t count, const uint8_t *n, size_t nn,
                            int fold, size_t limit, size_t *pos, size_t *rec, int32_t *out, size_t cap) {
    size_t p = *pos, r = *rec, found = 0;
    if (limit > total) limit = total;
    const size_t stop = limit + nn - 1 < total ? limit + nn - 1 : total;   // a match starting before limit ends by here
    while (found < cap && p < limit && nn > 0 && p + nn <= stop) {
        const uint8_t *m = fold ? bs_memmem_fold(bodies + p, stop - p, n, nn) : bs_memmem(bodies + p, stop - p, n, nn);
        if (!m) { p = limit; break; }
        const size_t at = (size_t)(m - bodies);
        while (r < count && body_end(ends, r) <= at) r++;
        if (r == count) { p = total; break; }
        const size_t hi = body_end(ends, r);
        if (at + nn > hi) { p = at + 1; continue; }   // runs into the next body: search on from the next byte
        out[found++] = (int32_t)r;
        p = hi;
    }
    if (found < cap && p < limit) p = limit;
    *pos = p; *rec = r;
    return found;
}

static inline uint64_t mix(uint64_t h, uint64_t w) {
    h ^= w;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

uint64_t bs_hash(const uint8_t *p, size_t n) {
    uint64_t a = 0x243F6A8885A308D3ULL ^ n;
    if (n <= 16) {
        // Names and short cells: two overlapping loads cover every byte (the length tells where they meet), no call to
        // memcpy for the tail and two mixes in a row.
        uint64_t lo = 0, hi = 0;
        if (n >= 8) { lo = load64(p); hi = load64(p + n - 8); }
        else if (n >= 4) { lo = load32(p); hi = load32(p + n - 4); }
        else if (n > 0) { lo = (uint64_t)p[0] | (uint64_t)p[n / 2] << 8 | (uint64_t)p[n - 1] << 16; }
        uint64_t h = mix(mix(a, lo), hi) * 0x9E3779B97F4A7C15ULL;
        return h ^ (h >> 32);
    }
    // Four independent lanes over 32-byte blocks, then eight bytes at a time, then the last (overlapping) eight.
    uint64_t b = 0x13198A2E03707344ULL, c = 0xA4093822299F31D0ULL, d = 0x082EFA98EC4E6C89ULL;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        a = mix(a, load64(p + i)); b = mix(b, load64(p + i + 8));
        c = mix(c, load64(p + i + 16)); d = mix(d, load64(p + i + 24));
    }
    for (; i + 8 <= n; i += 8) a = mix(a, load64(p + i));
    if (i < n) b = mix(b, load64(p + n - 8) ^ ((uint64_t)(n - i) << 56));
    uint64_t h = mix(mix(a, b), mix(c, d));
    return h ^ (h >> 32);
}

#if defined(__SSE2__)
// 16 hex digits at p: 1 and their value in *out, or 0 when one is not a hex digit.
static inline int hex16(const uint8_t *p, uint64_t *out) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    __m128i l = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    __m128i isDigit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
    __m128i isLetter = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(5)), l);
    if (_mm_movemask_epi8(_mm_or_si128(isDigit, isLetter)) != 0xFFFF) return 0;
    __m128i nib = _mm_or_si128(_mm_and_si128(isDigit, d), _mm_andnot_si128(isDigit, _mm_add_epi8(l, _mm_set1_epi8(10))));
    // 16-bit lane k holds digits 2k (low byte) and 2k+1: make it the byte 16 * digit 2k + digit 2k+1, then pack.
    __m128i pairs = _mm_and_si128(_mm_or_si128(_mm_slli_epi16(nib, 4), _mm_srli_epi16(nib, 8)), _mm_set1_epi16(0xFF));
    uint64_t x = (uint64_t)_mm_cvtsi128_si64(_mm_packus_epi16(pairs, pairs));
    *out = __builtin_bswap64(x);
    return 1;
}
#endif

int bs_hex_id(const uint8_t *p, size_t n, size_t digits, uint64_t *key) {
#if defined(__SSE2__)
    // The common case, a well-formed 16- or 32-digit id, sixteen digits at a time.
    if (n == digits && (n == 16 || n == 32)) {
        uint64_t hi = 0, lo = 0;
        if ((n == 16 || hex16(p, &hi)) && hex16(p + n - 16, &lo)) { *key = lo; return 1; }
    }
#endif
    size_t start = n > 16 ? n - 16 : 0;
    unsigned bad = 0;
    for (size_t i = 0; i < start; i++) {
        uint8_t c = p[i], d = (uint8_t)(c - '0'), l = (uint8_t)((c | 0x20) - 'a');
        bad |= (d > 9) & (l > 5);
    }
    unsigned badTail = 0;
    uint64_t v = 0;
    for (size_t i = start; i < n; i++) {
        uint8_t c = p[i], d = (uint8_t)(c - '0'), l = (uint8_t)((c | 0x20) - 'a');
        unsigned isDigit = d <= 9;
        uint8_t nib = isDigit ? d : (uint8_t)(l + 10);
        badTail |= (d > 9) & (l > 5);
        v = v << 4 | (uint64_t)(nib & 0x0F);
    }
    *key = badTail ? 0 : v;
    return n == digits && !(bad | badTail);
}
