/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stage.h: one staging-and-commit path for every output file.
 *
 * A run that writes files (a report, a chart with its kept script) opens
 * a stage on its output folder.  The stage
 *   - takes an exclusive lock on the folder (flock on the folder itself,
 *     so no lock file is left), so two runs never mix their files: the
 *     second is told the folder is busy;
 *   - finishes a commit a killed run left half done (its journal,
 *     .forcestat-journal, names the files: see fs_stage_commit), then
 *     removes the stage folders (.forcestat-stage-*) killed runs left
 *     there, and nothing else;
 *   - creates a private folder of its own inside DIR (mkdtemp, mode 0700,
 *     an absolute path), where every output is written, by us with
 *     O_EXCL|O_NOFOLLOW or by gnuplot, and where scratch files (chart
 *     data, the gnuplot script) live;
 *   - remembers the inputs (device and inode) and refuses, before writing
 *     anything and again before committing, any output that would replace
 *     one of them;
 *   - on commit, checks every destination, then renames every staged file
 *     into DIR in the order they were staged (so a report's index.html,
 *     staged last, appears last) and removes the files retired
 *     (fs_stage_retire), all or nothing: see fs_stage_commit.  Until then
 *     DIR is untouched: a failed run leaves every earlier file as it was.
 * Every write, flush and close is checked; a full disk is FS_EIO naming
 * the output and the system's reason. */
#ifndef FORCESTAT_STAGE_H
#define FORCESTAT_STAGE_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fs_stage fs_stage_t;

/* How many subfolders one stage may write into. */
#define FS_STAGE_MAX_SUBFOLDERS 8

/* Splits an output path into its folder (".", "/" or the part before the
 * last '/', written to folder) and its file name (*name, pointing into
 * path).  Errors: FS_ELIMIT when the folder does not fit in size. */
fs_status_t fs_path_folder(const char *path, char *folder, size_t size, const char **name,
                           fs_error_t *err);

/* Opens a stage on folder dir, creating the folder (one level) when it
 * does not exist.  Errors: FS_EIO (cannot create or open the folder, it
 * is not a folder), FS_EBUSY (another run
 * holds the folder's lock), FS_ENOMEM. */
fs_status_t fs_stage_open(fs_stage_t **out, const char *dir, fs_error_t *err);

/* Records an input that no output may replace: path "-" means standard
 * input.  An input that does not exist (yet) is ignored.  Checks the
 * files already staged.  Errors: FS_ECONFLICT when a staged output is it. */
fs_status_t fs_stage_add_input(fs_stage_t *s, const char *path, fs_error_t *err);

/* Lets outputs go into the subfolder `sub` of the folder (one plain
 * folder name): their names are then "SUB/NAME".  At commit the
 * subfolder is created when missing; a file or a link standing in its
 * place is refused before anything moves.  Errors: FS_EINVAL (a bad
 * name), FS_ELIMIT (more than FS_STAGE_MAX_SUBFOLDERS), FS_EIO, FS_ENOMEM. */
fs_status_t fs_stage_subfolder(fs_stage_t *s, const char *sub, fs_error_t *err);

/* Checks, without reserving it, that the output `name` would replace no
 * input.  Errors: FS_ECONFLICT. */
fs_status_t fs_stage_check(fs_stage_t *s, const char *name, fs_error_t *err);

/* Reserves the output `name` (a plain file name: no '/', not "." or "..",
 * not beginning with ".forcestat", at most 255 bytes; or "SUB/NAME" for
 * a subfolder given to fs_stage_subfolder) and fills buf with the absolute path where
 * it is to be written inside the private folder; the caller (or a program
 * it runs) writes it there before fs_stage_commit.  Errors: FS_EINVAL (a
 * bad name, a name staged twice), FS_ECONFLICT (the destination is an
 * input),
 * FS_ELIMIT (buf too small), FS_ENOMEM. */
fs_status_t fs_stage_path(fs_stage_t *s, const char *name, char *buf, size_t size,
                          fs_error_t *err);

/* Reserves `name` as fs_stage_path does and writes len bytes to it now.
 * Errors: as fs_stage_path, and FS_EIO (with the output's final path and
 * the system's reason, e.g. "No space left on device"). */
fs_status_t fs_stage_write(fs_stage_t *s, const char *name, const void *data, size_t len,
                           fs_error_t *err);

/* Writes len bytes to `name`, reserved before with fs_stage_path and not
 * written yet.  Errors: as fs_stage_write. */
fs_status_t fs_stage_fill(fs_stage_t *s, const char *name, const void *data, size_t len,
                          fs_error_t *err);

/* Fills buf with the absolute path of a scratch file `name` in the
 * private folder: never committed, removed with the stage.  Errors:
 * FS_ELIMIT, FS_EINVAL (a bad name). */
fs_status_t fs_stage_scratch(const fs_stage_t *s, const char *name, char *buf, size_t size,
                             fs_error_t *err);

/* Writes len bytes to a new scratch file `name` (as fs_stage_scratch
 * names it), created by us and checked at every write and the close.
 * Errors: FS_EINVAL (a bad name), FS_EIO "cannot write WHAT: reason". */
fs_status_t fs_stage_write_scratch(const fs_stage_t *s, const char *name, const char *what,
                                   const void *data, size_t len, fs_error_t *err);

/* The final path of a staged or scratch name in the output folder, for
 * messages ("DIR/name"); never NULL. */
const char *fs_stage_display(fs_stage_t *s, const char *name);

/* Moves every staged output into the folder, in staging order, and
 * removes the retired files, after checking that each output exists in
 * the private folder, that none would replace an input, and that every
 * destination can be replaced: not a folder, not another user's file in
 * a sticky folder, in a writable folder.  Nothing is moved when a check
 * fails.  Then a journal naming every file is written and synced in the
 * folder (.forcestat-journal) before the first rename and removed after
 * the last, so a run killed in between is finished (rolled forward) by
 * the next fs_stage_open or fs_stage_recover on the folder.  Errors:
 * FS_EIO (a staged file is missing, a destination cannot be replaced, a
 * rename or a sync failed: when some files had moved, the message says
 * the commit is finished by `forcestat recover`), FS_ECONFLICT (an
 * output is an input). */
fs_status_t fs_stage_commit(fs_stage_t *s, fs_error_t *err);

/* Marks the file `name` of the folder (a name as fs_stage_path takes) to
 * be removed by the commit, unless the run stages it: a file an earlier
 * run wrote that this one does not.  Only a plain file is removed.
 * Errors: FS_EINVAL (a bad name), FS_ENOMEM. */
fs_status_t fs_stage_retire(fs_stage_t *s, const char *name, fs_error_t *err);

/* The i-th staged name, in staging order; NULL past the last. */
const char *fs_stage_name(const fs_stage_t *s, size_t i);

/* Finishes, in folder dir, the commit a killed run left half done (its
 * journal), then removes the stage folders killed runs left; *finished
 * is 1 when there was a commit to finish, *removed the number of stage
 * folders removed.  Takes the folder's lock as a stage does.  Errors:
 * FS_EIO (no such folder, a journal forcestat did not write, a move that
 * fails: the journal is then kept), FS_EBUSY, FS_ENOMEM. */
fs_status_t fs_stage_recover(const char *dir, int *finished, size_t *removed, fs_error_t *err);

/* How many outputs are staged. */
size_t fs_stage_count(const fs_stage_t *s);

/* Removes the private folder with everything left in it, releases the
 * lock and frees the stage; s may be NULL. */
void fs_stage_free(fs_stage_t *s);

#ifdef __cplusplus
}
#endif

#endif
