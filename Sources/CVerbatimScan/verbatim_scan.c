#include "verbatim_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>

size_t verbatim_plain_run(const uint8_t *p, size_t n) {
    const __m128i zero = _mm_setzero_si128();
    const __m128i cr = _mm_set1_epi8(0x0D);
    const __m128i c3 = _mm_set1_epi8((char)0xC3);
    const __m128i e2 = _mm_set1_epi8((char)0xE2);
    const __m128i x80 = _mm_set1_epi8((char)0x80);
    const __m128i xC0 = _mm_set1_epi8((char)0xC0);
    size_t i = 0;
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        unsigned bad = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, zero), _mm_cmpeq_epi8(v, cr)));
        unsigned high = (unsigned)_mm_movemask_epi8(v);
        /* (No early exit for all-ASCII blocks: in French text about half the blocks have an accent, and
           a branch that cannot be predicted costs more than the few instructions below.) */
        unsigned leadC3 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, c3));
        unsigned leadE2 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, e2));
        unsigned is80 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, x80));
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, xC0), x80));
        /* Where continuation bytes must be, and be nowhere else; after 0xE2 the next byte must be 0x80. */
        unsigned expected = (leadC3 << 1) | (leadE2 << 1) | (leadE2 << 2);
        unsigned problem = bad | (high & ~(leadC3 | leadE2 | cont)) | ((cont ^ expected) & 0xFFFF)
            | ((leadE2 << 1) & ~is80 & 0xFFFF)
            | ((leadC3 | leadE2) & 0x8000) | (leadE2 & 0x4000);  /* a character running past the block */
        if (problem == 0) { i += 16; continue; }
        /* Stop at the start of the character holding the first problem. */
        unsigned k = (unsigned)__builtin_ctz(problem);
        while (k > 0 && ((expected >> k) & 1)) k--;
        return i + k;
    }
    return i;
}

#else

size_t verbatim_plain_run(const uint8_t *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint8_t c = p[i];
        if (c < 0x80) {
            if (c == 0 || c == 0x0D) break;
            i++;
            continue;
        }
        if (c == 0xC3 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) { i += 2; continue; }
        if (c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] & 0xC0) == 0x80) { i += 3; continue; }
        break;
    }
    return i;
}

#endif
