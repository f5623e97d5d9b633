// A C target needs a source file; everything CNcurses offers is inline in include/shim.h.
// Compiled on its own, the C library declares wcwidth only with the X/Open extensions on
// (Swift's import of the module sees them by default).
#define _GNU_SOURCE 1
#include "shim.h"
