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

#endif
