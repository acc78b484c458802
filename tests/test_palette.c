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
 * their test data.
 *
 * Contrast is WCAG 2.1's (SC 1.4.3 and 1.4.11): the relative luminance of
 * sRGB, (L1 + 0.05) / (L2 + 0.05).  Every mark the palette names ("marks:")
 * stands at 3:1 against C_BACKGROUND unless it is "outlined:", and then
 * every template that fills a mark with it draws a border of 3:1; every
 * ink on a "text:" line stands at 4.5:1 on each of its grounds, and no
 * template writes text in another colour. */
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

/* A palette colour and the roles palette.gp declares for it: a mark
 * ("marks:"), outlined ("outlined:"), an ink of text (before "on" on a
 * "text:" line), or exempt ("exempt:").  C_SERIES holds several colours. */
typedef struct role {
    char name[32];
    unsigned rgb[8];
    size_t n;
    int mark, outlined, ink, exempt;
} role_t;

static role_t *find_role(role_t *r, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(r[i].name) == len && strncmp(r[i].name, name, len) == 0)
            return &r[i];
    return NULL;
}

/* The names on the next "#@ KEY: " line of the palette from *at, *at
 * moved past it; 0 when there is no further line. */
static size_t next_decl(const char **at, const char *key, char names[][32], size_t cap)
{
    char mark[32];
    snprintf(mark, sizeof mark, "#@ %s: ", key);
    const char *q = strstr(*at, mark);
    if (q == NULL)
        return 0;
    size_t k = 0;
    for (q += strlen(mark); *q && *q != '\n' && k < cap;) {
        while (*q == ' ')
            q++;
        size_t len = strcspn(q, " \n");
        if (len == 0)
            break;
        snprintf(names[k++], 32, "%.*s", (int)len, q);
        q += len;
    }
    *at = q;
    return k;
}

/* Sets the role key declares on each name of its lines; returns the names
 * that are no colour of the palette (each said on stderr). */
static size_t declare(role_t *r, size_t n, const char *key)
{
    char names[16][32];
    size_t m, unknown = 0;
    for (const char *at = fs_plot_palette; (m = next_decl(&at, key, names, 16)) > 0;) {
        int ground = 0;
        for (size_t i = 0; i < m; i++) {
            if (strcmp(key, "text") == 0 && strcmp(names[i], "on") == 0) {
                ground = 1;
                continue;
            }
            role_t *c = find_role(r, n, names[i], strlen(names[i]));
            if (c == NULL) {
                fprintf(stderr, "palette.gp: %s on a %s line is no colour\n", names[i], key);
                unknown++;
                continue;
            }
            c->mark |= strcmp(key, "marks") == 0;
            c->outlined |= strcmp(key, "outlined") == 0;
            c->ink |= strcmp(key, "text") == 0 && !ground;
            c->exempt |= strcmp(key, "exempt") == 0;
        }
    }
    return unknown;
}

