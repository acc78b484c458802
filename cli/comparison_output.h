/* comparison_output.h: text, CSV and JSON for `proportions` and `rates`. */
#ifndef FORCESTAT_CLI_COMPARISON_OUTPUT_H
#define FORCESTAT_CLI_COMPARISON_OUTPUT_H

#include "common.h"

/* measure: a short description for headings, e.g. "searches / population".
 * numerator_name, denominator_name: the column names used in CSV and JSON
 * ("numerator"/"denominator" or "count"/"population"). */
void comparison_format(fs_buf_t *out, cli_format_t format, const fs_table_t *t,
                       const fs_description_t *d, const fs_comparison_t *c, const char *measure);

#endif
