/* The report's plots: data files and gnuplot scripts (plots/NAME.dat, plots/NAME.gp), one
 * driver (plots/plots.gp) that draws each as SVG and PNG, and running gnuplot on it. */
#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "registry.h"

/* Series colours and dash patterns: 12 distinguishable pairs (Okabe-Ito and Tableau). */
static const char *const series_color[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                                           "#000000", "#8C564B", "#7F7F7F", "#BCBD22", "#9467BD", "#F0E442"};
#define SERIES_COLORS (int)(sizeof series_color / sizeof series_color[0])

static const char *color(int i)
{
    return series_color[i % SERIES_COLORS];
}

static int dash(int i)
{
    return 1 + (i / SERIES_COLORS) % 5;
}

/* A gnuplot string literal: double quotes, with \ and " escaped. */
static void gp_string(FILE *file, const char *text)
{
    fputc('"', file);
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', file);
        if (*p == '\n' || *p == '\t')
            fputc(' ', file);
        else
            fputc(*p, file);
    }
    fputc('"', file);
}

/* Names in data files: tabs and newlines would break the columns. */
static void data_string(FILE *file, const char *text)
{
    for (const char *p = text; *p; p++)
        fputc(*p == '\t' || *p == '\n' ? ' ' : *p, file);
}

static void slug(char *out, size_t size, const char *text)
{
    size_t used = 0;
    for (const char *p = text; *p && used + 1 < size; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
            out[used++] = c;
        else if (c >= 'A' && c <= 'Z')
            out[used++] = (char)(c - 'A' + 'a');
        else if (used > 0 && out[used - 1] != '-')
            out[used++] = '-';
    }
    out[used] = '\0';
}

struct plot_files {
    FILE *data, *script;
};

static struct report_plot *new_plot(struct report *report, const char *dir, enum report_section section,
                                    const char *name, const char *group, int width, int height,
                                    struct plot_files *files, char *error, size_t size)
{
    if (report->plot_count == report->plot_capacity) {
        report->plot_capacity = report->plot_capacity ? 2 * report->plot_capacity : 32;
        report->plots = realloc(report->plots, report->plot_capacity * sizeof *report->plots);
    }
    struct report_plot *plot = &report->plots[report->plot_count];
    memset(plot, 0, sizeof *plot);
    snprintf(plot->name, sizeof plot->name, "%s", name);
    snprintf(plot->group, sizeof plot->group, "%s", group);
    plot->section = section;
    plot->width = width;
    plot->height = height;
    char path[4096];
    snprintf(path, sizeof path, "%s/plots/%s.dat", dir, name);
    files->data = fopen(path, "w");
    snprintf(path, sizeof path, "%s/plots/%s.gp", dir, name);
    files->script = fopen(path, "w");
    if (!files->data || !files->script) {
        snprintf(error, size, "cannot write '%s': %s", path, strerror(errno));
        if (files->data)
            fclose(files->data);
        if (files->script)
            fclose(files->script);
        return NULL;
    }
    report->plot_count++;
    fprintf(files->script, "# %s: drawn by plots.gp, data in %s.dat\n", name, name);
    fprintf(files->script, "set datafile separator \"\\t\"\nset datafile missing \"NaN\"\n");
    fprintf(files->script, "set grid lc rgb \"#dddddd\"\nset border lc rgb \"#444444\"\n");
    return plot;
}

