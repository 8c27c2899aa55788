/* Undefines the macros of block_masks_body.h. */
#undef VEC
#undef LANES
#undef LOADU
#undef SET1
#undef EQ
#undef LT
#undef OR
#undef AND
#undef ANDNOT
#undef XOR
#undef SUB
#undef MAXU
#undef BITS
