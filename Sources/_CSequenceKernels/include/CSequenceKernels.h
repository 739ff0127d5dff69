#ifndef CARESTAT_CSEQUENCEKERNELS_H
#define CARESTAT_CSEQUENCEKERNELS_H
// Multi-pair bit-parallel LCS kernel for the Sequences module (its only importer). One "row" sequence p against many
// column sequences q, several columns at once in vector lanes (lanes = pairs). Exact in integers; see lcs_lanes.c.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The unique sequences of a distance run: codes one byte per position (alphabets of at most 256 states), and the
/// bit masks of each sequence (states x words(length) 64-bit words, state-major: masks[mask_start[q] + c*w + k]).
typedef struct {
    const uint8_t *codes;
    const int64_t *start;
    const int64_t *length;
    const uint64_t *masks;
    const int64_t *mask_start;
    int64_t states;
} csk_lcs_table;

/// Instruction-set paths. PORTABLE is plain C (vector extensions lowered to the baseline instruction set), correct
/// on every CPU; AVX2 and AVX512 are compiled with those target attributes and run only where the CPU has them.
enum { CSK_PATH_PORTABLE = 0, CSK_PATH_AVX2 = 1, CSK_PATH_AVX512 = 2 };

/// 1 when this build has `path` and this CPU (and OS) can run it, else 0.
int csk_path_supported(int path);

/// Lanes (pairs per group) of `path`.
int csk_path_lanes(int path);

/// 64-bit words of scratch memory that csk_lcs_row needs for sequences of at most max_words words.
int64_t csk_lcs_scratch_words(int64_t states, int64_t max_words);

/// LCS lengths of sequence p with each of columns[0..<count] into lcs[0..<count] (indices into the table's arrays,
/// which the caller stores in the order it lists columns, so that a group's data are contiguous). `scratch` holds at least
/// csk_lcs_scratch_words(states, words of the longest sequence) words, 64-byte aligned. Returns 0, or -1 when `path`
/// is not supported here (nothing written).
int csk_lcs_row(const csk_lcs_table *table, int64_t p, const int32_t *columns, int64_t count, int32_t *lcs,
                uint64_t *scratch, int path);

#ifdef __cplusplus
}
#endif
#endif
