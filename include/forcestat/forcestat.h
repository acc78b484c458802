/* SPDX-License-Identifier: GPL-3.0-or-later */
/* forcestat.h: the whole public API of the forcestat library. */
#ifndef FORCESTAT_H
#define FORCESTAT_H

#include "forcestat/aggregate.h"
#include "forcestat/bands.h"
#include "forcestat/change.h"
#include "forcestat/changes.h"
#include "forcestat/compare.h"
#include "forcestat/dataset.h"
#include "forcestat/describe.h"
#include "forcestat/funnel.h"
#include "forcestat/groups.h"
#include "forcestat/intervals.h"
#include "forcestat/kind.h"
#include "forcestat/measure.h"
#include "forcestat/number.h"
#include "forcestat/outliers.h"
#include "forcestat/period.h"
#include "forcestat/ratio.h"
#include "forcestat/ratio_table.h"
#include "forcestat/registry.h"
#include "forcestat/similar.h"
#include "forcestat/spc.h"
#include "forcestat/spine.h"
#include "forcestat/status.h"
#include "forcestat/swilk.h"
#include "forcestat/version.h"

#endif
