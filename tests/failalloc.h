/* SPDX-License-Identifier: GPL-3.0-or-later */
/* failalloc.h: make the Nth allocation fail (see failalloc.c). */
#ifndef FORCESTAT_FAILALLOC_H
#define FORCESTAT_FAILALLOC_H

/* Arms the count: the nth allocation from now fails (n >= 1). */
void fa_arm(long n);

/* Disarms it and returns how many allocations were counted. */
long fa_disarm(void);

#endif
