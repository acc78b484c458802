/* cmd_forces.c: `forcestat forces`, the force registry. */
#include <getopt.h>
#include <string.h>

#include "common.h"

static const char help[] =
    "Usage: forcestat forces [--format text|csv|json]\n"
    "\n"
    "List the 43 territorial police forces of England and Wales in ONS code\n"
    "order: code, the name HMICFRS uses, the Home Office short name, region\n"
    "and country.\n"
    "\n"
    "Options:\n"
    "  --format F   text (default), csv, or json (an array of objects with\n"
    "               \"code\", \"name\", \"short_name\", \"region\", \"country\")\n"
    "  --help       show this help\n";

int cmd_forces(int argc, char **argv)
{
    static const struct option options[] = {
        {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    cli_format_t format = FORMAT_TEXT;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!cli_parse_format("forces", optarg, FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON,
                                  &format))
                return EXIT_USAGE;
            break;
        case 'h': return cli_print_help(help);
        default: return cli_bad_option("forces");
        }
    }
    if (optind < argc)
        return cli_usage("forces", "unexpected argument '%s'", argv[optind]);

    fs_buf_t out;
    fs_buf_init(&out);
    if (format == FORMAT_JSON)
        fs_buf_puts(&out, "[\n");
    else if (format == FORMAT_CSV)
        fs_buf_puts(&out, "code,name,short_name,region,country\n");
    else
        fs_buf_printf(&out, "%-10s %-31s %s\n", "Code", "Force", "Region");
    for (size_t i = 0; i < FS_FORCE_COUNT; i++) {
        const fs_force_t *f = fs_registry_force(i);
        if (format == FORMAT_JSON) {
            fs_buf_puts(&out, "  {\"code\": ");
            fs_json_string(&out, f->code);
            fs_buf_puts(&out, ", \"name\": ");
            fs_json_string(&out, f->name);
            fs_buf_puts(&out, ", \"short_name\": ");
            fs_json_string(&out, f->short_name);
            fs_buf_puts(&out, ", \"region\": ");
            fs_json_string(&out, f->region);
            fs_buf_puts(&out, ", \"country\": ");
            fs_json_string(&out, f->country);
            fs_buf_puts(&out, i + 1 < FS_FORCE_COUNT ? "},\n" : "}\n");
        } else if (format == FORMAT_CSV) {
            const char *fields[] = {f->code, f->name, f->short_name, f->region, f->country};
            for (size_t k = 0; k < 5; k++) {
                if (k)
                    fs_buf_putc(&out, ',');
                fs_csv_field(&out, fields[k]);
            }
            fs_buf_putc(&out, '\n');
        } else {
            fs_buf_printf(&out, "%-10s %-31s %s\n", f->code, f->name, f->region);
        }
    }
    if (format == FORMAT_JSON)
        fs_buf_puts(&out, "]\n");
    int code = cli_write_output(&out, format);
    fs_buf_free(&out);
    return code;
}