static int close_plot(struct plot_files *files, char *error, size_t size)
{
    int failed = ferror(files->data) | ferror(files->script);
    failed |= fclose(files->data) != 0;
    failed |= fclose(files->script) != 0;
    if (failed) {
        snprintf(error, size, "cannot write a plot file: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* ---- groups: a format, split by mode where it has both native and opmath rows ---- */

struct group {
    const char *type;
    const char *mode; /* NULL: every mode of the type */
    char label[64];   /* "f16, opmath" */
    char slug[64];
};

static int is_split_mode(const char *mode)
{
    return !strcmp(mode, "native") || !strcmp(mode, "opmath");
}

static size_t find_groups(const struct report *report, struct group *groups, size_t capacity)
{
    size_t count = 0;
    for (size_t r = 0; r < report->row_count; r++) {
        const char *type = report->rows[r].type;
        int seen = 0;
        for (size_t g = 0; g < count; g++)
            seen |= !strcmp(groups[g].type, type);
        if (seen)
            continue;
        int native = 0, opmath = 0;
        for (size_t s = 0; s < report->row_count; s++)
            if (!strcmp(report->rows[s].type, type)) {
                native |= !strcmp(report->rows[s].mode, "native");
                opmath |= !strcmp(report->rows[s].mode, "opmath");
            }
        const char *modes[2] = {"native", "opmath"};
        int split = native && opmath;
        for (int m = 0; m < (split ? 2 : 1) && count < capacity; m++) {
            struct group *group = &groups[count++];
            group->type = type;
            group->mode = split ? modes[m] : NULL;
            snprintf(group->label, sizeof group->label, "%s%s%s", type, split ? ", " : "", split ? modes[m] : "");
            char text[64];
            snprintf(text, sizeof text, "%s%s%s", type, split ? "-" : "", split ? modes[m] : "");
            slug(group->slug, sizeof group->slug, text);
        }
    }
    return count;
}

static int in_group(const struct report_row *row, const struct group *group, const char *fn)
{
    if (strcmp(row->type, group->type) || strcmp(row->fn, fn))
        return 0;
    return !group->mode || !strcmp(row->mode, group->mode) || !is_split_mode(row->mode);
}

/* The series name of a row: the implementation, with its mode where another row of the same
 * implementation is in the group. */
static void series_name(const struct report *report, const struct report_row *row, const struct group *group,
                        const char *fn, char *name, size_t size)
{
    int twins = 0;
    for (size_t r = 0; r < report->row_count; r++)
        twins += in_group(&report->rows[r], group, fn) && !strcmp(report->rows[r].impl, row->impl);
    if (twins > 1)
        snprintf(name, size, "%s (%s)", row->impl, row->mode);
    else
        snprintf(name, size, "%s", row->impl);
}

static const char *const functions[] = {"loss", "grad"};

static int has_fn(const struct report *report, const char *fn)
{
    for (size_t r = 0; r < report->row_count; r++)
        if (!strcmp(report->rows[r].fn, fn))
            return 1;
    return 0;
}

/* ---- error profiles: max ULP against x at fixed z ---- */

static const json_t *profile_entry(const struct report_row *row, double z)
{
    for (size_t i = 0; i < row->run_count; i++) {
        json_t *profile = json_object_get(row->runs[i], "profile");
        size_t index;
        json_t *entry;
        json_array_foreach(profile, index, entry) {
            const char *hex = json_string_value(json_object_get(entry, "z"));
            double value = hex ? strtod(hex, NULL) : report_number(json_object_get(entry, "z"));
            if (value == z && json_is_array(json_object_get(entry, "bins")))
                return entry;
        }
    }
    return NULL;
}

/* The soft z shown: of the group's fixed z other than 0 and 1, the one nearest 0.1. */
static int soft_z(const struct report *report, const struct group *group, double *z)
{
    int found = 0;
    for (size_t r = 0; r < report->row_count; r++) {
        const struct report_row *row = &report->rows[r];
        if (!in_group(row, group, row->fn))
            continue;
        for (size_t i = 0; i < row->run_count; i++) {
            size_t index;
            json_t *entry;
            json_array_foreach(json_object_get(row->runs[i], "profile"), index, entry) {
                const char *hex = json_string_value(json_object_get(entry, "z"));
                double value = hex ? strtod(hex, NULL) : report_number(json_object_get(entry, "z"));
                if (value > 0 && value < 1 && (!found || fabs(value - 0.1) < fabs(*z - 0.1))) {
                    *z = value;
                    found = 1;
                }
            }
        }
    }
    return found;
}

/* The symmetric logarithmic axis, computed here (gnuplot's nonlinear axes need an inverse that
 * overflows near the largest double): u = sign(x) log10(1 + |x|). */
static double symlog(double x)
{
    return copysign(log10(1.0 + fabs(x)), x);
}

/* Tics of the symmetric logarithmic axis: 0 and +-10^k, at most about 13. */
static void symlog_tics(FILE *script, double low, double high)
{
    double extent = fmax(fabs(low), fabs(high));
    int top = extent >= 1 ? (int)ceil(log10(extent)) : 0;
    int step = top <= 6 ? 1 : (top + 5) / 6;
    fprintf(script, "set xtics (\"0\" 0");
    for (int k = 0; k <= top; k++) {
        /* Every power up to 10^6 on narrow ranges; else multiples of the step (and 10^2, where
         * formulas break, when the range is not so wide that it would overlap 0). */
        if (step > 1 && !((k == 2 && top <= 12) || (k % step == 0 && (top > 12 || k - 2 >= step * 0.6))))
            continue;
        double value = pow(10.0, k);
        char label[32];
        if (k < 4)
            snprintf(label, sizeof label, "%g", value);
        else
            snprintf(label, sizeof label, "1e%d", k);
        if (value <= high * 1.0001)
            fprintf(script, ", \"%s\" %.17g", label, symlog(value));
        if (-value >= low * 1.0001)
            fprintf(script, ", \"-%s\" %.17g", label, symlog(-value));
    }
    fprintf(script, ")\n");
}

static double clamp_finite(double x)
{
    if (isnan(x))
        return 0;
    return fmax(-DBL_MAX, fmin(DBL_MAX, x));
}

/* A profile bin's x edges for drawing: an open end (x_hi "inf", x_lo "-inf") is drawn one
 * binade wide. */
static void bin_edges(const json_t *bin, double *low, double *high)
{
    *low = report_number(json_array_get(bin, 0));
    *high = report_number(json_array_get(bin, 1));
    if (isinf(*high) && *high > 0 && isfinite(*low))
        *high = *low > 0 ? 2 * *low : *low + 1;
    if (isinf(*low) && *low < 0 && isfinite(*high))
        *low = *high < 0 ? 2 * *high : *high - 1;
    *low = clamp_finite(*low);
    *high = clamp_finite(*high);
}

#define ERROR_FLOOR 1e-3

static int profile_plot(struct report *report, const char *dir, const struct group *group, const char *fn,
                        int which, double z, char *error, size_t size)
{
    static const char *const which_slug[] = {"z0", "z1", "zsoft"};
    const struct report_row *members[256];
    const json_t *entries[256];
    size_t count = 0;
    double low = INFINITY, high = -INFINITY, largest = 0;
    int any_inf = 0;
    for (size_t r = 0; r < report->row_count && count < 256; r++) {
        const struct report_row *row = &report->rows[r];
        if (!in_group(row, group, fn))
            continue;
        const json_t *entry = profile_entry(row, z);
        if (!entry)
            continue;
        size_t index;
        json_t *bin;
        int usable = 0;
        json_array_foreach(json_object_get(entry, "bins"), index, bin) {
            if (!json_is_array(bin) || json_array_size(bin) < 3)
                continue;
            double x_low, x_high;
            bin_edges(bin, &x_low, &x_high);
            double ulp = report_number(json_array_get(bin, 2));
            if (isnan(ulp))
                continue;
            usable = 1;
            low = fmin(low, x_low);
            high = fmax(high, x_high);
            if (isinf(ulp))
                any_inf = 1;
            else
                largest = fmax(largest, ulp);
        }
        if (usable) {
            members[count] = row;
            entries[count++] = entry;
        }
    }
    char z_text[64];
    if (which == 2) {
        char hex[40];
        snprintf(hex, sizeof hex, "%a", z);
        snprintf(z_text, sizeof z_text, "z = %.6g (%s)", z, hex);
    } else {
        snprintf(z_text, sizeof z_text, "z = %d", which);
    }
    if (count == 0) {
        report_add_note(report, SECTION_PROFILE, "%s %s, %s: no run has a profile at this z.", group->label, fn,
                        z_text);
        return 0;
    }
    char name[96];
    snprintf(name, sizeof name, "profile-%s-%s-%s", group->slug, fn, which_slug[which]);
    struct plot_files files;
    struct report_plot *plot =
        new_plot(report, dir, SECTION_PROFILE, name, group->label, 680, 420, &files, error, size);
    if (!plot)
        return -1;
    snprintf(plot->title, sizeof plot->title, "%s %s, %s", group->label, fn, z_text);
    snprintf(plot->caption, sizeof plot->caption,
             "%s %s, %s: the largest error (ulp) in each bin of x, per implementation", group->label, fn, z_text);
    int decade = largest > 1 ? (int)ceil(log10(largest)) : 0;
    if (decade > 305) /* errors near DBL_MAX (keras-probs in f64): the axis, 3 x top, stays finite */
        decade = 305;
    double top = pow(10.0, decade + 1);
    for (size_t s = 0; s < count; s++) {
        size_t index;
        json_t *bin;
        double previous = NAN;
        json_array_foreach(json_object_get(entries[s], "bins"), index, bin) {
            if (!json_is_array(bin) || json_array_size(bin) < 3)
                continue;
            double ulp = report_number(json_array_get(bin, 2));
            if (isnan(ulp))
                continue;
            double value = isinf(ulp) ? top : fmax(ulp, ERROR_FLOOR), x_low, x_high;
            bin_edges(bin, &x_low, &x_high);
            if (!isnan(previous) && x_low != previous)
                fputc('\n', files.data); /* a gap: bins without points are not drawn */
            previous = x_high;
            fprintf(files.data, "%.17g\t%.17g\n%.17g\t%.17g\n", symlog(x_low), value, symlog(x_high), value);
        }
        fprintf(files.data, "\n\n");
    }
    FILE *g = files.script;
    fprintf(g, "set title ");
    gp_string(g, plot->title);
    fprintf(g, "\n");
    if (!(low < high))
        low = -1, high = 1;
    fprintf(g, "set xrange [%.17g:%.17g]\n", symlog(low), symlog(high));
    symlog_tics(g, low, high);
    fprintf(g, "set xlabel \"x (symmetric log scale)\"\nset ylabel \"max error (ulp)\"\n");
    fprintf(g, "set logscale y\nset format y \"1e%%L\"\nset yrange [%g:%g]\n", ERROR_FLOOR * 0.7, top * 3);
    fprintf(g, "set ytics add (\"<=1e-3\" %g)\n", ERROR_FLOOR);
    if (any_inf)
        fprintf(g, "set ytics add (\"inf\" %.17g)\n", top);
    fprintf(g, "set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb \"#888888\"\n");
    fprintf(g, "set label \"0.5 ulp\" at graph 0.01, first 0.62 tc rgb \"#666666\" font \",9\"\n");
    fprintf(g, "set key outside right top vertical font \",9\" samplen 2\n");
    fprintf(g, "plot ");
    for (size_t s = 0; s < count; s++) {
        char label[128];
        series_name(report, members[s], group, fn, label, sizeof label);
        fprintf(g, "%s\"%s.dat\" index %zu using 1:2 with lines lw 1.6 lc rgb \"%s\" dt %d title ", s ? ", \\\n  " : "",
                name, s, color((int)s), dash((int)s));
        gp_string(g, label);
    }
    fprintf(g, "\n");
    return close_plot(&files, error, size);
}

/* ---- heat maps: max ULP over (x, z) from random-target runs ---- */

static const json_t *heatmap_of(const struct report_row *row)
{
    for (size_t i = 0; i < row->run_count; i++) {
        json_t *map = json_object_get(row->runs[i], "heatmap");
        if (json_is_object(map))
            return map;
    }
    return NULL;
}

/* The x edges of a heat map: one more than its rows.  Results whose first edge, -inf, was
 * lost in writing (JSON has no infinity; one edge short) get it back as "-inf". */
static json_t *heatmap_x_edges(const json_t *map)
{
    json_t *x = json_object_get(map, "x_edges"), *cells = json_object_get(map, "max_ulp");
    if (!json_is_array(x) || !json_is_array(cells))
        return NULL;
    json_t *edges = json_copy(x);
    if (json_array_size(edges) == json_array_size(cells) && json_array_size(edges) > 0 &&
        report_number(json_array_get(edges, 0)) > -INFINITY)
        json_array_insert_new(edges, 0, json_string("-inf"));
    return edges;
}

static int heatmap_valid(const json_t *map)
{
    json_t *x = heatmap_x_edges(map), *z = json_object_get(map, "z_edges"), *cells = json_object_get(map, "max_ulp");
    int valid = x && json_is_array(z) && json_is_array(cells) && json_array_size(x) >= 2 &&
                json_array_size(z) >= 2 && json_array_size(cells) == json_array_size(x) - 1;
    json_decref(x);
    if (!valid)
        return 0;
    size_t index;
    json_t *row;
    json_array_foreach(cells, index, row) {
        if (!json_is_array(row) || json_array_size(row) != json_array_size(z) - 1)
            return 0;
    }
    return 1;
}

static void edge_label(double value, char *text, size_t size)
{
    if (value == 0)
        snprintf(text, size, "0");
    else if (isinf(value))
        snprintf(text, size, "%sinf", value < 0 ? "-" : "");
    else if (fabs(value) >= 1e4 || fabs(value) < 1e-2) {
        int exponent = (int)floor(log10(fabs(value)));
        double mantissa = value / pow(10.0, exponent);
        if (fabs(mantissa) >= 9.5)
            mantissa /= 10, exponent++;
        snprintf(text, size, "%.0fe%d", mantissa, exponent);
    } else
        snprintf(text, size, "%.3g", value);
}

static void edge_tics(FILE *g, const char *axis, const json_t *edges, int wanted)
{
    size_t count = json_array_size(edges);
    size_t step = count > (size_t)wanted ? (count - 1 + (size_t)wanted - 2) / ((size_t)wanted - 1) : 1;
    fprintf(g, "set %stics (", axis);
    int first = 1;
    for (size_t k = 0; k < count; k += step) {
        char label[32];
        edge_label(report_number(json_array_get(edges, k)), label, sizeof label);
        fprintf(g, "%s\"%s\" %g", first ? "" : ", ", label, (double)k - 0.5);
        first = 0;
    }
    if ((count - 1) % step != 0) {
        char label[32];
        edge_label(report_number(json_array_get(edges, count - 1)), label, sizeof label);
        fprintf(g, ", \"%s\" %g", label, (double)(count - 1) - 0.5);
    }
    fprintf(g, ")\n");
}

#define HEAT_FLOOR (-2.0) /* log10 of the smallest error coloured apart: 0.01 ulp */

static int heatmap_plot(struct report *report, const char *dir, const struct group *group, const char *fn,
                        char *error, size_t size)
{
    const struct report_row *members[64];
    const json_t *maps[64];
    size_t count = 0;
    double largest = 1;
    int any_inf = 0;
    for (size_t r = 0; r < report->row_count && count < 64; r++) {
        const struct report_row *row = &report->rows[r];
        if (!in_group(row, group, fn))
            continue;
        const json_t *map = heatmap_of(row);
        if (!map)
            continue;
        if (!heatmap_valid(map)) {
            report_add_note(report, SECTION_HEATMAP,
                            "%s %s %s: the heatmap field is malformed (x_edges, z_edges, max_ulp[x][z]); not drawn.",
                            row->impl, row->type, fn);
            continue;
        }
        size_t i, j;
        json_t *cells, *cell;
        json_array_foreach(json_object_get(map, "max_ulp"), i, cells) json_array_foreach(cells, j, cell)
        {
            double ulp = report_number(cell);
            if (isinf(ulp))
                any_inf = 1;
            else if (!isnan(ulp))
                largest = fmax(largest, ulp);
        }
        members[count] = row;
        maps[count++] = map;
    }
    if (count == 0)
        return 0;
    double top = ceil(log10(largest));
    if (top < 1)
        top = 1;
    double inf_value = top + 1;
    int columns = count < 3 ? (int)count : 3, rows = ((int)count + columns - 1) / columns;
    char name[96];
    snprintf(name, sizeof name, "heatmap-%s-%s", group->slug, fn);
    struct plot_files files;
    struct report_plot *plot = new_plot(report, dir, SECTION_HEATMAP, name, group->label, 430 * columns,
                                        300 * rows + 40, &files, error, size);
    if (!plot)
        return -1;
    snprintf(plot->title, sizeof plot->title, "%s %s: largest error (ulp) per cell of (x, z)", group->label, fn);
    snprintf(plot->caption, sizeof plot->caption,
             "%s %s: the largest error (ulp) in each cell of (x, z) over the random-target points, colour on a "
             "logarithmic scale%s; blank: no point in the cell",
             group->label, fn, any_inf ? " (top colour: inf)" : "");
    for (size_t s = 0; s < count; s++) {
        size_t i, j;
        json_t *cells, *cell;
        json_array_foreach(json_object_get(maps[s], "max_ulp"), i, cells) json_array_foreach(cells, j, cell)
        {
            double ulp = report_number(cell);
            double value = isnan(ulp) ? NAN : isinf(ulp) ? inf_value : fmax(log10(fmax(ulp, 1e-300)), HEAT_FLOOR);
            if (isnan(value))
                fprintf(files.data, "%zu\t%zu\tNaN\n", i, j);
            else
                fprintf(files.data, "%zu\t%zu\t%.6g\n", i, j, value);
        }
        fprintf(files.data, "\n\n");
    }
    FILE *g = files.script;
    /* NaN must reach `with image` as a value (an empty cell, left blank), not as a missing line. */
    fprintf(g, "unset datafile\nset datafile separator \"\\t\"\n");
    fprintf(g, "set palette defined (0 \"#30123b\", 1 \"#4686fb\", 2 \"#1ae4b6\", 3 \"#a2fc3c\", 4 \"#faba39\", "
               "5 \"#e4460a\", 6 \"#7a0403\")\n");
    fprintf(g, "set cbrange [%g:%g]\n", HEAT_FLOOR, any_inf ? inf_value : top);
    fprintf(g, "set cbtics (\"<=0.01\" %g, \"1\" 0", HEAT_FLOOR);
    for (int k = 2; k <= (int)top; k += top > 12 ? 4 : 2)
        fprintf(g, ", \"1e%d\" %d", k, k);
    if (any_inf)
        fprintf(g, ", \"inf\" %g", inf_value);
    fprintf(g, ")\nset xlabel \"x\" offset 0,0.5\nset ylabel \"z\" offset 1.5,0\nunset key\n");
    fprintf(g, "set tics font \",8\"\nset grid noxtics noytics\n");
    fprintf(g, "set multiplot layout %d,%d title ", rows, columns);
    gp_string(g, plot->title);
    fprintf(g, "\n");
    for (size_t s = 0; s < count; s++) {
        json_t *x = heatmap_x_edges(maps[s]);
        const json_t *z = json_object_get(maps[s], "z_edges");
        fprintf(g, "set xrange [-0.5:%g]\nset yrange [-0.5:%g]\n", (double)json_array_size(x) - 1.5,
                (double)json_array_size(z) - 1.5);
        edge_tics(g, "x", x, 5);
        edge_tics(g, "y", z, 5);
        char label[128];
        series_name(report, members[s], group, fn, label, sizeof label);
        fprintf(g, "set title ");
        gp_string(g, label);
        fprintf(g, "\nplot \"%s.dat\" index %zu using 1:2:3 with image\n", name, s);
        json_decref(x);
    }
    fprintf(g, "unset multiplot\n");
    return close_plot(&files, error, size);
}

/* ---- histograms: fraction of points per error bucket, one bar per implementation ---- */

static int histogram_plot(struct report *report, const char *dir, const struct group *group, const char *fn,
                          char *error, size_t size)
{
    const struct report_row *members[256];
    size_t count = 0;
    double smallest = 100;
    for (size_t r = 0; r < report->row_count && count < 256; r++)
        if (in_group(&report->rows[r], group, fn) && report->rows[r].stats.points > 0) {
            const struct report_row *row = &report->rows[r];
            members[count++] = row;
            for (int b = 0; b < BUCKET_COUNT; b++)
                if (row->stats.histogram[b] > 0)
                    smallest = fmin(smallest, 100.0 * (double)row->stats.histogram[b] / (double)row->stats.points);
        }
    if (count == 0)
        return 0;
    char name[96];
    snprintf(name, sizeof name, "histogram-%s-%s", group->slug, fn);
    struct plot_files files;
    int width = 560 + 40 * (int)count;
    struct report_plot *plot =
        new_plot(report, dir, SECTION_HISTOGRAM, name, group->label, width > 1300 ? 1300 : width, 420, &files,
                 error, size);
    if (!plot)
        return -1;
    snprintf(plot->title, sizeof plot->title, "%s %s: share of points per error bucket", group->label, fn);
    snprintf(plot->caption, sizeof plot->caption,
             "%s %s: share of points per error bucket (ulp), all target sets; the last bucket holds overflow, "
             "NaN and infinity mismatches",
             group->label, fn);
    fprintf(files.data, "bucket");
    for (size_t s = 0; s < count; s++) {
        char label[128];
        series_name(report, members[s], group, fn, label, sizeof label);
        fputc('\t', files.data);
        data_string(files.data, label);
    }
    fputc('\n', files.data);
    for (int b = 0; b < BUCKET_COUNT; b++) {
        fprintf(files.data, "%s", bucket_name[b]);
        for (size_t s = 0; s < count; s++) {
            uint64_t n = members[s]->stats.histogram[b];
            if (n == 0)
                fprintf(files.data, "\tNaN");
            else
                fprintf(files.data, "\t%.6g", 100.0 * (double)n / (double)members[s]->stats.points);
        }
        fputc('\n', files.data);
    }
    FILE *g = files.script;
    double bottom = pow(10.0, floor(log10(smallest)));
    fprintf(g, "set title ");
    gp_string(g, plot->title);
    fprintf(g, "\nset style data histograms\nset style histogram clustered gap 1\n");
    fprintf(g, "set style fill solid 0.85 border rgb \"#333333\"\nset boxwidth 0.9\n");
    fprintf(g, "set logscale y\nset yrange [%g:150]\nset format y \"%%g%%%%\"\n", bottom);
    fprintf(g, "set xlabel \"error (ulp)\"\nset ylabel \"share of points\"\nset grid noxtics\n");
    fprintf(g, "set key outside right top vertical font \",9\"\nset title font \",10\"\n");
    fprintf(g, "plot ");
    for (size_t s = 0; s < count; s++)
        fprintf(g, "%s\"%s.dat\" using %zu:xtic(1) title columnheader(%zu) lc rgb \"%s\"", s ? ", \\\n  " : "",
                name, s + 2, s + 2, color((int)s));
    fprintf(g, "\n");
    return close_plot(&files, error, size);
}

/* ---- benchmarks ---- */

static const char *field(const json_t *object, const char *key)
{
    const char *text = json_string_value(json_object_get(object, key));
    return text ? text : "";
}

static double number_field(const json_t *object, const char *key)
{
    return report_number(json_object_get(object, key));
}

static int impl_order(const char *name)
{
    for (size_t i = 0; i < implementation_count; i++)
        if (!strcmp(implementations[i]->name, name))
            return (int)i;
    return (int)implementation_count;
}

/* Distinct strings of key over rows matching target (NULL: all), registry order for impls. */
static size_t distinct(const json_t *rows, const char *key, const char *target, const char **out, size_t capacity)
{
    size_t count = 0, index;
    json_t *row;
    json_array_foreach(rows, index, row) {
        if (target && strcmp(field(row, "target"), target))
            continue;
        const char *value = field(row, key);
        int seen = 0;
        for (size_t i = 0; i < count; i++)
            seen |= !strcmp(out[i], value);
        if (!seen && count < capacity)
            out[count++] = value;
    }
    if (!strcmp(key, "impl"))
        for (size_t i = 1; i < count; i++)
            for (size_t j = i; j > 0 && impl_order(out[j]) < impl_order(out[j - 1]); j--) {
                const char *swap = out[j];
                out[j] = out[j - 1];
                out[j - 1] = swap;
            }
    return count;
}

/* The row shown for (target, impl, type, fn): the most threads, then the largest size. */
const json_t *report_bench_representative(const json_t *rows, const char *target, const char *impl,
                                          const char *type, const char *fn)
{
    const json_t *best = NULL;
    size_t index;
    json_t *row;
    json_array_foreach(rows, index, row) {
        if (strcmp(field(row, "target"), target) || strcmp(field(row, "impl"), impl) ||
            strcmp(field(row, "type"), type) || strcmp(field(row, "fn"), fn))
            continue;
        if (!best)
            best = row;
        else {
            json_int_t threads = json_integer_value(json_object_get(row, "threads")),
                       best_threads = json_integer_value(json_object_get(best, "threads"));
            double bytes = number_field(row, "size_bytes"), best_bytes = number_field(best, "size_bytes");
            if (threads > best_threads || (threads == best_threads && bytes > best_bytes))
                best = row;
        }
    }
    return best;
}

static int bench_plots(struct report *report, const char *dir, char *error, size_t size)
{
    const json_t *rows = report->bench_rows;
    const char *targets[64], *impls[128], *types[16], *fns[16];
    size_t target_count = distinct(rows, "target", NULL, targets, 64);
    for (size_t t = 0; t < target_count; t++) {
        const char *target = targets[t];
        size_t impl_count = distinct(rows, "impl", target, impls, 128);
        size_t type_count = distinct(rows, "type", target, types, 16);
        size_t fn_count = distinct(rows, "fn", target, fns, 16);
        char target_slug[64];
        slug(target_slug, sizeof target_slug, target);
        for (size_t f = 0; f < fn_count; f++) {
            char name[96];
            snprintf(name, sizeof name, "bench-%s-%s", target_slug, fns[f]);
            struct plot_files files;
            int width = 300 + 26 * (int)(impl_count * type_count);
            struct report_plot *plot = new_plot(report, dir, SECTION_BENCH, name, target,
                                                width < 640 ? 640 : width > 1300 ? 1300 : width, 440, &files, error,
                                                size);
            if (!plot)
                return -1;
            snprintf(plot->title, sizeof plot->title, "%s, %s: throughput", target, fns[f]);
            snprintf(plot->caption, sizeof plot->caption,
                     "%s, %s: throughput (median; error bars from min to max) at the most threads and the largest "
                     "size; black dash: the memory-bandwidth roofline",
                     target, fns[f]);
            double bar = 0.8 / (double)type_count;
            int any_roof = 0;
            for (size_t k = 0; k < type_count; k++) {
                for (size_t i = 0; i < impl_count; i++) {
                    const json_t *row = report_bench_representative(rows, target, impls[i], types[k], fns[f]);
                    if (!row)
                        continue;
                    const json_t *g = json_object_get(row, "gelem_per_s");
                    double median = number_field(g, "median"), low = number_field(g, "min"),
                           high = number_field(g, "max"), fraction = number_field(row, "roofline_fraction");
                    double x = (double)i + ((double)k - ((double)type_count - 1) / 2) * bar;
                    double roof = fraction > 0 ? median / fraction : NAN;
                    any_roof |= !isnan(roof);
                    fprintf(files.data, "%g\t%.6g\t%.6g\t%.6g\t%.6g\n", x, median, isnan(low) ? median : low,
                            isnan(high) ? median : high, roof);
                }
                fprintf(files.data, "\n\n");
            }
            FILE *g = files.script;
            fprintf(g, "set title ");
            gp_string(g, plot->title);
            fprintf(g, "\nset xrange [-0.6:%g]\nset xtics rotate by -30 (", impl_count - 0.4);
            for (size_t i = 0; i < impl_count; i++) {
                fprintf(g, "%s", i ? ", " : "");
                gp_string(g, impls[i]);
                fprintf(g, " %zu", i);
            }
            fprintf(g, ")\nset grid noxtics\nset logscale y\nset ylabel \"Gelem/s\"\n");
            fprintf(g, "set style fill solid 0.85 border rgb \"#333333\"\nset boxwidth %g absolute\n", bar * 0.9);
            fprintf(g, "set key outside right top vertical font \",9\"\nplot ");
            for (size_t k = 0; k < type_count; k++) {
                fprintf(g, "%s\"%s.dat\" index %zu using 1:2 with boxes lc rgb \"%s\" title ", k ? ", \\\n  " : "",
                        name, k, color((int)k));
                gp_string(g, types[k]);
                fprintf(g, ", \\\n  \"%s.dat\" index %zu using 1:2:3:4 with yerrorbars lc rgb \"#222222\" pt 0 "
                           "notitle",
                        name, k);
            }
            for (size_t k = 0; k < type_count && any_roof; k++)
                fprintf(g, ", \\\n  \"%s.dat\" index %zu using ($1-%g):5:(%g):(0) with vectors nohead lw 2.5 "
                           "lc rgb \"#000000\" %s",
                        name, k, bar * 0.45, bar * 0.9, k == 0 ? "title \"roofline\"" : "notitle");
            fprintf(g, "\n");
            if (close_plot(&files, error, size) != 0)
                return -1;
        }

        /* Thread scaling: f32 (or the first format), the first function, the largest size. */
        const char *type = types[0], *fn = fns[0];
        for (size_t k = 0; k < type_count; k++)
            if (!strcmp(types[k], "f32"))
                type = types[k];
        for (size_t f = 0; f < fn_count; f++)
            if (!strcmp(fns[f], "loss"))
                fn = fns[f];
        json_int_t thread_counts[64];
        size_t thread_count = 0, index;
        json_t *row;
        json_array_foreach(rows, index, row) {
            if (strcmp(field(row, "target"), target))
                continue;
            json_int_t threads = json_integer_value(json_object_get(row, "threads"));
            int seen = 0;
            for (size_t i = 0; i < thread_count; i++)
                seen |= thread_counts[i] == threads;
            if (!seen && thread_count < 64)
                thread_counts[thread_count++] = threads;
        }
        for (size_t i = 1; i < thread_count; i++)
            for (size_t j = i; j > 0 && thread_counts[j] < thread_counts[j - 1]; j--) {
                json_int_t swap = thread_counts[j];
                thread_counts[j] = thread_counts[j - 1];
                thread_counts[j - 1] = swap;
            }
        if (thread_count < 2) {
            report_add_note(report, SECTION_BENCH, "%s: measured at one thread count only; no scaling plot.", target);
            continue;
        }
        char name[96];
        snprintf(name, sizeof name, "scaling-%s", target_slug);
        struct plot_files files;
        struct report_plot *plot = new_plot(report, dir, SECTION_BENCH, name, target, 680, 420, &files, error, size);
        if (!plot)
            return -1;
        snprintf(plot->title, sizeof plot->title, "%s: thread scaling, %s %s", target, type, fn);
        snprintf(plot->caption, sizeof plot->caption,
                 "%s: thread scaling, %s %s at the largest size (median Gelem/s against threads)", target, type, fn);
        size_t series = 0;
        const char *series_names[128];
        for (size_t i = 0; i < impl_count; i++) {
            int found = 0;
            double largest = NAN;
            json_array_foreach(rows, index, row) {
                if (strcmp(field(row, "target"), target) || strcmp(field(row, "impl"), impls[i]) ||
                    strcmp(field(row, "type"), type) || strcmp(field(row, "fn"), fn))
                    continue;
                found = 1;
                double bytes = number_field(row, "size_bytes");
                if (!isnan(bytes) && (isnan(largest) || bytes > largest))
                    largest = bytes;
            }
            if (!found)
                continue;
            int points = 0;
            for (size_t c = 0; c < thread_count; c++) {
                const json_t *chosen = NULL;
                json_array_foreach(rows, index, row) {
                    if (!strcmp(field(row, "target"), target) && !strcmp(field(row, "impl"), impls[i]) &&
                        !strcmp(field(row, "type"), type) && !strcmp(field(row, "fn"), fn) &&
                        json_integer_value(json_object_get(row, "threads")) == thread_counts[c] &&
                        (isnan(largest) || number_field(row, "size_bytes") == largest))
                        chosen = row;
                }
                if (chosen) {
                    fprintf(files.data, "%lld\t%.6g\n", (long long)thread_counts[c],
                            number_field(json_object_get(chosen, "gelem_per_s"), "median"));
                    points++;
                }
            }
            if (points > 0) {
                fprintf(files.data, "\n\n");
                series_names[series++] = impls[i];
            }
        }
        FILE *g = files.script;
        fprintf(g, "set title ");
        gp_string(g, plot->title);
        fprintf(g, "\nset logscale xy 2\nset xlabel \"threads\"\nset ylabel \"Gelem/s\"\n");
        fprintf(g, "set format y \"%%g\"\nset key outside right top vertical font \",9\"\nplot ");
        for (size_t s = 0; s < series; s++) {
            fprintf(g, "%s\"%s.dat\" index %zu using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb \"%s\" title ",
                    s ? ", \\\n  " : "", name, s, color((int)s));
            gp_string(g, series_names[s]);
        }
        if (series == 0)
            fprintf(g, "NaN notitle");
        fprintf(g, "\n");
        if (close_plot(&files, error, size) != 0)
            return -1;
    }
    return 0;
}

/* ---- reductions: relative error and throughput against n ---- */

static int reduction_plots(struct report *report, const char *dir, char *error, size_t size)
{
    const json_t *rows = report->reduction_rows;
    const char *types[16], *strategies[64];
    size_t type_count = distinct(rows, "type", NULL, types, 16);
    size_t strategy_count = distinct(rows, "strategy", NULL, strategies, 64);
    for (size_t t = 0; t < type_count; t++) {
        for (int kind = 0; kind < 2; kind++) {
            char name[96], type_slug[32];
            slug(type_slug, sizeof type_slug, types[t]);
            snprintf(name, sizeof name, "reduction-%s-%s", kind == 0 ? "error" : "throughput", type_slug);
            struct plot_files files;
            struct report_plot *plot =
                new_plot(report, dir, SECTION_REDUCTION, name, types[t], 680, 420, &files, error, size);
            if (!plot)
                return -1;
            snprintf(plot->title, sizeof plot->title, "%s: %s against n", types[t],
                     kind == 0 ? "relative error of the mean loss" : "throughput");
            if (kind == 0)
                snprintf(plot->caption, sizeof plot->caption,
                         "%s: relative error of the mean loss against n (solid: end to end; dashed: the summation "
                         "alone; a zero error is not drawn)",
                         types[t]);
            else
                snprintf(plot->caption, sizeof plot->caption, "%s: reduction throughput against n", types[t]);
            const char *drawn[64];
            size_t drawn_count = 0;
            for (size_t s = 0; s < strategy_count; s++) {
                /* Rows of the strategy sorted by n (insertion into a small list). */
                const json_t *list[512];
                size_t count = 0, index;
                json_t *row;
                json_array_foreach(rows, index, row) {
                    if (strcmp(field(row, "type"), types[t]) || strcmp(field(row, "strategy"), strategies[s]) ||
                        count == 512)
                        continue;
                    size_t j = count++;
                    for (; j > 0 && number_field(list[j - 1], "n") > number_field(row, "n"); j--)
                        list[j] = list[j - 1];
                    list[j] = row;
                }
                if (count == 0)
                    continue;
                for (size_t i = 0; i < count; i++) {
                    double n = number_field(list[i], "n");
                    if (kind == 0) {
                        double end = number_field(list[i], "rel_error_end_to_end"),
                               sum = number_field(list[i], "rel_error_summation");
                        fprintf(files.data, "%.17g\t%.6g\t%.6g\n", n, end > 0 ? end : NAN, sum > 0 ? sum : NAN);
                    } else {
                        fprintf(files.data, "%.17g\t%.6g\n", n, number_field(list[i], "gelem_per_s"));
                    }
                }
                fprintf(files.data, "\n\n");
                drawn[drawn_count++] = strategies[s];
            }
            FILE *g = files.script;
            fprintf(g, "set title ");
            gp_string(g, plot->title);
            fprintf(g, "\nset logscale xy\nset xlabel \"n\"\nset format x \"1e%%L\"\n");
            fprintf(g, "set ylabel \"%s\"\nset format y \"%s\"\n",
                    kind == 0 ? "relative error" : "Gelem/s", kind == 0 ? "1e%L" : "%g");
            fprintf(g, "set key outside right top vertical font \",9\"\nplot ");
            for (size_t s = 0; s < drawn_count; s++) {
                fprintf(g, "%s\"%s.dat\" index %zu using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb \"%s\" "
                           "title ",
                        s ? ", \\\n  " : "", name, s, color((int)s));
                gp_string(g, drawn[s]);
                if (kind == 0)
                    fprintf(g, ", \\\n  \"%s.dat\" index %zu using 1:3 with lines lw 1.2 dt 2 lc rgb \"%s\" notitle",
                            name, s, color((int)s));
            }
            if (drawn_count == 0)
                fprintf(g, "NaN notitle");
            fprintf(g, "\n");
            if (close_plot(&files, error, size) != 0)
                return -1;
        }
    }
    return 0;
}

/* ---- all plots and the driver script ---- */

static int any_run_has(const struct report *report, const char *key)
{
    for (size_t r = 0; r < report->row_count; r++)
        for (size_t i = 0; i < report->rows[r].run_count; i++)
            if (json_object_get(report->rows[r].runs[i], key) && !json_is_null(json_object_get(report->rows[r].runs[i], key)))
                return 1;
    return 0;
}

int report_prepare_plots(struct report *report, const char *dir, char *error, size_t size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/plots", dir);
    if (mkdir(path, 0755) != 0) {
        snprintf(error, size, "cannot create '%s': %s", path, strerror(errno));
        return -1;
    }
    struct group groups[32];
    size_t group_count = find_groups(report, groups, 32);
    int profiles = any_run_has(report, "profile"), heatmaps = any_run_has(report, "heatmap");
    if (!profiles)
        report_add_note(report, SECTION_PROFILE,
                        "The results have no \"profile\" field (written by sweeps that record the error per bin of "
                        "x at fixed z): no error-against-x plots.");
    if (!heatmaps)
        report_add_note(report, SECTION_HEATMAP,
                        "The results have no \"heatmap\" field (written by sweeps with random targets): no heat "
                        "maps.");
    int peers_without = 0;
    for (size_t r = 0; r < report->row_count; r++)
        if (report->rows[r].peer) {
            int has = 0;
            for (size_t i = 0; i < report->rows[r].run_count; i++)
                has |= json_object_get(report->rows[r].runs[i], "profile") != NULL;
            peers_without |= !has;
        }
    if (peers_without && profiles)
        report_add_note(report, SECTION_PROFILE,
                        "Measured peers (scored with scebench score) have no profile: they are in the tables and "
                        "the histograms, not in these plots.");
    for (size_t g = 0; g < group_count; g++)
        for (int f = 0; f < 2; f++) {
            if (!has_fn(report, functions[f]))
                continue;
            if (profiles) {
                double soft;
                if (profile_plot(report, dir, &groups[g], functions[f], 0, 0.0, error, size) != 0 ||
                    profile_plot(report, dir, &groups[g], functions[f], 1, 1.0, error, size) != 0)
                    return -1;
                if (soft_z(report, &groups[g], &soft)) {
                    if (profile_plot(report, dir, &groups[g], functions[f], 2, soft, error, size) != 0)
                        return -1;
                } else {
                    report_add_note(report, SECTION_PROFILE, "%s %s: no profile at a soft z (0 < z < 1).",
                                    groups[g].label, functions[f]);
                }
            }
            if (heatmaps && heatmap_plot(report, dir, &groups[g], functions[f], error, size) != 0)
                return -1;
            if (histogram_plot(report, dir, &groups[g], functions[f], error, size) != 0)
                return -1;
        }
    if (json_array_size(report->bench_rows) > 0 && bench_plots(report, dir, error, size) != 0)
        return -1;
    if (json_array_size(report->reduction_rows) > 0 && reduction_plots(report, dir, error, size) != 0)
        return -1;

    snprintf(path, sizeof path, "%s/plots/plots.gp", dir);
    FILE *driver = fopen(path, "w");
    if (!driver) {
        snprintf(error, size, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    fprintf(driver, "# Draws every plot of the report as SVG and PNG: cd plots && gnuplot plots.gp\n");
    fprintf(driver, "set encoding utf8\n");
    fprintf(driver, "png_cairo = strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0\n");
    for (size_t p = 0; p < report->plot_count; p++) {
        const struct report_plot *plot = &report->plots[p];
        fprintf(driver, "\nreset\nset terminal svg size %d,%d font \"DejaVu Sans,11\" noenhanced background rgb "
                        "\"white\"\nset output \"%s.svg\"\nload \"%s.gp\"\nunset output\n",
                plot->width, plot->height, plot->name, plot->name);
        fprintf(driver, "reset\nif (png_cairo) {\n  set terminal pngcairo size %d,%d font \"DejaVu Sans,10\" "
                        "noenhanced background rgb \"white\"\n} else {\n  set terminal png size %d,%d noenhanced "
                        "background rgb \"white\"\n}\nset output \"%s.png\"\nload \"%s.gp\"\nunset output\n",
                plot->width, plot->height, plot->width, plot->height, plot->name, plot->name);
    }
    if (fclose(driver) != 0) {
        snprintf(error, size, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

const char *report_find_gnuplot(void)
{
    static char found[4096];
    const char *path = getenv("PATH");
    if (!path || !*path)
        return NULL;
    const char *start = path;
    while (*start) {
        const char *end = strchr(start, ':');
        size_t length = end ? (size_t)(end - start) : strlen(start);
        if (length > 0 && length < sizeof found - 16) {
            snprintf(found, sizeof found, "%.*s/gnuplot", (int)length, start);
            struct stat info;
            if (stat(found, &info) == 0 && S_ISREG(info.st_mode) && access(found, X_OK) == 0)
                return found;
        }
        if (!end)
            break;
        start = end + 1;
    }
    return NULL;
}

int report_run_gnuplot(const char *gnuplot, const char *dir, char *error, size_t size)
{
    char plots[4096], log[4200];
    snprintf(plots, sizeof plots, "%s/plots", dir);
    snprintf(log, sizeof log, "%s/gnuplot.log", plots);
    pid_t child = fork();
    if (child < 0) {
        snprintf(error, size, "cannot start gnuplot: %s", strerror(errno));
        return -1;
    }
    if (child == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int null = open("/dev/null", O_RDONLY);
        if (fd < 0 || null < 0 || chdir(plots) != 0)
            _exit(127);
        dup2(null, 0);
        dup2(fd, 1);
        dup2(fd, 2);
        execl(gnuplot, "gnuplot", "plots.gp", (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR) {
            snprintf(error, size, "waiting for gnuplot: %s", strerror(errno));
            return -1;
        }
    /* The last line of gnuplot's messages, for the error. */
    char last[512] = "";
    FILE *file = fopen(log, "r");
    if (file) {
        char line[512];
        while (fgets(line, sizeof line, file))
            if (strspn(line, " \t\r\n^") < strlen(line))
                snprintf(last, sizeof last, "%s", line);
        fclose(file);
    }
    last[strcspn(last, "\n")] = '\0';
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(error, size, "gnuplot failed (%s %d)%s%s", WIFEXITED(status) ? "exit status" : "signal",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), *last ? ": " : "", last);
        return -1;
    }
    unlink(log);
    return 0;
}
