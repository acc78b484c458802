/* SPDX-License-Identifier: GPL-3.0-or-later */
/* make_archives.c: the zip archives the archive tests read, written
 * deterministically with libarchive's writer (no Python, no zip tool):
 *
 *   make_archives policeuk DIR ROWS   DIR/policeuk.zip: 24 monthly members
 *       in the police.uk street-level layout, ROWS rows in all, and
 *       DIR/lsoa_lookup.csv, a lookup of their LSOA codes (LSOA11CD,
 *       LSOA11NM, PFA16CD, PFA16NM) to the 43 police force areas
 *   make_archives hostile DIR         zips in DIR: a zip bomb member, a member
 *       named ../../x.csv (and one ../x.csv), a truncated archive, one with only a non-CSV
 *       member, an empty one, a CSV member that is binary, a zip inside a
 *       zip, and a good two-member archive with the same rows as a.csv and
 *       b.csv beside it
 *
 * The data come from a fixed xorshift generator, so every run writes the
 * same bytes and tests/reference/aggregate_policeuk.py (pandas) and the C
 * tests see the same rows.  Anti-social behaviour has no Crime ID (as on
 * police.uk); about 1% of crimes repeat an earlier Crime ID, 2% have no
 * location (no LSOA), 0.1% an LSOA code the lookup lacks, and 3% fall
 * within a force other than the one whose area the LSOA lies in. */
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct force {
    const char *code, *ons_name, *police_uk;
} force_t;

/* The 43 forces: ONS code, ONS name, police.uk "Falls within" name
 * (pfa_reference.csv of the shared data). */
static const force_t forces[] = {
    {"E23000001", "Metropolitan Police", "Metropolitan Police Service"},
    {"E23000002", "Cumbria", "Cumbria Constabulary"},
    {"E23000003", "Lancashire", "Lancashire Constabulary"},
    {"E23000004", "Merseyside", "Merseyside Police"},
    {"E23000005", "Greater Manchester", "Greater Manchester Police"},
    {"E23000006", "Cheshire", "Cheshire Constabulary"},
    {"E23000007", "Northumbria", "Northumbria Police"},
    {"E23000008", "Durham", "Durham Constabulary"},
    {"E23000009", "North Yorkshire", "North Yorkshire Police"},
    {"E23000010", "West Yorkshire", "West Yorkshire Police"},
    {"E23000011", "South Yorkshire", "South Yorkshire Police"},
    {"E23000012", "Humberside", "Humberside Police"},
    {"E23000013", "Cleveland", "Cleveland Police"},
    {"E23000014", "West Midlands", "West Midlands Police"},
    {"E23000015", "Staffordshire", "Staffordshire Police"},
    {"E23000016", "West Mercia", "West Mercia Police"},
    {"E23000017", "Warwickshire", "Warwickshire Police"},
    {"E23000018", "Derbyshire", "Derbyshire Constabulary"},
    {"E23000019", "Nottinghamshire", "Nottinghamshire Police"},
    {"E23000020", "Lincolnshire", "Lincolnshire Police"},
    {"E23000021", "Leicestershire", "Leicestershire Police"},
    {"E23000022", "Northamptonshire", "Northamptonshire Police"},
    {"E23000023", "Cambridgeshire", "Cambridgeshire Constabulary"},
    {"E23000024", "Norfolk", "Norfolk Constabulary"},
    {"E23000025", "Suffolk", "Suffolk Constabulary"},
    {"E23000026", "Bedfordshire", "Bedfordshire Police"},
    {"E23000027", "Hertfordshire", "Hertfordshire Constabulary"},
    {"E23000028", "Essex", "Essex Police"},
    {"E23000029", "Thames Valley", "Thames Valley Police"},
    {"E23000030", "Hampshire", "Hampshire Constabulary"},
    {"E23000031", "Surrey", "Surrey Police"},
    {"E23000032", "Kent", "Kent Police"},
    {"E23000033", "Sussex", "Sussex Police"},
    {"E23000034", "London, City of", "City of London Police"},
    {"E23000035", "Devon & Cornwall", "Devon & Cornwall Police"},
    {"E23000036", "Avon and Somerset", "Avon and Somerset Constabulary"},
    {"E23000037", "Gloucestershire", "Gloucestershire Constabulary"},
    {"E23000038", "Wiltshire", "Wiltshire Police"},
    {"E23000039", "Dorset", "Dorset Police"},
    {"W15000001", "North Wales", "North Wales Police"},
    {"W15000002", "Gwent", "Gwent Police"},
    {"W15000003", "South Wales", "South Wales Police"},
    {"W15000004", "Dyfed-Powys", "Dyfed-Powys Police"},
};
#define NFORCES (sizeof forces / sizeof forces[0])
#define LSOAS_PER_FORCE 100
#define MONTHS 24

