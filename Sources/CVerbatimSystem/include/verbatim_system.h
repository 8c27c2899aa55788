#ifndef VERBATIM_SYSTEM_H
#define VERBATIM_SYSTEM_H

/// Lets glibc serve buffers up to `bytes` from its heap (M_MMAP_THRESHOLD) and keep up to `bytes` of
/// free heap before returning memory to the system (M_TRIM_THRESHOLD), through glibc's own `mallopt`.
/// Returns 1 when both settings were taken, 0 otherwise (and on C libraries without `mallopt`).
int verbatim_tune_malloc(int bytes);

/// Registers `path`, a temporary file being written, to be removed if the process is killed by
/// SIGINT, SIGTERM or SIGHUP before it is unregistered. The first call installs the handlers, for
/// each of those signals whose disposition is still the default (a signal the program already
/// handles or ignores is left alone). The handler removes every registered file, then lets the signal
/// kill the process as it would have (default disposition, signal raised again).
/// Returns the slot to pass to `verbatim_cleanup_unregister`, or -1 when the path is too long or
/// every slot is taken (the file is then simply not protected).
int verbatim_cleanup_register(const char *path);

/// Forgets the file registered in `slot` (after it was renamed into place or removed). -1 is ignored.
void verbatim_cleanup_unregister(int slot);

/// Whether any signal handler of `verbatim_cleanup_register` is installed (for tests): 1 or 0.
int verbatim_cleanup_installed(void);

#endif
