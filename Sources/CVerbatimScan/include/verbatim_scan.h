#ifndef VERBATIM_SCAN_H
#define VERBATIM_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// The length of the longest prefix of p[0..<n) made only of characters that need no further check
/// before a plain-text transcript is counted: ASCII other than NUL and carriage return, two-byte
/// characters U+00C0-U+00FF (lead byte 0xC3: French accented letters), and three-byte characters
/// U+2000-U+203F (lead bytes 0xE2 0x80: typographic apostrophe, dashes, ellipsis, spaces). The prefix
/// ends on a character boundary. It may stop before such characters too (the caller checks from
/// there, one character at a time, and calls again): it is a fast path, not a validator.
size_t verbatim_plain_run(const uint8_t *p, size_t n);

/// `verbatim_plain_run` with a given implementation, for the tests: 0 one byte at a time, 1 SSE2
/// (x86-64), 2 AVX2 (when the processor has it; the default). A level not available here falls back to
/// the one below. The result may differ between levels only in where a run stops, never in what it
/// vouches for.
size_t verbatim_plain_run_level(const uint8_t *p, size_t n, int level);

/// Byte classes of p[0..<n) for the coder's word splitter, 64 bytes per entry, bit j of entry k being
/// byte 64 * k + j; `masks` receives 4 * ((n + 63) / 64 + 1) entries, four per block (the last block
/// all zero, so that a 64-bit window can always read the next entry):
/// - [4k]   word: ASCII letters and digits, both bytes of Latin-1 letters (0xC3 xx but × and ÷);
/// - [4k+1] special: what the fast splitter leaves to the character-by-character one: apostrophes
///          (' ’ ʼ), lead bytes of letters of other scripts, and anything it does not know;
/// - [4k+2] break: clause and sentence punctuation (`, ; : ( ) " [ ] . ! ? …` and line feeds);
/// - [4k+3] sentence: `. ! ? …` and line feeds.
/// Separators (spaces, other punctuation, no-break spaces, guillemets, dashes, emoji...) are in none.
/// `before` and `after` say how many bytes of the same text can be read before p and after p + n:
/// blocks are then classified in place; the unit must start and end on character boundaries.
void verbatim_token_masks(const uint8_t *p, size_t n, size_t before, size_t after, uint64_t *masks);

/// `verbatim_token_masks` with a given implementation, for the tests: 0 one byte at a time (the
/// reference), 1 SSE2 (x86-64), 2 AVX2 (chosen at run time, when the processor has it; the default).
/// A level that is not available here falls back to the one below.
void verbatim_token_masks_level(const uint8_t *p, size_t n, size_t before, size_t after, uint64_t *masks, int level);

#endif
