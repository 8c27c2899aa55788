/* The body of plain_run_sse2 and plain_run_avx2 (see verbatim_scan.c), written once over the macros of
   block_masks_body.h. Not a header to include anywhere else. */
    size_t i = 0;
    while (i + LANES <= n) {
        VEC v = LOADU(p + i);
        /* (No early exit for all-ASCII blocks: in French text about half the blocks have an accent, and
           a branch that cannot be predicted costs more than the few instructions below.) */
        unsigned k = plain_block(BITS(OR(EQ(v, SET1(0)), EQ(v, SET1(0x0D)))), BITS(v), BITS(EQ(v, SET1(0xC3))),
                                 BITS(EQ(v, SET1(0xE2))), BITS(EQ(v, SET1(0x80))), BITS(EQ(AND(v, SET1(0xC0)), SET1(0x80))), LANES);
        if (k < LANES) return i + k;
        i += LANES;
    }
    return i;
