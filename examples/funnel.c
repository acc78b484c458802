/* SPDX-License-Identifier: GPL-3.0-or-later */
/* funnel.c: Spiegelhalter's funnel limits for four forces' proportions,
 * widened for over-dispersion, and each force's flag against them. */
#include <forcestat/forcestat.h>
#include <stdio.h>

int main(void)
{
    static const char *const names[] = {"Essex", "Kent", "Surrey", "Sussex"};
    double num[] = {663, 940, 212, 480}, den[] = {155467, 170210, 60520, 102300};
    fs_funnel_options_t opt;
    fs_funnel_options_init(&opt);
    opt.overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
    fs_funnel_t f;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_funnel_fit(num, den, 4, &opt, &f, &err) != FS_OK) {
        char msg[1200];
        fs_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "funnel: %s\n", msg);
        return 1;
    }
    printf("target %.4f%%, phi %.2f\n", 100 * f.target, f.phi);
    for (size_t i = 0; i < 4; i++) {
        char flag[32];
        fs_funnel_flag_name(&f, fs_funnel_flag(&f, num[i], den[i]), flag, sizeof flag);
        printf("  %-8s %.4f%%  z %+.2f  %s\n", names[i], 100 * num[i] / den[i],
               fs_funnel_z(&f, num[i], den[i]), flag);
    }
    return 0;
}
