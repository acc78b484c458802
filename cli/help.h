/* SPDX-License-Identifier: GPL-3.0-or-later */
/* help.h: the commands' --help, kept as text in cli/help/NAME.txt and
 * embedded by the build (cmake/EmbedTemplates.cmake), so help is edited
 * as text and not as C string literals.
 *
 * A help text is printed as it is, but for lines that end in a mark,
 * whose text before the mark is the mark's lead (its indent):
 *   @include NAME@          alone: the help text NAME, filled the same way
 *                           (the lines several commands share: opt-force)
 *   LEAD@rows KEY WIDTH@    the rows of the table of kinds KEY (kinds.h),
 *                           one a line: LEAD, the name padded to WIDTH, a
 *                           space and the row's description
 *   LEAD@choices KEY [W]@   the names of table KEY after LEAD, the default
 *                           row marked "(default)", joined by ", " (by " W"
 *                           before the last one when W is given), wrapped
 *                           at 79 columns under the first name
 *   LEAD@takes KEY WIDTH@   each row of table KEY that lists its own
 *                           options (chart kinds): LEAD, the name padded
 *                           to WIDTH, its options ("--value, --sort")
 *   LEAD@commands WIDTH@    the command table (main.c), as @rows@
 *   #@ ...                  a note for the text's reader, dropped
 * So the lists in the help come from the tables that parsing reads. */
#ifndef FORCESTAT_CLI_HELP_H
#define FORCESTAT_CLI_HELP_H

#include "common.h"

/* The embedded texts: names and texts in pairs, NULL-terminated
 * (generated from cli/help/). */
extern const char *const cli_help_texts[];

/* The text of help NAME, or NULL. */
const char *cli_help_text(const char *name);

/* cli_help (common.h) prints help NAME to stdout, its marks filled:
 * EXIT_OK, or EXIT_DATA after a message when there is no such help or a
 * mark is malformed (a slip in cli/help/, which tests/meta/help.sh
 * catches). */

#endif
