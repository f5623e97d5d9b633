// If the process crashes while the explorer owns the terminal (a trap, a fault, an abort),
// the terminal must not be left in the alternate screen with the cursor hidden and mouse
// reporting on, nor the crash reporter wait for a key on a screen nobody can read.
#ifndef LATENTLAB_TERMINAL_GUARD_H
#define LATENTLAB_TERMINAL_GUARD_H

/// Remembers the terminal's settings (call before ncurses changes them) and installs handlers
/// for SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT and SIGFPE that restore it.
void ll_install_crash_restore(void);

#endif
