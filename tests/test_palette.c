/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_palette.c: the charts' one palette (plots/palette.gp).  Every pair
 * of colours a chart must tell apart (its "apart:" lines) stays at least
 * CIEDE2000 20 apart in normal vision and under simulated protanopia,
 * deuteranopia and tritanopia; no other template names a colour.
 *
 * Colour-vision deficiency is simulated with the matrices of Machado,
 * Oliveira and Fernandes, "A Physiologically-based Model for Simulation of
 * Color Vision Deficiency", IEEE TVCG 15(6), 2009, for severity 1.0 (the
 * dichromacies; their table of matrices), applied to linear RGB and
 * clipped to [0, 1].  sRGB to CIE XYZ uses the D65 matrix of IEC
 * 61966-2-1, XYZ to CIELAB the D65 white; the difference is CIEDE2000 as
 * Sharma, Wu and Dalal give it ("The CIEDE2000 color-difference formula:
 * implementation notes, supplementary test data and mathematical
 * observations", Color Res. Appl. 30(1), 2005), checked here on pairs of
 * their test data. */
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/template.h"
#include "testutil.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

typedef struct lab {
    double l, a, b;
} lab_t;

enum { NORMAL, PROTAN, DEUTAN, TRITAN, VISIONS };
static const char *const vision_names[VISIONS] = {"normal vision", "protanopia", "deuteranopia",
                                                  "tritanopia"};
/* Machado et al. (2009), severity 1.0. */
static const double machado[VISIONS][3][3] = {
    {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
    {{0.152286, 1.052583, -0.204868},
     {0.114503, 0.786281, 0.099216},
     {-0.003882, -0.048116, 1.051998}},
    {{0.367322, 0.860646, -0.227968},
     {0.280085, 0.672501, 0.047413},
     {-0.011820, 0.042940, 0.968881}},
    {{1.255528, -0.076749, -0.178779},
     {-0.078411, 0.930809, 0.147602},
     {0.004733, 0.691367, 0.303900}},
};

static double to_linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double lab_f(double t)
{
    const double e = 216.0 / 24389.0, k = 24389.0 / 27.0;
    return t > e ? cbrt(t) : (k * t + 16.0) / 116.0;
}

/* The CIELAB colour of "#rrggbb" as a viewer with vision sees it. */
static lab_t lab_of(unsigned rgb, int vision)
{
    double lin[3], sim[3];
    for (int i = 0; i < 3; i++)
        lin[i] = to_linear((double)((rgb >> (16 - 8 * i)) & 0xffu) / 255.0);
    for (int i = 0; i < 3; i++) {
        double x = 0;
        for (int j = 0; j < 3; j++)
            x += machado[vision][i][j] * lin[j];
        sim[i] = x < 0 ? 0 : x > 1 ? 1 : x;
    }
    double x = 0.4124564 * sim[0] + 0.3575761 * sim[1] + 0.1804375 * sim[2];
    double y = 0.2126729 * sim[0] + 0.7151522 * sim[1] + 0.0721750 * sim[2];
    double z = 0.0193339 * sim[0] + 0.1191920 * sim[1] + 0.9503041 * sim[2];
    double fx = lab_f(x / 0.95047), fy = lab_f(y), fz = lab_f(z / 1.08883);
    lab_t out = {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
    return out;
}

static double rad(double deg)
{
    return deg * M_PI / 180.0;
}

/* A hue angle in degrees, [0, 360); 0 for a neutral colour. */
static double hue(double b, double a)
{
    if (a == 0 && b == 0)
        return 0;
    double h = atan2(b, a) * 180.0 / M_PI;
    return h < 0 ? h + 360.0 : h;
}

/* CIEDE2000 (Sharma et al. 2005, equations 1 to 22; kL = kC = kH = 1). */
static double ciede2000(lab_t p, lab_t q)
{
    double c1 = hypot(p.a, p.b), c2 = hypot(q.a, q.b), cbar = (c1 + c2) / 2;
    double c7 = pow(cbar, 7), g = 0.5 * (1 - sqrt(c7 / (c7 + pow(25.0, 7))));
    double a1 = (1 + g) * p.a, a2 = (1 + g) * q.a;
    double c1p = hypot(a1, p.b), c2p = hypot(a2, q.b);
    double h1 = hue(p.b, a1), h2 = hue(q.b, a2);
    double dl = q.l - p.l, dc = c2p - c1p, dh = 0;
    if (c1p * c2p != 0) {
        dh = h2 - h1;
        dh = dh > 180 ? dh - 360 : dh < -180 ? dh + 360 : dh;
    }
    double dhh = 2 * sqrt(c1p * c2p) * sin(rad(dh / 2));
    double lbar = (p.l + q.l) / 2, cbarp = (c1p + c2p) / 2, hbar = h1 + h2;
    if (c1p * c2p != 0)
        hbar = fabs(h1 - h2) <= 180 ? (h1 + h2) / 2
               : h1 + h2 < 360      ? (h1 + h2 + 360) / 2
                                    : (h1 + h2 - 360) / 2;
    double t = 1 - 0.17 * cos(rad(hbar - 30)) + 0.24 * cos(rad(2 * hbar)) +
               0.32 * cos(rad(3 * hbar + 6)) - 0.20 * cos(rad(4 * hbar - 63));
    double dtheta = 30 * exp(-pow((hbar - 275) / 25, 2));
    double c7p = pow(cbarp, 7), rc = 2 * sqrt(c7p / (c7p + pow(25.0, 7)));
    double sl = 1 + 0.015 * pow(lbar - 50, 2) / sqrt(20 + pow(lbar - 50, 2));
    double sc = 1 + 0.045 * cbarp, sh = 1 + 0.015 * cbarp * t;
    double rt = -sin(rad(2 * dtheta)) * rc;
    return sqrt(pow(dl / sl, 2) + pow(dc / sc, 2) + pow(dhh / sh, 2) + rt * (dc / sc) * (dhh / sh));
}

static void ciede2000_matches_sharma(void)
{
    /* Pairs 1, 7, 17 and 25 of Sharma, Wu and Dalal's Table 1. */
    static const double pairs[][7] = {
        {50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425},
        {50.0, 0.0, 0.0, 50.0, -1.0, 2.0, 2.3669},
        {50.0, 2.5, 0.0, 73.0, 25.0, -18.0, 27.1492},
        {60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        lab_t p = {pairs[i][0], pairs[i][1], pairs[i][2]};
        lab_t q = {pairs[i][3], pairs[i][4], pairs[i][5]};
        CU_ASSERT(fabs(ciede2000(p, q) - pairs[i][6]) < 1e-4);
        CU_ASSERT(fabs(ciede2000(q, p) - pairs[i][6]) < 1e-4);
    }
    /* White in every vision: the matrices keep grey grey. */
    for (int v = 0; v < VISIONS; v++) {
        lab_t w = lab_of(0xffffffu, v);
        CU_ASSERT(fabs(w.l - 100.0) < 0.01 && fabs(w.a) < 0.05 && fabs(w.b) < 0.05);
    }
}

/* The palette's colours, "C_NAME = "#rrggbb"" lines of plots/palette.gp. */
typedef struct colour {
    char name[32];
    unsigned rgb;
} colour_t;

static size_t read_palette(colour_t *out, size_t cap)
{
    size_t n = 0;
    for (const char *line = fs_plot_palette; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char name[32];
        unsigned rgb;
        int used = 0;
        char buf[128];
        snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf - 1 ? len : sizeof buf - 1), line);
        if (n < cap && sscanf(buf, "%31s = \"#%6x\"%n", name, &rgb, &used) == 2 && used > 0 &&
            strlen(buf) == (size_t)used) {
            snprintf(out[n].name, sizeof out[n].name, "%s", name);
            out[n++].rgb = rgb;
        }
        line += len + (end != NULL);
    }
    return n;
}

static const colour_t *find(const colour_t *p, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0)
            return &p[i];
    return NULL;
}

/* The least difference between a and b over the four visions. */
static double least_apart(unsigned a, unsigned b, int *worst)
{
    double least = INFINITY;
    for (int v = 0; v < VISIONS; v++) {
        double d = ciede2000(lab_of(a, v), lab_of(b, v));
        if (d < least) {
            least = d;
            *worst = v;
        }
    }
    return least;
}

/* Checks every pair of one "apart:" line; returns the pairs checked. */
static size_t check_apart(const colour_t *p, size_t n, const char *line)
{
    char names[16][32];
    size_t k = 0, pairs = 0;
    for (const char *q = line; *q && k < 16;) {
        while (*q == ' ')
            q++;
        size_t len = strcspn(q, " \n");
        if (len == 0)
            break;
        snprintf(names[k++], sizeof names[0], "%.*s", (int)len, q);
        q += len;
    }
    for (size_t i = 1; i < k; i++) { /* names[0] is the chart */
        const colour_t *a = find(p, n, names[i]);
        if (a == NULL)
            fprintf(stderr, "palette.gp: %s on an apart line is no colour\n", names[i]);
        CU_ASSERT_PTR_NOT_NULL(a);
        for (size_t j = i + 1; a != NULL && j < k; j++) {
            const colour_t *b = find(p, n, names[j]);
            CU_ASSERT_PTR_NOT_NULL(b);
            if (b == NULL)
                continue;
            int worst = 0;
            double d = least_apart(a->rgb, b->rgb, &worst);
            if (d < 20)
                fprintf(stderr, "%s: %s and %s are CIEDE2000 %.1f apart in %s\n", names[0], a->name,
                        b->name, d, vision_names[worst]);
            CU_ASSERT(d >= 20);
            pairs++;
        }
    }
    return pairs;
}

static void meaningful_pairs_stay_apart(void)
{
    colour_t p[64];
    size_t n = read_palette(p, 64);
    CU_ASSERT(n >= 12);
    CU_ASSERT_PTR_NOT_NULL(find(p, n, "C_HIGHLIGHT"));
    size_t lines = 0, pairs = 0;
    static const char mark[] = "#@ apart: ";
    for (const char *at = strstr(fs_plot_palette, mark); at; at = strstr(at + 1, mark)) {
        lines++;
        pairs += check_apart(p, n, at + sizeof mark - 1);
    }
    /* bar, intervals, funnel, trend, SPC twice, spine: no line lost. */
    CU_ASSERT(lines >= 7);
    CU_ASSERT(pairs >= 40);
}

static void a_slip_in_the_palette_is_caught(void)
{
    /* The test's own check: the intervals' old "higher" and "lower"
     * (#08519c, #6a51a3) are CIEDE2000 about 3 apart under protanopia. */
    int worst = -1;
    CU_ASSERT(least_apart(0x08519cu, 0x6a51a3u, &worst) < 5);
    CU_ASSERT_EQUAL(worst, PROTAN);
    /* Orange and red under tritanopia: 16, under 20. */
    CU_ASSERT(least_apart(0xe66100u, 0xc00000u, &worst) < 20);
    CU_ASSERT_EQUAL(worst, TRITAN);
}

/* No template but palette.gp names a colour ("#rrggbb"): one palette. */
/* Every template of plots/ but the palette itself names no colour: a new
 * chart kind's template is held to it as soon as it is added. */
static void one_palette_for_all_charts(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/plots", FORCESTAT_SOURCE_DIR);
    DIR *dir = opendir(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    size_t seen = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".gp") != 0 ||
            strcmp(e->d_name, "palette.gp") == 0)
            continue;
        snprintf(path, sizeof path, "%s/plots/%s", FORCESTAT_SOURCE_DIR, e->d_name);
        FILE *f = fopen(path, "r");
        CU_ASSERT_PTR_NOT_NULL(f);
        if (f == NULL)
            continue;
        seen++;
        char line[2048];
        for (int no = 1; fgets(line, sizeof line, f) != NULL; no++) {
            const char *hash = strstr(line, "\"#");
            int literal = hash != NULL && isxdigit((unsigned char)hash[2]);
            if (literal)
                fprintf(stderr, "%s:%d: a colour outside palette.gp\n", path, no);
            CU_ASSERT_FALSE(literal);
        }
        fclose(f);
    }
    closedir(dir);
    CU_ASSERT(seen >= 8); /* common, xtics and the chart kinds' templates */
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"CIEDE2000 matches Sharma's test data", ciede2000_matches_sharma},
        {"meaningful pairs stay 20 apart in every vision", meaningful_pairs_stay_apart},
        {"a slip in the palette is caught", a_slip_in_the_palette_is_caught},
        {"one palette for all charts", one_palette_for_all_charts},
        {NULL, NULL}};
    return tu_add_suite("palette", tests);
}

const test_suite_t suite_palette = {"palette", add};
