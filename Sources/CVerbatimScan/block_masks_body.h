/* The body of block_masks_sse2 and block_masks_avx2 (see verbatim_scan.c), written once over the
   macros each defines: VEC, LANES, LOADU, SET1, EQ, LT (signed), OR, AND, ANDNOT, XOR, SUB, MAXU (unsigned)
   and BITS (one bit per byte). Not a header to include anywhere else. */
    const VEC bias = SET1(0x80);
    uint64_t word = 0, special = 0, brk = 0, sentence = 0;
    for (int k = 0; k < 64 / LANES; k++) {
        const uint8_t *b = q + LANES * k;
        VEC v = LOADU(b);
        VEC prev = LOADU(b - 1);
        VEC v1 = LOADU(b + 1);
        VEC v2 = LOADU(b + 2);
        VEC lower = OR(v, SET1(0x20));
        VEC alpha = LT(XOR(SUB(lower, SET1(0x61)), bias), SET1(26 ^ 0x80));
        VEC digit = LT(XOR(SUB(v, SET1(0x30)), bias), SET1(10 ^ 0x80));
        VEC isCont = EQ(AND(v, SET1(0xC0)), SET1(0x80));
        VEC cont1 = EQ(AND(v1, SET1(0xC0)), SET1(0x80));
        VEC timesDivide = EQ(lower, SET1(0xB7));
        VEC timesDivide1 = EQ(OR(v1, SET1(0x20)), SET1(0xB7));
        VEC c3Pair = AND(EQ(v, SET1(0xC3)), cont1);
        VEC latinLead = ANDNOT(c3Pair, timesDivide1);
        VEC latinSecond = ANDNOT(AND(EQ(prev, SET1(0xC3)), isCont), timesDivide);
        VEC e2 = EQ(v, SET1(0xE2));
        VEC e280 = AND(e2, EQ(v1, SET1(0x80)));
        VEC ellipsis = AND(e280, EQ(v2, SET1(0xA6)));
        VEC rightQuote = AND(e280, EQ(v2, SET1(0x99)));
        VEC emoji = AND(EQ(v, SET1(0xF0)), EQ(MAXU(v1, SET1(0x9F)), v1));
        VEC known = OR(OR(c3Pair, EQ(v, SET1(0xC2))), OR(ANDNOT(e2, rightQuote), emoji));
        VEC lead = EQ(MAXU(v, SET1(0xC0)), v);   /* v >= 0xC0 */
        VEC clause = OR(OR(OR(EQ(v, SET1(',')), EQ(v, SET1(';'))), OR(EQ(v, SET1(':')), EQ(v, SET1('(')))),
                        OR(OR(EQ(v, SET1(')')), EQ(v, SET1('"'))), OR(EQ(v, SET1('[')), EQ(v, SET1(']')))));
        VEC stop = OR(OR(OR(EQ(v, SET1('.')), EQ(v, SET1('!'))), OR(EQ(v, SET1('?')), EQ(v, SET1('\n')))), ellipsis);
        int shift = LANES * k;
        word |= BITS(OR(OR(alpha, digit), OR(latinLead, latinSecond))) << shift;
        special |= BITS(OR(OR(EQ(v, SET1(0x27)), rightQuote), ANDNOT(lead, known))) << shift;
        brk |= BITS(OR(clause, stop)) << shift;
        sentence |= BITS(stop) << shift;
    }
    m[0] = word; m[1] = special; m[2] = brk; m[3] = sentence;
