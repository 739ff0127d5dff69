// Multi-pair bit-parallel LCS: one row sequence b (= p) against a group of column sequences a_1..a_L at once, one
// pair per 64-bit vector lane, by the recurrence of Allison & Dix (1986) in Hyyrö's (2004) form, exact in integers:
//   V <- all ones;  for each state c of b:  U = V & M_a[c];  V = (V + U) | (V & ~M_a[c]);  LCS = zero bits of V,
// where M_a[c] has bit i set when a_i = c, and the addition carries across a lane's 64-bit words.
//
// Trimming shared by a group: LCS(a, b) = lo + s + LCS(a[lo..<|a|-s], b[lo..<|b|-s]) for ANY lo at most the common
// prefix of a and b and s at most their common suffix with lo + s <= min(|a|, |b|) (a common prefix and suffix
// belong to some LCS). Each lane's own trim (prefix lo_l, then suffix s_l of what is left) satisfies this, and so
// does lo = min_l lo_l, s = min_l s_l: lo + s <= lo_l + s_l. So a group steps over b[lo..<|b|-s] once, each lane's
// masks restricted to its bit range [lo, |a_l|-s) as in BitParallelLCSTable (a bit outside the range has M = 0,
// below it V stays 1 and generates no carry, above it V' = (V + U) | V keeps V = 1), and only the words spanning the
// union of the ranges are updated. The caller orders columns so a group's sequences are alike (lexicographically
// sorted), which keeps the shared trim close to each pair's own.
//
// Paths: the same source (lcs_lanes_body.inc) compiled for the baseline instruction set (portable, correct on any
// CPU), and with target("avx2") and target("avx512f") on x86-64; csk_path_supported asks the CPU (and OS, through
// __builtin_cpu_supports) whether a path can run. Never built with -march=native.
#include "CSequenceKernels.h"
#include <string.h>

#define CSK_CAT2(a, b) a##b
#define CSK_CAT(a, b) CSK_CAT2(a, b)

// Common prefix p of a and b, then common suffix s of what is left (p + s <= min(na, nb)); 8 positions at a time.
static inline __attribute__((always_inline)) void
csk_trim(const uint8_t *a, int64_t na, const uint8_t *b, int64_t nb, int64_t *prefix, int64_t *suffix) {
    const int64_t n = na < nb ? na : nb;
    int64_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8); memcpy(&y, b + i, 8);
        if (x != y) { i += __builtin_ctzll(x ^ y) >> 3; goto prefixDone; }
    }
#endif
    while (i < n && a[i] == b[i]) i++;
prefixDone:;
    const int64_t room = n - i;
    int64_t j = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; j + 8 <= room; j += 8) {
        uint64_t x, y;
        memcpy(&x, a + na - j - 8, 8); memcpy(&y, b + nb - j - 8, 8);
        if (x != y) { j += __builtin_clzll(x ^ y) >> 3; goto suffixDone; }
    }
#endif
    while (j < room && a[na - 1 - j] == b[nb - 1 - j]) j++;
suffixDone:
    *prefix = i;
    *suffix = j;
}

// Bits of word k (positions 64k..<64k+64) inside the range [from, to).
static inline __attribute__((always_inline)) uint64_t csk_bits(int64_t k, int64_t from, int64_t to) {
    int64_t f = from - 64 * k, e = to - 64 * k;
    if (f < 0) f = 0;
    if (e > 64) e = 64;
    if (e <= f) return 0;
    const uint64_t upper = e == 64 ? ~(uint64_t)0 : (((uint64_t)1 << e) - 1);
    return upper & (~(uint64_t)0 << f);
}

// Asks for the next group's codes and masks ahead of use (each sequence's few cache lines): a row's columns are
// read once per row, from the last-level cache or memory when the sequences are many.
static inline __attribute__((always_inline)) void csk_prefetch_group(const csk_lcs_table *t, const int32_t *columns, int64_t m) {
    for (int64_t l = 0; l < m; l++) {
        const int64_t q = columns[l], n = t->length[q];
        const char *c = (const char *)(t->codes + t->start[q]), *mk = (const char *)(t->masks + t->mask_start[q]);
        const int64_t maskBytes = 8 * t->states * ((n + 63) >> 6);
        for (int64_t b = 0; b < n; b += 64) __builtin_prefetch(c + b);
        for (int64_t b = 0; b < maskBytes && b < 4096; b += 64) __builtin_prefetch(mk + b);
    }
}

#define CSK_FN csk_row_portable
#define CSK_LANES 8
#define CSK_TARGET
#include "lcs_lanes_body.inc"
#undef CSK_FN
#undef CSK_LANES
#undef CSK_TARGET

#if defined(__x86_64__)
#define CSK_X86 1
#define CSK_FN csk_row_avx2
#define CSK_LANES 8
#define CSK_TARGET __attribute__((target("avx2")))
#include "lcs_lanes_body.inc"
#undef CSK_FN
#undef CSK_LANES
#undef CSK_TARGET

#define CSK_FN csk_row_avx512
#define CSK_LANES 8
#define CSK_TARGET __attribute__((target("avx512f")))
#include "lcs_lanes_body.inc"
#undef CSK_FN
#undef CSK_LANES
#undef CSK_TARGET
#endif

int csk_path_supported(int path) {
    switch (path) {
    case CSK_PATH_PORTABLE: return 1;
#ifdef CSK_X86
    case CSK_PATH_AVX2: __builtin_cpu_init(); return __builtin_cpu_supports("avx2") ? 1 : 0;
    case CSK_PATH_AVX512: __builtin_cpu_init(); return __builtin_cpu_supports("avx512f") ? 1 : 0;
#endif
    default: return 0;
    }
}

int csk_path_lanes(int path) { (void)path; return 8; }

int64_t csk_lcs_scratch_words(int64_t states, int64_t max_words) {
    return 8 * (states * max_words + 2 * max_words);
}

int csk_lcs_row(const csk_lcs_table *table, int64_t p, const int32_t *columns, int64_t count, int32_t *lcs,
                uint64_t *scratch, int path) {
    if (!csk_path_supported(path)) return -1;
    switch (path) {
#ifdef CSK_X86
    case CSK_PATH_AVX512: csk_row_avx512(table, p, columns, count, lcs, scratch); return 0;
    case CSK_PATH_AVX2: csk_row_avx2(table, p, columns, count, lcs, scratch); return 0;
#endif
    default: csk_row_portable(table, p, columns, count, lcs, scratch); return 0;
    }
}
