/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.h: what the parts of `forcestat report` share: reading its
 * inputs (report_inputs.c) and the band's table as its pages show it
 * (report_table.c).  The report itself is built by the library's site
 * (stats/render/site.h). */
#ifndef FORCESTAT_CLI_REPORT_H
#define FORCESTAT_CLI_REPORT_H

#include "common.h"
#include "io/manifest.h"
#include "outliers_output.h"
#include "render/site.h"

/* Standard input, read once: a report may need a dataset twice (to see
 * whether it is a manifest, then to compute), and a pipe can be read
 * only once. */
typedef struct report_stdin {
    char *data;
    size_t len;
    int read;
} report_stdin_t;

/* The bundled manifest: datasets/report.csv in the current folder (a
 * checkout), else beside the installed program, else at the configured
 * prefix; buf holds the second. */
const char *report_bundled_manifest(char *buf, size_t size);
int report_no_manifest(const char *cmd);

/* Reads a dataset ("-": standard input, read once into in); prints any
 * error and returns its exit code. */
int report_load(const char *path, report_stdin_t *in, const char *force, fs_table_t **t,
                size_t *fc);

/* The measures of n manifests or plain datasets, appended to specs;
 * prints any error and returns its exit code. */
int report_read_specs(const char *const *paths, int n, report_stdin_t *in,
                      fs_report_specs_t *specs);

/* The manifest's higher_is as the band's table takes it. */
higher_is_t report_higher(fs_report_higher_t higher);

/* What the program tells the site: the band's table rows of a page, and
 * a flag's words. */
extern const fs_site_hooks_t report_hooks;

#endif
