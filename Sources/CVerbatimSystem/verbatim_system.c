#include "verbatim_system.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

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

// Temporary files to remove on a fatal signal: a fixed table, so that the handler touches no
// allocator and no lock. A slot is 0 (free), 1 (taken, its path being copied) or 2 (armed); the
// handler reads only armed slots, whose path was completely written before the slot was armed.
#define VERBATIM_CLEANUP_SLOTS 64
#define VERBATIM_CLEANUP_PATH 4096

static char cleanup_paths[VERBATIM_CLEANUP_SLOTS][VERBATIM_CLEANUP_PATH];
static volatile sig_atomic_t cleanup_state[VERBATIM_CLEANUP_SLOTS];
static pthread_mutex_t cleanup_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t cleanup_once = PTHREAD_ONCE_INIT;
static volatile sig_atomic_t cleanup_handlers = 0;

static void cleanup_on_signal(int sig) {
    int saved = errno;
    for (int i = 0; i < VERBATIM_CLEANUP_SLOTS; i++) {
        if (__atomic_load_n(&cleanup_state[i], __ATOMIC_ACQUIRE) == 2) {
            unlink(cleanup_paths[i]);
        }
    }
    // The handler was installed with SA_RESETHAND: the disposition is the default again, and the
    // signal, blocked while the handler runs, is delivered as soon as it returns.
    signal(sig, SIG_DFL);
    raise(sig);
    errno = saved;
}

static void cleanup_install(void) {
    static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction current;
        if (sigaction(signals[i], NULL, &current) != 0) continue;
        if ((current.sa_flags & SA_SIGINFO) || current.sa_handler != SIG_DFL) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = cleanup_on_signal;
        sigemptyset(&action.sa_mask);
        sigaddset(&action.sa_mask, SIGINT);
        sigaddset(&action.sa_mask, SIGTERM);
        sigaddset(&action.sa_mask, SIGHUP);
        action.sa_flags = SA_RESETHAND;
        if (sigaction(signals[i], &action, NULL) == 0) cleanup_handlers = 1;
    }
}

int verbatim_cleanup_register(const char *path) {
    size_t n = strlen(path);
    if (n >= VERBATIM_CLEANUP_PATH) return -1;
    pthread_once(&cleanup_once, cleanup_install);
    int slot = -1;
    pthread_mutex_lock(&cleanup_lock);
    for (int i = 0; i < VERBATIM_CLEANUP_SLOTS; i++) {
        if (cleanup_state[i] == 0) {
            cleanup_state[i] = 1;
            slot = i;
            break;
        }
    }
    pthread_mutex_unlock(&cleanup_lock);
    if (slot < 0) return -1;
    memcpy(cleanup_paths[slot], path, n + 1);
    __atomic_store_n(&cleanup_state[slot], 2, __ATOMIC_RELEASE);
    return slot;
}

void verbatim_cleanup_unregister(int slot) {
    if (slot < 0 || slot >= VERBATIM_CLEANUP_SLOTS) return;
    __atomic_store_n(&cleanup_state[slot], 0, __ATOMIC_RELEASE);
}

int verbatim_cleanup_installed(void) { return cleanup_handlers ? 1 : 0; }
