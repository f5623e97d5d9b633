// The handlers use async-signal-safe calls only (write, tcsetattr, signal, raise): no ncurses,
// no allocation. They restore the terminal, say what happened in one line, and re-raise the
// signal with its default action, so the exit status still tells a shell it was a crash.
#include "terminal_guard.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static volatile sig_atomic_t have_saved = 0;

static void restore(int sig) {
    static const char reset[] = "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";
    static const char said[] = "latentlab stopped on a fault; the terminal was restored. Please report it with what you did.\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    ignored = write(STDERR_FILENO, said, sizeof said - 1);
    (void)ignored;
    if (have_saved) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

void ll_install_crash_restore(void) {
    if (tcgetattr(STDIN_FILENO, &saved) == 0) have_saved = 1;
    const int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = restore;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigaction(signals[i], &action, NULL);
    }
}
