// A thread's scheduling priority: Swift has no spelling for a per-thread nice value on Linux.
#include "ckernels.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

void ll_lower_thread_priority(int32_t nice) {
#if defined(__linux__)
    // On Linux a nice value belongs to a thread, named by its kernel id.
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice);
#else
    (void)nice;
#endif
}
