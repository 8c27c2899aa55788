// The codebook loader lives here.
