#ifndef FLOWCUT_CGRAPHVIZ_SHIM_H
#define FLOWCUT_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>

/* cgraph's default disciplines, reached through functions: Swift 6 will not
   read a C global variable from a nonisolated context. */
static inline Agmemdisc_t *flowcut_memory_discipline(void) { return &AgMemDisc; }
static inline Agiodisc_t flowcut_io_discipline(void) { return AgIoDisc; }
#endif
