#ifndef VERBATIM_SYSTEM_H
#define VERBATIM_SYSTEM_H

/// Lets glibc serve buffers up to `bytes` from its heap (M_MMAP_THRESHOLD) and keep up to `bytes` of
/// free heap before returning memory to the system (M_TRIM_THRESHOLD), through glibc's own `mallopt`.
/// Returns 1 when both settings were taken, 0 otherwise (and on C libraries without `mallopt`).
int verbatim_tune_malloc(int bytes);

#endif
