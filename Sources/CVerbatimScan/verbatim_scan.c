#include "verbatim_scan.h"
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define HAVE_AVX2_PATH 1

#include <pthread.h>

static int avx2_known;
static pthread_once_t avx2_once = PTHREAD_ONCE_INIT;

static void detect_avx2(void) {
    __builtin_cpu_init();
    avx2_known = __builtin_cpu_supports("avx2") ? 1 : 0;
}

/* Whether the processor has AVX2, found once for the whole process: pthread_once makes the first call
   from any thread do the detection and every other call see its result. */
static int have_avx2(void) {
    pthread_once(&avx2_once, detect_avx2);
    return avx2_known;
}
#endif

/* Given per-byte masks of a block of `width` bytes (width <= 32): where the first character that
   needs checking starts, or `width` when there is none. */
static inline unsigned plain_block(uint64_t bad, uint64_t high, uint64_t leadC3, uint64_t leadE2, uint64_t is80,
                                   uint64_t cont, unsigned width) {
    uint64_t all = ((uint64_t)1 << width) - 1;
    /* Where continuation bytes must be, and be nowhere else; after 0xE2 the next byte must be 0x80. */
    uint64_t expected = (leadC3 << 1) | (leadE2 << 1) | (leadE2 << 2);
    uint64_t problem = bad | (high & ~(leadC3 | leadE2 | cont)) | ((cont ^ expected) & all)
        | ((leadE2 << 1) & ~is80 & all)
        | (expected & ~all ? ((expected & ~all) >> 1 | (expected & ~all) >> 2) & all & (leadC3 | leadE2) : 0);
    if (problem == 0) return width;
    /* Stop at the start of the character holding the first problem. */
    unsigned k = (unsigned)__builtin_ctzll(problem);
    while (k > 0 && ((expected >> k) & 1)) k--;
    return k;
}

static size_t plain_run_portable(const uint8_t *p, size_t n) {
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
/* The vector versions of plain_run and block_masks, sixteen bytes at a time with SSE2 and thirty-two
   with AVX2 (chosen at run time): each body is written once (plain_run_body.h, block_masks_body.h) over
   macros that each width defines. In block_masks, the byte before and the two after each byte come from
   loads one and two bytes off. */
#define VEC __m128i
#define LANES 16
#define LOADU(p) _mm_loadu_si128((const __m128i *)(p))
#define SET1(x) _mm_set1_epi8((char)(x))
#define EQ(a, b) _mm_cmpeq_epi8((a), (b))
#define LT(a, b) _mm_cmplt_epi8((a), (b))
#define OR(a, b) _mm_or_si128((a), (b))
#define AND(a, b) _mm_and_si128((a), (b))
#define ANDNOT(a, b) _mm_andnot_si128((b), (a))   /* a & ~b */
#define XOR(a, b) _mm_xor_si128((a), (b))
#define SUB(a, b) _mm_sub_epi8((a), (b))
#define MAXU(a, b) _mm_max_epu8((a), (b))
#define BITS(m) (uint64_t)(uint16_t)_mm_movemask_epi8(m)
static void block_masks_sse2(const uint8_t *q, uint64_t *m) {
#include "block_masks_body.h"
}
static size_t plain_run_sse2(const uint8_t *p, size_t n) {
#include "plain_run_body.h"
}
#include "block_masks_undef.h"

#if defined(HAVE_AVX2_PATH)
#define VEC __m256i
#define LANES 32
#define LOADU(p) _mm256_loadu_si256((const __m256i *)(p))
#define SET1(x) _mm256_set1_epi8((char)(x))
#define EQ(a, b) _mm256_cmpeq_epi8((a), (b))
#define LT(a, b) _mm256_cmpgt_epi8((b), (a))
#define OR(a, b) _mm256_or_si256((a), (b))
#define AND(a, b) _mm256_and_si256((a), (b))
#define ANDNOT(a, b) _mm256_andnot_si256((b), (a))   /* a & ~b */
#define XOR(a, b) _mm256_xor_si256((a), (b))
#define SUB(a, b) _mm256_sub_epi8((a), (b))
#define MAXU(a, b) _mm256_max_epu8((a), (b))
#define BITS(m) (uint64_t)(uint32_t)_mm256_movemask_epi8(m)
__attribute__((target("avx2")))
static void block_masks_avx2(const uint8_t *q, uint64_t *m) {
#include "block_masks_body.h"
}
__attribute__((target("avx2")))
static size_t plain_run_avx2(const uint8_t *p, size_t n) {
#include "plain_run_body.h"
}
#include "block_masks_undef.h"

#endif

#endif

size_t verbatim_plain_run_level(const uint8_t *p, size_t n, int level) {
#if defined(HAVE_AVX2_PATH)
    if (level >= 2 && have_avx2()) return plain_run_avx2(p, n);
#endif
#if defined(__SSE2__)
    if (level >= 1) return plain_run_sse2(p, n);
#endif
    return plain_run_portable(p, n);
}

size_t verbatim_plain_run(const uint8_t *p, size_t n) { return verbatim_plain_run_level(p, n, 2); }

/* Level 0: byte by byte; 1: SSE2 where compiled in; 2 (or more): AVX2 where the processor has it. */
static void block_masks_at(const uint8_t *q, uint64_t *m, int level) {
#if defined(HAVE_AVX2_PATH)
    if (level >= 2 && have_avx2()) { block_masks_avx2(q, m); return; }
#endif
#if defined(__SSE2__)
    if (level >= 1) { block_masks_sse2(q, m); return; }
#endif
    block_masks_portable(q, m);
}

static void token_masks(const uint8_t *p, size_t n, size_t before, size_t after, uint64_t *masks, int level) {
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
        block_masks_at(q, m, level);
        if (count < 64) {
            uint64_t valid = ((uint64_t)1 << count) - 1;
            m[0] &= valid; m[1] &= valid; m[2] &= valid; m[3] &= valid;
        }
    }
}

void verbatim_token_masks(const uint8_t *p, size_t n, size_t before, size_t after, uint64_t *masks) {
    token_masks(p, n, before, after, masks, 2);
}

void verbatim_token_masks_level(const uint8_t *p, size_t n, size_t before, size_t after, uint64_t *masks, int level) {
    token_masks(p, n, before, after, masks, level);
}
