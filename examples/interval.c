/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interval.c: the confidence interval of a sampled proportion, as PEEL
 * reports quote it ("85.7 percent, +/- 4.9 percent" from 168 of 196
 * records), by Wald and by Wilson.
 *
 *     interval [K N] */
#include <forcestat/forcestat.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    double k = argc == 3 ? atof(argv[1]) : 168, n = argc == 3 ? atof(argv[2]) : 196;
    static const fs_ci_method_t methods[] = {FS_CI_WALD, FS_CI_WILSON};
    for (size_t i = 0; i < 2; i++) {
        fs_interval_t ci;
        fs_error_t err;
        fs_error_clear(&err);
        if (fs_proportion_ci(k, n, methods[i], 0.95, 0, &ci, &err) != FS_OK) {
            char msg[1200];
            fs_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "interval: %s\n", msg);
            return 1;
        }
        printf("%-8s %.1f%% (%.1f%% to %.1f%%)%s\n", fs_ci_method_name(methods[i]),
               100 * ci.estimate, 100 * ci.lower, 100 * ci.upper,
               fs_interval_symmetric(&ci) ? ", symmetric" : "");
    }
    printf("forcestat %s\n", fs_version());
    return 0;
}
