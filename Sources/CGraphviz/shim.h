#ifndef FLOWCUT_CGRAPHVIZ_SHIM_H
#define FLOWCUT_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#endif
