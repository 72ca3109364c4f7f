// Byte scanning kernels for the indexing hot path: SSE2 on x86-64 (its baseline), plain loops elsewhere.
#ifndef CBYTESCAN_H
#define CBYTESCAN_H
#include <stddef.h>
#include <stdint.h>

/// Offset of the first tab or newline in p[0 ..< n], or n when there is none.
size_t bs_find_delim(const uint8_t *p, size_t n);

/// One cell of a record, as the scanner's `FieldSpan`: byte offsets from the record's start, and whether it was quoted.
typedef struct { int32_t start; int32_t end; uint8_t quoted; } bs_cell;

/// A record's last cells as the scanner last saw them (`RepeatedTail`): from cell `column` on, the `length` bytes at
/// `bytes` up to the newline (plain ASCII, no NUL, CR or quote), split into `count` cells (offsets from `bytes`).
/// `length` is -1 while none is remembered.
typedef struct { const uint8_t *bytes; ptrdiff_t length; size_t column; const bs_cell *cells; size_t count; } bs_tail;

/// Splits the unquoted cells of a record that start at p[*pos], for p[0 ..< n] and the record starting at p[rec]: each
/// cell runs to the next tab or newline (a CR before that newline is not part of it) and goes to out[*count], which
/// then grows by one. Stops before a cell that starts with a quote, once *count reaches `limit` or `stop`, or when no
/// tab or newline follows the cell in p[0 ..< n]; *pos is then where the next cell starts. Returns 1 when the record
/// ended (a newline, at *pos), else 0. Delimiters are found 32 bytes at a time and each block is read once, however
/// many cells it holds. The text flags of the cells' bytes (as `bs_text_flags` gives them: bit 0 a byte >= 0x80, bit 1
/// a NUL) are or-ed into *flags, from the same blocks (and perhaps those of a cell that runs past p[n], which the
/// caller reads again).
///
/// With a `tail` (NULL for none): when the record's cell `tail->column` starts with the remembered tail's bytes followed
/// by a newline (within p[0 ..< n]) and its cells fit under `limit`, they are written from the template without
/// splitting or checking them again, and 2 is returned (the record ended at the newline, at *pos).
int bs_split_cells(const uint8_t *p, size_t n, size_t rec, size_t *pos, bs_cell *out, size_t *count, size_t limit, size_t stop,
                   uint32_t *flags, const bs_tail *tail);

/// The common timestamp form, `YYYY-MM-DD HH:MM:SS` (a `T` may stand for the space) with no fraction or exactly nine
/// fraction digits after a `.`: 1 and in *nanos its nanoseconds since the Unix epoch (UTC), or 0 for anything else
/// (another form, a byte out of place, an impossible date, a year outside 1678-2261) for the caller's general parser.
int bs_datetime(const uint8_t *p, size_t n, int64_t *nanos);

/// What p[0 ..< n] holds, in one pass: bit 0 set when a byte is >= 0x80, bit 1 when a byte is NUL.
int bs_text_flags(const uint8_t *p, size_t n);

/// Offset of the first byte >= 0x80 in p[0 ..< n], or n when every byte is ASCII.
size_t bs_first_non_ascii(const uint8_t *p, size_t n);

/// dst[i] = src[i] with ASCII A-Z lowercased, for i < n (other bytes, UTF-8 included, unchanged).
void bs_lower_ascii(uint8_t *dst, const uint8_t *src, size_t n);

/// The first occurrence of n[0 ..< nn] in h[0 ..< hn] (h itself for an empty needle), or NULL: candidates are the
/// positions where the needle's first and last bytes both match, sixteen at a time, each then compared whole.
const uint8_t *bs_memmem(const uint8_t *h, size_t hn, const uint8_t *n, size_t nn);

/// As `bs_memmem` on h with ASCII A-Z lowercased (`bs_lower_ascii`), without the copy: `n` must be lowercase (a needle
/// with A-Z is never found, as in a lowercased haystack).
const uint8_t *bs_memmem_fold(const uint8_t *h, size_t hn, const uint8_t *n, size_t nn);

/// The index cache's section checksum, fed in pieces of any size (checksum.c): the same bytes give the same value
/// however they are split.
typedef struct {
    uint64_t acc[8];
    uint8_t buffer[64];
    size_t buffered;
    uint64_t stripes;
    uint64_t total;
} bs_checksum;
void bs_checksum_init(bs_checksum *c);
void bs_checksum_add(bs_checksum *c, const uint8_t *p, size_t n);
uint64_t bs_checksum_final(const bs_checksum *c);

/// Records whose body holds `n` (lowercase, searched with A-Z folded, when `fold`), for a log body store: the bodies
/// are `bodies[0..<total]`, record r is `[r == 0 ? 0 : end(r-1), end(r))` with `end` read from `ends` (little-endian
/// int64s, unaligned allowed). Searches from byte `*pos` for matches that start before `limit`, the first record's
/// index no more than `*rec`; writes up to `cap` record indices to `out` and returns how many. A match running into
/// the next body is none. `*pos` and `*rec` are updated so the next call (same or higher `limit`) goes on.
size_t bs_bodies_containing(const uint8_t *bodies, size_t total, const uint8_t *ends, size_t count, const uint8_t *n, size_t nn,
                            int fold, size_t limit, size_t *pos, size_t *rec, int32_t *out, size_t cap);

/// A fast 64-bit hash of p[0 ..< n] (not cryptographic; callers verify equal bytes on a hit).
uint64_t bs_hash(const uint8_t *p, size_t n);

/// An OpenTelemetry id: whether p[0 ..< n] is exactly `digits` hex digits, and in *key the value of its last (up to)
/// 16 digits (0 when one of those is not a hex digit). Branch-free per digit: ids are random, so a branch on digit
/// or letter mispredicts half the time.
int bs_hex_id(const uint8_t *p, size_t n, size_t digits, uint64_t *key);

#endif
