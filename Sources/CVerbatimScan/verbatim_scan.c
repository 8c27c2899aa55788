#include "verbatim_scan.h"
#include <string.h>

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

/* The four masks of the 64 bytes at q (see verbatim_token_masks), one byte at a time. q[-1], q[64] and
   q[65] must be readable (zero outside the unit). */
static void block_masks_portable(const uint8_t *q, uint64_t *m) {
    uint64_t word = 0, special = 0, brk = 0, sentence = 0;
    for (int j = 0; j < 64; j++) {
        uint8_t x = q[j], prev = q[j - 1], b1 = q[j + 1], b2 = q[j + 2];
        uint64_t bit = (uint64_t)1 << j;
        uint8_t lower = x | 0x20;
        int cont1 = (b1 & 0xC0) == 0x80;
        int alnum = (lower >= 'a' && lower <= 'z') || (x >= '0' && x <= '9');
        int latinLead = x == 0xC3 && cont1 && (b1 | 0x20) != 0xB7;
        int latinSecond = prev == 0xC3 && (x & 0xC0) == 0x80 && (x | 0x20) != 0xB7;
        int ellipsis = x == 0xE2 && b1 == 0x80 && b2 == 0xA6;
        int rightQuote = x == 0xE2 && b1 == 0x80 && b2 == 0x99;
        int emoji = x == 0xF0 && b1 >= 0x9F;
        int known = (x == 0xC3 && cont1) || x == 0xC2 || (x == 0xE2 && !rightQuote) || emoji;
        int clause = x == ',' || x == ';' || x == ':' || x == '(' || x == ')' || x == '"' || x == '[' || x == ']';
        int stop = x == '.' || x == '!' || x == '?' || x == '\n' || ellipsis;
        if (alnum || latinLead || latinSecond) word |= bit;
        if (x == 0x27 || rightQuote || (x >= 0xC0 && !known)) special |= bit;
        if (clause || stop) brk |= bit;
        if (stop) sentence |= bit;
    }
    m[0] = word; m[1] = special; m[2] = brk; m[3] = sentence;
}

#if defined(__SSE2__)
static inline uint64_t bits16(__m128i m, int k) { return (uint64_t)(uint16_t)_mm_movemask_epi8(m) << (16 * k); }

/* The same, sixteen bytes at a time: the byte before and the two after each byte come from loads one
   and two bytes off. */
