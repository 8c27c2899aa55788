#include "verbatim_system.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int verbatim_tune_malloc(int bytes) {
#if defined(__GLIBC__)
    int a = mallopt(M_MMAP_THRESHOLD, bytes);
    int b = mallopt(M_TRIM_THRESHOLD, bytes);
    return a == 1 && b == 1;
#else
    (void)bytes;
    return 0;
#endif
}