/* Every "C_NAME = "#rrggbb ..."" line of the palette, with its roles. */
static size_t read_roles(role_t *r, size_t cap)
{
    size_t n = 0;
    for (const char *line = fs_plot_palette; *line && n < cap;) {
        size_t len = strcspn(line, "\n");
        const char *eq = strstr(line, " = \"");
        if (strncmp(line, "C_", 2) == 0 && eq != NULL && eq < line + len) {
            role_t *c = &r[n++];
            memset(c, 0, sizeof *c);
            snprintf(c->name, sizeof c->name, "%.*s", (int)(eq - line), line);
            for (const char *h = eq + 4; h < line + len && c->n < 8; h++)
                if (*h == '#' && sscanf(h + 1, "%6x", &c->rgb[c->n]) == 1)
                    c->n++;
        }
        line += len + (line[len] == '\n');
    }
    static const char *const keys[] = {"marks", "outlined", "text", "exempt"};
    for (size_t k = 0; k < 4; k++)
        CU_ASSERT_EQUAL(declare(r, n, keys[k]), 0);
    return n;
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

/* Checks every pair of one "apart:" line (names[0] is the chart);
 * returns the pairs checked. */
static size_t check_apart(role_t *p, size_t n, char names[][32], size_t k)
{
    size_t pairs = 0;
    for (size_t i = 1; i < k; i++) {
        const role_t *a = find_role(p, n, names[i], strlen(names[i]));
        if (a == NULL)
            fprintf(stderr, "palette.gp: %s on an apart line is no colour\n", names[i]);
        CU_ASSERT_PTR_NOT_NULL(a);
        for (size_t j = i + 1; a != NULL && j < k; j++) {
            const role_t *b = find_role(p, n, names[j], strlen(names[j]));
            CU_ASSERT_PTR_NOT_NULL(b);
            if (b == NULL)
                continue;
            int worst = 0;
            double d = least_apart(a->rgb[0], b->rgb[0], &worst);
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
    role_t p[64];
    size_t n = read_roles(p, 64), k, lines = 0, pairs = 0;
    CU_ASSERT(n >= 12);
    CU_ASSERT_PTR_NOT_NULL(find_role(p, n, "C_HIGHLIGHT", 11));
    char names[16][32];
    for (const char *at = fs_plot_palette; (k = next_decl(&at, "apart", names, 16)) > 0;) {
        lines++;
        pairs += check_apart(p, n, names, k);
    }
    /* bar, intervals, funnel, trend, SPC twice, spine: no line lost. */
    CU_ASSERT(lines >= 7);
    CU_ASSERT(pairs >= 40);
}

/* One meaning per colour across the site: every pair of the colours on
 * the "meanings:" lines (all of them, one set) differs by CIEDE2000 15 or
 * more in normal vision. */
static void one_meaning_per_colour(void)
{
    role_t p[64];
    size_t n = read_roles(p, 64), k, count = 0, pairs = 0;
    char names[48][32];
    for (const char *at = fs_plot_palette;
         count < 32 && (k = next_decl(&at, "meanings", names + count, 16)) > 0;)
        count += k;
    CU_ASSERT(count >= 12);
    for (size_t i = 0; i < count; i++) {
        const role_t *a = find_role(p, n, names[i], strlen(names[i]));
        CU_ASSERT_PTR_NOT_NULL(a);
        for (size_t j = i + 1; a != NULL && j < count; j++) {
            const role_t *b = find_role(p, n, names[j], strlen(names[j]));
            CU_ASSERT_PTR_NOT_NULL(b);
            if (b == NULL)
                continue;
            double d = ciede2000(lab_of(a->rgb[0], NORMAL), lab_of(b->rgb[0], NORMAL));
            if (d < 15)
                fprintf(stderr, "%s and %s mean two things but are CIEDE2000 %.1f apart\n",
                        a->name, b->name, d);
            CU_ASSERT(d >= 15);
            pairs++;
        }
    }
    CU_ASSERT(pairs >= 66);
    /* The test's own check: the SPC's old "neither" purple and the
     * intervals' "higher" are about 8 apart. */
    CU_ASSERT(ciede2000(lab_of(0x762a83u, NORMAL), lab_of(0x542788u, NORMAL)) < 15);
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

/* The templates of plots/ but the palette itself, by file name (at most
 * max); how many. */
static size_t template_names(char names[][64], size_t max)
{
    DIR *dir = opendir(FORCESTAT_SOURCE_DIR "/plots");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL && n < max;) {
        size_t len = strlen(e->d_name);
        if (len < 4 || len >= 64 || strcmp(e->d_name + len - 3, ".gp") != 0 ||
            strcmp(e->d_name, "palette.gp") == 0)
            continue;
        memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(dir);
    return n;
}

/* No template but palette.gp names a colour ("#rrggbb"): one palette. */
/* Every template of plots/ but the palette itself names no colour: a new
 * chart kind's template is held to it as soon as it is added. */
static void one_palette_for_all_charts(void)
{
    char path[4096], names[64][64];
    size_t count = template_names(names, 64), seen = 0;
    for (size_t k = 0; k < count; k++) {
        snprintf(path, sizeof path, "%s/plots/%s", FORCESTAT_SOURCE_DIR, names[k]);
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
    CU_ASSERT(seen >= 8); /* common, xtics and the chart kinds' templates */
}

/* WCAG 2.1's relative luminance of an sRGB colour.  Its definition's
 * threshold 0.03928 and to_linear's 0.04045 both fall between the 8-bit
 * values 10 and 11, so they agree on every colour. */
static double luminance(unsigned rgb)
{
    double c[3];
    for (int i = 0; i < 3; i++)
        c[i] = to_linear((double)((rgb >> (16 - 8 * i)) & 0xffu) / 255.0);
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* WCAG 2.1's contrast ratio, (L1 + 0.05) / (L2 + 0.05), lighter first. */
static double contrast_ratio(unsigned a, unsigned b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static unsigned background(role_t *r, size_t n)
{
    const role_t *bg = find_role(r, n, "C_BACKGROUND", 12);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bg);
    return bg->rgb[0];
}

static void every_colour_has_a_role(void)
{
    role_t r[64];
    size_t n = read_roles(r, 64);
    CU_ASSERT(n >= 25);
    for (size_t i = 0; i < n; i++) {
        int ok = r[i].n > 0 && (r[i].mark || r[i].ink || r[i].exempt);
        if (!ok)
            fprintf(stderr, "palette.gp: %s is no mark, text or exempt colour\n", r[i].name);
        CU_ASSERT(ok);
        CU_ASSERT(!r[i].outlined || r[i].mark); /* only a mark is outlined */
    }
}

static void marks_stand_out_or_are_outlined(void)
{
    role_t r[64];
    size_t n = read_roles(r, 64), marks = 0;
    unsigned bg = background(r, n);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; r[i].mark && !r[i].outlined && j < r[i].n; j++) {
            double c = contrast_ratio(r[i].rgb[j], bg);
            if (c < 3)
                fprintf(stderr, "palette.gp: the mark %s (#%06x) is %.2f:1 on the background\n",
                        r[i].name, r[i].rgb[j], c);
            CU_ASSERT(c >= 3);
            marks++;
        }
    }
    CU_ASSERT(marks >= 20); /* C_SERIES's eight and a dozen more */
}

static void text_is_legible(void)
{
    role_t r[64];
    size_t n = read_roles(r, 64), m, pairs = 0;
    char names[16][32];
    for (const char *at = fs_plot_palette; (m = next_decl(&at, "text", names, 16)) > 0;) {
        size_t on = 0;
        while (on < m && strcmp(names[on], "on") != 0)
            on++;
        CU_ASSERT(on > 0 && on + 1 < m);
        for (size_t i = 0; i < on; i++) {
            const role_t *ink = find_role(r, n, names[i], strlen(names[i]));
            for (size_t j = on + 1; ink != NULL && j < m; j++) {
                const role_t *ground = find_role(r, n, names[j], strlen(names[j]));
                if (ground == NULL)
                    continue;
                double c = contrast_ratio(ink->rgb[0], ground->rgb[0]);
                if (c < 4.5)
                    fprintf(stderr, "palette.gp: text in %s on %s is %.2f:1\n", ink->name,
                            ground->name, c);
                CU_ASSERT(c >= 4.5);
                pairs++;
            }
        }
    }
    CU_ASSERT(pairs >= 10);
}
/* A template as lines (its text cut in place), checked against the
 * palette's roles. */
typedef struct tmpl {
    const char *name;
    const char *line[1024];
    size_t n;
    role_t *roles;
    size_t nroles;
    unsigned background;
} tmpl_t;

static void tmpl_cut(tmpl_t *t, char *text)
{
    t->n = 0;
    for (char *p = text; *p && t->n < 1024;) {
        t->line[t->n++] = p;
        char *end = strchr(p, '\n');
        if (end == NULL)
            break;
        *end = '\0';
        p = end + 1;
    }
}

/* Adds the palette colours the name id (len bytes) stands for in t to
 * out: itself when it is one, else every colour named where t assigns it
 * ("V_C = VARIATION == 1 ? C_IMPROVEMENT : ...", "colour(k) = ..."),
 * through further names. */
static size_t resolve(const tmpl_t *t, const char *id, size_t len, const role_t **out, size_t k,
                      int depth)
{
    const role_t *r = find_role(t->roles, t->nroles, id, len);
    if (r != NULL || depth > 4) {
        for (size_t i = 0; r != NULL && i < k; i++)
            if (out[i] == r)
                return k;
        if (r != NULL && k < 16)
            out[k++] = r;
        return k;
    }
    for (size_t i = 0; i < t->n; i++) {
        const char *l = t->line[i], *after = l + len;
        if (strncmp(l, id, len) != 0)
            continue;
        if (*after == '(' && strchr(after, ')') != NULL)
            after = strchr(after, ')') + 1;
        if (strncmp(after, " = ", 3) != 0)
            continue;
        for (const char *q = after + 3; *q;) {
            size_t n = strspn(q, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
            if (n > 0 && !isdigit((unsigned char)q[0]))
                k = resolve(t, q, n, out, k, depth + 1);
            q += n > 0 ? n : 1;
        }
    }
    return k;
}

/* The colours named after "rgb " at p. */
static size_t colours_at(const tmpl_t *t, const char *p, const role_t **out)
{
    p += 4;
    size_t len = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
    return resolve(t, p, len, out, 0, 0);
}

/* Whether a colour stands out: named, never outlined, 3:1 or more. */
static int stands_out(const tmpl_t *t, const role_t *const *c, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (c[i]->outlined)
            return 0;
        for (size_t j = 0; j < c[i]->n; j++)
            if (contrast_ratio(c[i]->rgb[j], t->background) < 3)
                return 0;
    }
    return k > 0;
}

/* Whether the "lc rgb" at p of line l is a border's ("border lc rgb X";
 * not "noborder lc rgb X", the mark's own). */
static int a_border(const char *l, const char *p)
{
    return p - l >= 7 && strncmp(p - 7, "border ", 7) == 0 && (p - l == 7 || p[-8] == ' ');
}

/* The first "lc rgb " of line l that is (border 1) or is not (border 0)
 * a border's; NULL when there is none. */
static const char *line_colour(const char *l, int border)
{
    for (const char *p = strstr(l, "lc rgb "); p; p = strstr(p + 1, "lc rgb "))
        if (a_border(l, p) == border)
            return p;
    return NULL;
}

/* Whether line l draws a border, or with border 0 its mark, in a colour
 * that stands out. */
static int drawn_dark(const tmpl_t *t, const char *l, int border)
{
    const char *p = line_colour(l, border);
    const role_t *c[16];
    return p != NULL && stands_out(t, c, colours_at(t, p + 3, c));
}

/* The text of l between key and the first of the stops after it. */
static size_t span_after(const char *l, const char *key, const char **from)
{
    const char *p = strstr(l, key);
    if (p == NULL)
        return *from = NULL, 0;
    *from = p += strlen(key);
    static const char *const stops[] = {" lc ", " title", " notitle", " size ", " point"};
    size_t len = strlen(p);
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        const char *s = strstr(p, stops[i]);
        if (s != NULL && (size_t)(s - p) < len)
            len = (size_t)(s - p);
    }
    return len;
}

static int same_span(const char *a, const char *b, const char *key)
{
    const char *pa, *pb;
    size_t la = span_after(a, key, &pa), lb = span_after(b, key, &pb);
    return pa != NULL && pb != NULL && la == lb && strncmp(pa, pb, la) == 0;
}

static int content(const char *l)
{
    return l[0] != '@' && strncmp(l, "#@", 2) != 0;
}
static int continued(const char *l)
{
    size_t len = strlen(l);
    return len > 0 && l[len - 1] == '\\';
}

/* The lines of the plot command line i belongs to, first and last. */
static void plot_of(const tmpl_t *t, size_t i, size_t *first, size_t *last)
{
    size_t s = i, e = i;
    while (s > 0 && strncmp(t->line[s] + strspn(t->line[s], " "), "plot ", 5) != 0)
        s--;
    while (e + 1 < t->n && (!content(t->line[e]) || continued(t->line[e])))
        e++;
    *first = s;
    *last = e;
}

/* Whether line o draws a hollow point of type one less than type, of the
 * size line l's is, in a colour that stands out. */
static int hollow_over(const tmpl_t *t, const char *l, const char *o, long type)
{
    const char *pt = strstr(o, " pt ");
    return content(o) && strstr(o, "with points") != NULL && pt != NULL &&
           isdigit((unsigned char)pt[4]) && strtol(pt + 4, NULL, 10) == type - 1 &&
           same_span(l, o, " ps ") && drawn_dark(t, o, 0);
}

/* Whether the pale mark on line i of t has its border: a box's on the
 * same line; a point's as a hollow point of the next smaller type and the
 * same size in the same plot; an object's (with fill, its fill's) on the
 * same line or as another object at the same place; a labelled point's
 * as another at the same place. */
static int has_border(const tmpl_t *t, size_t i, int fill)
{
    const char *l = t->line[i];
    int object = strncmp(l, "set object", 10) == 0, label = strncmp(l, "set label", 9) == 0;
    if (object && fill && drawn_dark(t, l, 1))
        return 1;
    if (object || label) {
        for (size_t j = 0; j < t->n; j++)
            if (j != i && strncmp(t->line[j], l, object ? 10 : 9) == 0 &&
                same_span(l, t->line[j], " at ") && drawn_dark(t, t->line[j], object))
                return 1;
        return 0;
    }
    if (strstr(l, "with boxes") || strstr(l, "with boxxyerror") || strstr(l, "with circles") ||
        strstr(l, "with filledcurves"))
        return drawn_dark(t, l, 1);
    const char *pt = strstr(l, " pt ");
    if (strstr(l, "with points") == NULL || pt == NULL || !isdigit((unsigned char)pt[4]))
        return 0; /* a line, a whisker, a vector: no border can be drawn */
    long type = strtol(pt + 4, NULL, 10);
    size_t first, last;
    plot_of(t, i, &first, &last);
    for (size_t j = first; j <= last; j++)
        if (j != i && hollow_over(t, l, t->line[j], type))
            return 1;
    return 0;
}

static int ends_with(const char *l, const char *p, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(p - l) >= n && strncmp(p - n, word, n) == 0;
}

/* The problems of template t, each said on stderr: a colour name that
 * stands for no palette colour, text in a colour that is on no "text:"
 * line, a mark or area in a colour on no "marks:" or "exempt:" line, and
 * an outlined colour filling a mark that has no border. */
static size_t check_template(const tmpl_t *t)
{
    size_t problems = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *l = t->line[i];
        for (const char *p = strstr(l, "rgb "); content(l) && p; p = strstr(p + 1, "rgb ")) {
            const role_t *c[16];
            size_t k = colours_at(t, p, c);
            const char *why = k == 0 ? "names no palette colour" : NULL;
            int text = ends_with(l, p, "textcolor ") || ends_with(l, p, " tc ");
            int ground = ends_with(l, p, "background ");
            int fill = ends_with(l, p, " fc ");
            for (size_t j = 0; why == NULL && j < k; j++) {
                if (text && !c[j]->ink)
                    why = "writes text in a colour on no text: line of palette.gp";
                else if (!text && !ground && !c[j]->mark && !c[j]->exempt)
                    why = "draws in a colour on no marks: or exempt: line of palette.gp";
                else if (!text && !ground && c[j]->outlined && !has_border(t, i, fill))
                    why = "fills a mark with an outlined colour and draws no border of 3:1";
            }
            if (why != NULL)
                fprintf(stderr, "%s:%zu: %s\n", t->name, i + 1, why);
            problems += why != NULL;
        }
        /* gnuplot draws a plot with no colour of its own in its default
         * colours, outside the palette ("fs empty border lc rgb X" leaves
         * an empty box in them). */
        if (content(l) && strstr(l, " with ") && !strstr(l, " with labels") &&
            line_colour(l, 0) == NULL) {
            fprintf(stderr, "%s:%zu: draws in gnuplot's own colours, not the palette's\n", t->name,
                    i + 1);
            problems++;
        }
    }
    return problems;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *text = calloc(1, 1 << 16);
    size_t n = text ? fread(text, 1, (1 << 16) - 1, f) : 0;
    fclose(f);
    if (text != NULL)
        text[n] = '\0';
    return text;
}

static void outlined_marks_have_borders(void)
{
    role_t r[64];
    size_t n = read_roles(r, 64), seen = 0, problems = 0;
    static tmpl_t t;
    static char names[64][64];
    char path[4096];
    size_t count = template_names(names, 64);
    for (size_t k = 0; k < count; k++) {
        snprintf(path, sizeof path, "%s/plots/%s", FORCESTAT_SOURCE_DIR, names[k]);
        char *text = slurp(path);
        CU_ASSERT_PTR_NOT_NULL(text);
        if (text == NULL)
            continue;
        t = (tmpl_t){.name = names[k], .roles = r, .nroles = n, .background = background(r, n)};
        tmpl_cut(&t, text);
        problems += check_template(&t);
        seen++;
        free(text);
    }
    CU_ASSERT_EQUAL(problems, 0);
    CU_ASSERT(seen >= 8);
}

/* The problems check_template finds in a planted template. */
static size_t problems_in(const char *text)
{
    static role_t r[64];
    static tmpl_t t;
    static char buf[2048];
    size_t n = read_roles(r, 64);
    snprintf(buf, sizeof buf, "%s", text);
    t = (tmpl_t){.name = "planted", .roles = r, .nroles = n, .background = background(r, n)};
    tmpl_cut(&t, buf);
    return check_template(&t);
}

/* A pale point over a second line of the same plot (its outline, or not). */
static size_t point_with(const char *second)
{
    char text[512];
    snprintf(text, sizeof text,
             "plot D with points lc rgb C_LOWER pt 11 ps 1.3 title \"a\", \\\n%s", second);
    return problems_in(text);
}

static void contrast_slips_are_caught(void)
{
    /* WCAG's figures: black on white 21:1; #767676 the lightest grey of
     * 4.5:1 on white; white on the orange force 3.46:1. */
    CU_ASSERT(fabs(contrast_ratio(0x000000u, 0xffffffu) - 21) < 1e-9);
    CU_ASSERT(contrast_ratio(0xffffffu, 0x767676u) >= 4.5);
    CU_ASSERT(contrast_ratio(0x777777u, 0xffffffu) < 4.5);
    CU_ASSERT(fabs(contrast_ratio(0xffffffu, 0xe66100u) - 3.46) < 0.005);
    CU_ASSERT(contrast_ratio(0xbdd7eeu, 0xffffffu) < 1.5);
    /* A pale bar without its border, or with a pale one. */
    CU_ASSERT_EQUAL(problems_in("plot D with boxes lc rgb C_WITHIN fs solid noborder"), 1);
    CU_ASSERT_EQUAL(
        problems_in("plot D with boxes lc rgb C_WITHIN fs solid border lc rgb C_OUTLINE"), 0);
    CU_ASSERT_EQUAL(
        problems_in("plot D with boxes lc rgb C_WITHIN fs solid border lc rgb C_SPREAD"), 1);
    CU_ASSERT_EQUAL(
        problems_in("plot D with boxes lc rgb C_WITHIN fs solid noborder lc rgb C_OUTLINE"), 1);
    /* An empty box whose only colour is its border's: gnuplot's own. */
    CU_ASSERT_EQUAL(problems_in("plot D with boxes fs empty border lc rgb C_OUTSIDE lw 3"), 1);
    CU_ASSERT_EQUAL(problems_in("plot D with boxes fs empty lc rgb C_OUTSIDE lw 3"), 0);
    /* A pale point: its outline, one of another size, type or colour,
     * none; a pale line. */
    CU_ASSERT_EQUAL(point_with("     D with points lc rgb C_OUTLINE pt 10 ps 1.3 notitle"), 0);
    CU_ASSERT_EQUAL(point_with("     D with points lc rgb C_OUTLINE pt 10 ps 1.1 notitle"), 1);
    CU_ASSERT_EQUAL(point_with("     D with points lc rgb C_OUTLINE pt 6 ps 1.3 notitle"), 1);
    CU_ASSERT_EQUAL(point_with("     D with points lc rgb C_QUARTILES pt 10 ps 1.3 notitle"), 1);
    CU_ASSERT_EQUAL(point_with("     D with lines lc rgb C_OUTLINE notitle"), 1);
    CU_ASSERT_EQUAL(problems_in("plot D with lines lc rgb C_BETTER"), 1);
    /* Text in a mark's colour, through a name; in an ink. */
    CU_ASSERT_EQUAL(problems_in("A_C = 1 ? C_BETTER : C_WORSE\n"
                                "set label 1 \"P\" at 0, 0 textcolor rgb A_C"),
                    1);
    CU_ASSERT_EQUAL(problems_in("set label 1 \"P\" at 0, 0 textcolor rgb C_NOTE"), 0);
    /* A pale ring alone (its fill and its border), and with a dark ring at
     * the same place; a name that is no colour. */
    static const char ring[] = "set object 1 circle at 0, 0 size 1 fc rgb C_BACKGROUND fs solid "
                               "border lc rgb C_BETTER";
    CU_ASSERT_EQUAL(problems_in(ring), 2);
    char text[512];
    snprintf(text, sizeof text, "%s\nset object 2 circle at 0, 0 size 1.1 border lc rgb C_OUTLINE",
             ring);
    CU_ASSERT_EQUAL(problems_in(text), 0);
    CU_ASSERT_EQUAL(problems_in("plot D with points lc rgb C_NOWHERE pt 7"), 1);
    /* Text's ink drawn as a line. */
    CU_ASSERT_EQUAL(problems_in("plot D with lines lc rgb C_LABEL_ON_DARK"), 1);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"CIEDE2000 matches Sharma's test data", ciede2000_matches_sharma},
        {"meaningful pairs stay 20 apart in every vision", meaningful_pairs_stay_apart},
        {"a slip in the palette is caught", a_slip_in_the_palette_is_caught},
        {"one meaning per colour across the site", one_meaning_per_colour},
        {"one palette for all charts", one_palette_for_all_charts},
        {"every colour has a role", every_colour_has_a_role},
        {"marks stand at 3:1 or are outlined", marks_stand_out_or_are_outlined},
        {"text stands at 4.5:1", text_is_legible},
        {"outlined marks have their borders", outlined_marks_have_borders},
        {"contrast slips are caught", contrast_slips_are_caught},
        {NULL, NULL}};
    return tu_add_suite("palette", tests);
}

const test_suite_t suite_palette = {"palette", add};