static void block_masks_sse2(const uint8_t *q, uint64_t *m) {
    const __m128i bias = _mm_set1_epi8((char)0x80);
    uint64_t word = 0, special = 0, brk = 0, sentence = 0;
    for (int k = 0; k < 4; k++) {
        const uint8_t *b = q + 16 * k;
        __m128i v = _mm_loadu_si128((const __m128i *)b);
        __m128i prev = _mm_loadu_si128((const __m128i *)(b - 1));
        __m128i v1 = _mm_loadu_si128((const __m128i *)(b + 1));
        __m128i v2 = _mm_loadu_si128((const __m128i *)(b + 2));
        #define EQ(a, x) _mm_cmpeq_epi8((a), _mm_set1_epi8((char)(x)))
        #define OR(a, b) _mm_or_si128((a), (b))
        #define AND(a, b) _mm_and_si128((a), (b))
        #define ANDNOT(a, b) _mm_andnot_si128((b), (a))   /* a & ~b */
        __m128i lower = OR(v, _mm_set1_epi8(0x20));
        __m128i alpha = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(lower, _mm_set1_epi8(0x61)), bias), _mm_set1_epi8((char)(26 ^ 0x80)));
        __m128i digit = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8(0x30)), bias), _mm_set1_epi8((char)(10 ^ 0x80)));
        __m128i isCont = EQ(AND(v, _mm_set1_epi8((char)0xC0)), 0x80);
        __m128i cont1 = EQ(AND(v1, _mm_set1_epi8((char)0xC0)), 0x80);
        __m128i timesDivide = EQ(lower, 0xB7);
        __m128i timesDivide1 = EQ(OR(v1, _mm_set1_epi8(0x20)), 0xB7);
        __m128i c3 = EQ(v, 0xC3);
        __m128i c3Pair = AND(c3, cont1);
        __m128i latinLead = ANDNOT(c3Pair, timesDivide1);
        __m128i latinSecond = ANDNOT(AND(EQ(prev, 0xC3), isCont), timesDivide);
        __m128i e2 = EQ(v, 0xE2);
        __m128i e280 = AND(e2, EQ(v1, 0x80));
        __m128i ellipsis = AND(e280, EQ(v2, 0xA6));
        __m128i rightQuote = AND(e280, EQ(v2, 0x99));
        __m128i emoji = AND(EQ(v, 0xF0), _mm_cmpeq_epi8(_mm_max_epu8(v1, _mm_set1_epi8((char)0x9F)), v1));
        __m128i known = OR(OR(c3Pair, EQ(v, 0xC2)), OR(ANDNOT(e2, rightQuote), emoji));
        __m128i lead = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8((char)0xC0)), v);   /* v >= 0xC0 */
        __m128i clause = OR(OR(OR(EQ(v, ','), EQ(v, ';')), OR(EQ(v, ':'), EQ(v, '('))),
                            OR(OR(EQ(v, ')'), EQ(v, '"')), OR(EQ(v, '['), EQ(v, ']'))));
        __m128i stop = OR(OR(OR(EQ(v, '.'), EQ(v, '!')), OR(EQ(v, '?'), EQ(v, '\n'))), ellipsis);
        word |= bits16(OR(OR(alpha, digit), OR(latinLead, latinSecond)), k);
        special |= bits16(OR(OR(EQ(v, 0x27), rightQuote), ANDNOT(lead, known)), k);
        brk |= bits16(OR(clause, stop), k);
        sentence |= bits16(stop, k);
        #undef EQ
        #undef OR
        #undef AND
        #undef ANDNOT
    }
    m[0] = word; m[1] = special; m[2] = brk; m[3] = sentence;
}
#define block_masks block_masks_sse2
#else
#define block_masks block_masks_portable
#endif

static void token_masks(const uint8_t *p, size_t n, size_t before, size_t after, uint64_t *masks, int portable) {
    size_t blocks = (n + 63) / 64;
    memset(masks + 4 * blocks, 0, 4 * sizeof(uint64_t));
    uint8_t tmp[1 + 64 + 2 + 16];
    for (size_t k = 0; k < blocks; k++) {
        size_t start = 64 * k;
        size_t count = n - start < 64 ? n - start : 64;
        const uint8_t *q;
        if ((start >= 1 || before >= 1) && start + 66 <= n + after) {
            /* In place: the byte before the block and the 65 after it can be read (the bits of bytes past
               the unit are cleared below; a unit ends on a character boundary, so the bytes after it
               change nothing inside it). */
            q = p + start;
        } else {
            /* Near the buffer's ends: the unit's bytes with zeros around them. */
            memset(tmp, 0, sizeof tmp);
            size_t from = start >= 1 ? start - 1 : 0, to = start + 66 < n ? start + 66 : n;
            memcpy(tmp + 1 - (start - from), p + from, to - from);
            q = tmp + 1;
        }
        uint64_t *m = masks + 4 * k;
        if (portable) block_masks_portable(q, m); else block_masks(q, m);
        if (count < 64) {
            uint64_t valid = ((uint64_t)1 << count) - 1;
            m[0] &= valid; m[1] &= valid; m[2] &= valid; m[3] &= valid;
        }
    }
}

void verbatim_token_masks(const uint8_t *p, size_t n, size_t before, size_t after, uint64_t *masks) {
    token_masks(p, n, before, after, masks, 0);
}

void verbatim_token_masks_portable(const uint8_t *p, size_t n, size_t before, size_t after, uint64_t *masks) {
    token_masks(p, n, before, after, masks, 1);
}
