/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_check.c: `forcestat check`, what a dataset holds: of each FILE, and
 * of each CSV member of a .zip archive, in turn. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "options.h"
#include "render/results.h"

/* The report of one input into out: EXIT_OK, or the exit code after
 * printing the error. */
static int check_one(fs_reader_t *r, const cli_shared_t *so, fs_buf_t *out)
{
    fs_table_t *t;
    size_t fc;
    int code = cli_load_table_reader(r, so->force, &so->filters, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_description_t *d;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_describe(t, fc, &d, &err) != FS_OK) {
        fs_table_free(t);
        return cli_report(&err);
    }
    fs_check_write(out, (fs_output_format_t)so->format, t, d);
    fs_description_free(d);
    fs_table_free(t);
    return EXIT_OK;
}

/* Checks every input in turn; the reports follow one another (text: a
 * blank line between; JSON: an array of them when there are several). */
static int check_inputs(const char *const *paths, size_t npaths, const char *member,
                        const cli_shared_t *so)
{
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.encoding = so->encoding;
    fs_sheet_choice_t which = cli_sheet;
    fs_error_t err;
    fs_error_clear(&err);
    fs_inputs_t *in;
    if (fs_inputs_open(&in, paths, npaths, member, &which, &opt, &err) != FS_OK)
        return cli_report(&err);
    fs_buf_t all, one;
    fs_buf_init(&all);
    fs_buf_init(&one);
    size_t n = 0;
    int code = EXIT_OK;
    fs_reader_t *r;
    fs_status_t st;
    while (code == EXIT_OK && (st = fs_inputs_next(in, &r, &err)) == FS_OK) {
        fs_buf_reset(&one);
        if ((code = check_one(r, so, &one)) != EXIT_OK)
            break;
        if (n++ > 0 && so->format == FORMAT_JSON) {
            if (all.len > 0 && all.data[all.len - 1] == '\n')
                all.len--; /* "}," on the object's last line */
            fs_buf_puts(&all, ",\n");
        } else if (n > 1) {
            fs_buf_putc(&all, '\n');
        }
        fs_buf_append(&all, one.data, one.len);
        all.failed |= one.failed;
    }
    if (code == EXIT_OK && st != FS_EOF)
        code = cli_report(&err);
    if (code == EXIT_OK && n > 1 && so->format == FORMAT_JSON) {
        fs_buf_reset(&one);
        fs_buf_puts(&one, "[\n");
        fs_buf_append(&one, all.data, all.len);
        fs_buf_puts(&one, "]\n");
        code = cli_write_output(&one, so->format);
    } else if (code == EXIT_OK) {
        code = cli_write_output(&all, so->format);
    }
    fs_buf_free(&one);
    fs_buf_free(&all);
    fs_inputs_free(in);
    return code;
}

int cmd_check(int argc, char **argv)
{
    static const struct option options[] = {CLI_OPT_FORCE,
                                            CLI_OPT_ENCODING,
                                            CLI_OPT_FORMAT,
                                            CLI_OPT_FILTER,
                                            {"member", required_argument, NULL, 'm'},
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    cli_shared_t so;
    cli_shared_init(&so, "check", FORMAT_TEXT | FORMAT_JSON);
    const char *member = NULL;
    int shared;
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'V': return cli_version();
        case 'h': return cli_help("check");
        case 'm': member = optarg; break;
        default:
            if ((shared = cli_shared_option(&so, c, optarg)) != EXIT_OK)
                return shared < 0 ? cli_bad_option("check") : shared;
        }
    }
    static const char *stdin_path[] = {"-"};
    const char *const *paths = optind < argc ? (const char *const *)argv + optind : stdin_path;
    size_t npaths = optind < argc ? (size_t)(argc - optind) : 1;
    return check_inputs(paths, npaths, member, &so);
}
