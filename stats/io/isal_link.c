/* SPDX-License-Identifier: GPL-3.0-or-later */
/* isal_link.c: in the shared library only.  source_gzip.c refers to
 * ISA-L weakly, so that a fully static program links without it (and
 * inflates with zlib); a weak reference alone does not keep libisal
 * among the shared library's needed libraries when the linker drops
 * those it calls unneeded (--as-needed), so this one refers to it
 * strongly. */
#include <isa-l/igzip_lib.h>

#include "distance.h" /* FS_HIDDEN */

FS_HIDDEN extern void (*const fs_isal_link)(struct inflate_state *);
FS_HIDDEN void (*const fs_isal_link)(struct inflate_state *) = isal_inflate_init;