static const char *const crime_types[] = {"Anti-social behaviour",
                                          "Bicycle theft",
                                          "Burglary",
                                          "Criminal damage and arson",
                                          "Drugs",
                                          "Other crime",
                                          "Other theft",
                                          "Possession of weapons",
                                          "Public order",
                                          "Robbery",
                                          "Shoplifting",
                                          "Theft from the person",
                                          "Vehicle crime",
                                          "Violence and sexual offences"};
#define NTYPES (sizeof crime_types / sizeof crime_types[0])

static const char *const outcomes[] = {"Investigation complete; no suspect identified",
                                       "Unable to prosecute suspect",
                                       "Under investigation",
                                       "Offender given a caution",
                                       "Local resolution",
                                       "Court result unavailable",
                                       "Status update unavailable"};
#define NOUTCOMES (sizeof outcomes / sizeof outcomes[0])

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* A whole number in [0, n). */
static unsigned below(unsigned n)
{
    return (unsigned)(next() % n);
}

static void die(const char *what)
{
    fprintf(stderr, "make_archives: %s\n", what);
    exit(1);
}

/* A growing text buffer. */
typedef struct text {
    char *p;
    size_t len, cap;
} text_t;

static void put(text_t *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        if ((t->p = realloc(t->p, t->cap)) == NULL)
            die("out of memory");
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
}

static void puts_t(text_t *t, const char *s)
{
    put(t, s, strlen(s));
}

static struct archive *zip_new(const char *path, int level)
{
    struct archive *a = archive_write_new();
    char opt[64];
    snprintf(opt, sizeof opt, "zip:compression-level=%d", level);
    if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
        archive_write_set_options(a, opt) != ARCHIVE_OK ||
        archive_write_open_filename(a, path) != ARCHIVE_OK)
        die(archive_error_string(a));
    return a;
}

static void zip_add(struct archive *a, const char *name, const void *data, size_t len)
{
    struct archive_entry *e = archive_entry_new();
    archive_entry_set_pathname(e, name);
    archive_entry_set_size(e, (la_int64_t)len);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_mtime(e, 1577836800, 0); /* 2020-01-01: the same bytes every run */
    if (archive_write_header(a, e) != ARCHIVE_OK ||
        (len > 0 && archive_write_data(a, data, len) != (la_ssize_t)len))
        die(archive_error_string(a));
    archive_entry_free(e);
}

static void zip_close(struct archive *a)
{
    if (archive_write_close(a) != ARCHIVE_OK)
        die(archive_error_string(a));
    archive_write_free(a);
}

static void lsoa_code(char *buf, size_t size, unsigned force, unsigned k)
{
    snprintf(buf, size, "%s01%06u", forces[force].code[0] == 'W' ? "W" : "E",
             force * LSOAS_PER_FORCE + k + 1);
}

static void write_file(const char *path, const text_t *t)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(t->p, 1, t->len, f) != t->len || fclose(f) != 0)
        die("cannot write a file");
}

