/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_inputs.c: the inputs of `forcestat report`: the bundled
 * manifest, standard input read once, and the measures of each dataset
 * named (a manifest's rows, or a plain dataset's columns: manifest.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

#ifndef FORCESTAT_DATADIR
#define FORCESTAT_DATADIR "/usr/local/share/forcestat/datasets"
#endif
#ifndef FORCESTAT_DATADIR_FROM_BIN
#define FORCESTAT_DATADIR_FROM_BIN "../share/forcestat/datasets"
#endif

/* The bundled manifest: datasets/report.csv in the current folder (a
 * checkout), else beside the installed program (PREFIX/bin/forcestat ->
 * PREFIX/share/forcestat/datasets, wherever PREFIX now is), else at the
 * configured prefix.  NULL when none of them can be read: the caller
 * says where it looked (report_no_manifest). */
const char *report_bundled_manifest(char *buf, size_t size)
{
    if (access("datasets/report.csv", R_OK) == 0)
        return "datasets/report.csv";
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            int w = snprintf(buf, size, "%s/%s/report.csv", exe, FORCESTAT_DATADIR_FROM_BIN);
            if (w > 0 && (size_t)w < size && access(buf, R_OK) == 0)
                return buf;
        }
    }
    if (access(FORCESTAT_DATADIR "/report.csv", R_OK) == 0)
        return FORCESTAT_DATADIR "/report.csv";
    return NULL;
}

/* No dataset named and no bundled manifest found: says where it was
 * looked for and how to name one; returns the usage exit code. */
int report_no_manifest(const char *cmd)
{
    return cli_usage(cmd,
                     "no dataset named, and the bundled manifest is not here (datasets/report.csv) "
                     "nor installed (%s/report.csv): name a manifest or a dataset",
                     FORCESTAT_DATADIR);
}

/* Standard input, read once: a report may need a dataset twice (to see
 * whether it is a manifest, then to compute), and a pipe can be read
 * only once. */
int report_load(const char *path, report_stdin_t *in, const char *force, fs_table_t **t, size_t *fc)
{
    if (strcmp(path, "-") != 0)
        return cli_load_table(path, FS_ENCODING_UTF8, force, NULL, t, fc);
    if (!in->read) {
        fs_error_t err;
        fs_error_clear(&err);
        if (fs_read_file("-", &in->data, &in->len, &err) != FS_OK)
            return cli_report(&err);
        in->read = 1;
    }
    return cli_load_table_memory("<stdin>", in->data, in->len, FS_ENCODING_UTF8, force, NULL, t,
                                 fc);
}

int report_read_specs(const char *const *paths, int n, report_stdin_t *in, fs_report_specs_t *specs)
{
    int code = EXIT_OK;
    for (int i = 0; i < n && code == EXIT_OK; i++) {
        fs_table_t *t;
        size_t fc;
        if ((code = report_load(paths[i], in, NULL, &t, &fc)) != EXIT_OK)
            return code;
        fs_error_t err;
        fs_error_clear(&err);
        fs_description_t *d = NULL;
        fs_status_t st =
            fs_manifest_is(t) ? fs_manifest_read(t, specs, &err) : fs_describe(t, fc, &d, &err);
        unsigned char *constant = NULL;
        if (st == FS_OK && d != NULL && (constant = calloc(t->ncols + 1, 1)) == NULL)
            st = fs_error_set(&err, FS_ENOMEM, "out of memory");
        if (st == FS_OK && d != NULL)
            st = fs_manifest_infer(paths[i], t, d, specs, constant, &err);
        /* A constant column has no band: left out, with a note. */
        for (size_t c = 0; st == FS_OK && constant != NULL && c < t->ncols; c++) {
            if (constant[c])
                cli_note_constant(t, d, c);
        }
        free(constant);
        if (st != FS_OK)
            code = cli_report(&err);
        fs_description_free(d);
        fs_table_free(t);
    }
    return code;
}