/* The lookup: every LSOA of every force, a name with a comma for the City. */
static void write_lookup(const char *dir)
{
    text_t t = {0};
    puts_t(&t, "LSOA11CD,LSOA11NM,PFA16CD,PFA16NM\n");
    for (unsigned f = 0; f < NFORCES; f++) {
        for (unsigned k = 0; k < LSOAS_PER_FORCE; k++) {
            char line[256], code[32];
            lsoa_code(code, sizeof code, f, k);
            int comma = strchr(forces[f].ons_name, ',') != NULL;
            snprintf(line, sizeof line, "%s,Area %03u %u,%s,%s%s%s\n", code, f, k, forces[f].code,
                     comma ? "\"" : "", forces[f].ons_name, comma ? "\"" : "");
            puts_t(&t, line);
        }
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/lsoa_lookup.csv", dir);
    write_file(path, &t);
    free(t.p);
}

#define RECENT 1024

/* One row of month m (0-based from January 2019). */
static void street_row(text_t *t, unsigned m, char recent[RECENT][40], unsigned long *ncrimes)
{
    unsigned type = below(NTYPES), force = below(NFORCES), k = below(LSOAS_PER_FORCE);
    unsigned falls = below(100) < 3 ? below(NFORCES) : force;
    char id[40] = "", code[32] = "", name[64] = "", lon[16] = "", lat[16] = "", line[512];
    if (type != 0) { /* anti-social behaviour has no Crime ID */
        if (*ncrimes > RECENT && below(100) == 0) {
            memcpy(id, recent[below(RECENT)], sizeof id);
        } else {
            snprintf(id, sizeof id, "%016llx%016llx", (unsigned long long)next(),
                     (unsigned long long)next());
            memcpy(recent[*ncrimes % RECENT], id, sizeof id);
            ++*ncrimes;
        }
    }
    unsigned where = below(1000);
    if (where >= 20) {
        if (where < 21)
            snprintf(code, sizeof code, "E01999%03u", below(1000)); /* not in the lookup */
        else
            lsoa_code(code, sizeof code, force, k);
        snprintf(name, sizeof name, "Area %03u %u", force, k);
        snprintf(lon, sizeof lon, "-%u.%06u", below(5), below(1000000));
        snprintf(lat, sizeof lat, "5%u.%06u", below(5), below(1000000));
    }
    snprintf(line, sizeof line, "%s,%04u-%02u,%s,%s,%s,%s,%s,%s,%s,%s,%s,\n", id, 2019 + m / 12,
             m % 12 + 1, forces[falls].police_uk, forces[falls].police_uk, lon, lat,
             where < 20
                 ? "No Location"
                 : (below(4) == 0 ? "\"On or near Mill Lane, North\"" : "On or near High Street"),
             code, name, crime_types[type], type == 0 ? "" : outcomes[below(NOUTCOMES)]);
    puts_t(t, line);
}

static void make_policeuk(const char *dir, unsigned long rows)
{
    write_lookup(dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/policeuk.zip", dir);
    struct archive *a = zip_new(path, 1);
    static char recent[RECENT][40];
    unsigned long ncrimes = 0;
    for (unsigned m = 0; m < MONTHS; m++) {
        text_t t = {0};
        puts_t(&t, "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
                   "LSOA code,LSOA name,Crime type,Last outcome category,Context\n");
        unsigned long n = rows / MONTHS + (m < rows % MONTHS ? 1 : 0);
        for (unsigned long r = 0; r < n; r++)
            street_row(&t, m, recent, &ncrimes);
        char member[64];
        snprintf(member, sizeof member, "%04u-%02u/%04u-%02u-street.csv", 2019 + m / 12, m % 12 + 1,
                 2019 + m / 12, m % 12 + 1);
        zip_add(a, member, t.p, t.len);
        free(t.p);
    }
    zip_close(a);
}

static void one_member(const char *dir, const char *file, const char *member, const void *data,
                       size_t len, int level)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    struct archive *a = zip_new(path, level);
    if (member != NULL)
        zip_add(a, member, data, len);
    zip_close(a);
}

static void make_hostile(const char *dir)
{
    static const char a_csv[] = "force,v\nKent,1\nEssex,2\n",
                      b_csv[] = "force,v\nKent,5\nSurrey,2\n";
    char path[4096];
    text_t bomb = {0};
    puts_t(&bomb, "force,v\n");
    for (int i = 0; i < 400000; i++)
        puts_t(&bomb, "Kent,1\n"); /* 2.8 MB that deflate to a few KB */
    one_member(dir, "bomb.zip", "bomb.csv", bomb.p, bomb.len, 9);
    free(bomb.p);
    one_member(dir, "evil.zip", "../../x.csv", a_csv, sizeof a_csv - 1, 6);
    one_member(dir, "up.zip", "../x.csv", a_csv, sizeof a_csv - 1, 6);
    one_member(dir, "png.zip", "pic.png", "\x89PNG\r\n\x1a\n", 8, 6);
    one_member(dir, "empty.zip", NULL, NULL, 0, 6);
    one_member(dir, "binary.zip", "pic.csv", "\x89PNG\r\n\x1a\n\0\0", 10, 6);
    snprintf(path, sizeof path, "%s/ab.zip", dir);
    struct archive *z = zip_new(path, 6);
    zip_add(z, "a.csv", a_csv, sizeof a_csv - 1);
    zip_add(z, "notes/readme.txt", "not a table\n", 12);
    zip_add(z, "b.csv", b_csv, sizeof b_csv - 1);
    zip_close(z);
    text_t t = {0};
    put(&t, a_csv, sizeof a_csv - 1);
    snprintf(path, sizeof path, "%s/a.csv", dir);
    write_file(path, &t);
    t.len = 0;
    put(&t, b_csv, sizeof b_csv - 1);
    snprintf(path, sizeof path, "%s/b.csv", dir);
    write_file(path, &t);
    /* The good archive cut in half, and put inside another. */
    snprintf(path, sizeof path, "%s/ab.zip", dir);
    FILE *f = fopen(path, "rb");
    t.len = 0;
    char buf[4096];
    size_t n;
    while (f != NULL && (n = fread(buf, 1, sizeof buf, f)) > 0)
        put(&t, buf, n);
    if (f == NULL || fclose(f) != 0)
        die("cannot read ab.zip");
    one_member(dir, "nested.zip", "inner.csv", t.p, t.len, 6);
    t.len /= 2;
    snprintf(path, sizeof path, "%s/truncated.zip", dir);
    write_file(path, &t);
    free(t.p);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "policeuk") == 0)
        make_policeuk(argv[2], strtoul(argv[3], NULL, 10));
    else if (argc == 3 && strcmp(argv[1], "hostile") == 0)
        make_hostile(argv[2]);
    else
        die("usage: make_archives policeuk DIR ROWS | hostile DIR");
    return 0;
}
