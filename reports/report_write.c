/* The report's documents (index.html, report.md, CSV files) and the atomic output directory. */
#define _XOPEN_SOURCE 700
#include "report.h"

#include <errno.h>
#include <dirent.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "registry.h"
#include "storage.h"

#ifndef SCEBENCH_VERSION
#define SCEBENCH_VERSION "unknown"
#endif
#ifndef SCEBENCH_GIT_REVISION
#define SCEBENCH_GIT_REVISION "unknown"
#endif

#define MARKER ".scebench-report"

/* ---- small writers ---- */

static void html_text(FILE *out, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*p, out);
        }
    }
}

static void md_text(FILE *out, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '|' || *p == '*' || *p == '_' || *p == '`' || *p == '<' || *p == '[' || *p == ']')
            fputc('\\', out);
        fputc(*p == '\n' ? ' ' : *p, out);
    }
}

static void csv_field(FILE *out, const char *text)
{
    text = text ? text : "";
    if (strpbrk(text, ",\"\n\r") == NULL) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

static void csv_number(FILE *out, double value)
{
    if (isnan(value))
        return;
    if (isinf(value))
        fputs(value > 0 ? "inf" : "-inf", out);
    else
        fprintf(out, "%.17g", value);
}

static const char *string_of(const json_t *object, const char *key)
{
    const char *text = json_string_value(json_object_get(object, key));
    return text ? text : "";
}

/* A JSON value as text: strings as they are, others compact JSON. Caller frees. */
static char *value_text(const json_t *value)
{
    if (json_is_string(value))
        return strdup(json_string_value(value));
    char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(6));
    return text ? text : strdup("");
}

static double mean_of(const struct report_stats *stats)
{
    return stats->finite_points ? stats->error_sum / (double)stats->finite_points : 0.0;
}

static const char *contract_status(const struct report_stats *stats)
{
    return stats->contract <= 0 ? "-" : stats->contract_holds ? "kept" : "BROKEN";
}

static const char *ulp_class(double value)
{
    return value <= 0.5 ? "good" : value <= 1 ? "fine" : value <= 16 ? "warn" : "bad";
}

/* ---- CSV ---- */

static void csv_stats_header(FILE *out)
{
    fputs("points,max_ulp,mean_ulp", out);
    for (int b = 0; b < BUCKET_COUNT; b++) {
        fputs(",hist_", out);
        fputs(bucket_name[b], out);
    }
    for (int c = 0; c < OUTCOME_COUNT; c++)
        fprintf(out, ",%s", outcome_name[c]);
    fputs(",contract_ulp,contract,worst_x,worst_z,worst_got,worst_exact,worst_ulp\n", out);
}

static void csv_stats(FILE *out, const struct report_stats *stats)
{
    fprintf(out, "%llu,", (unsigned long long)stats->points);
    csv_number(out, stats->max_ulp);
    fputc(',', out);
    csv_number(out, mean_of(stats));
    for (int b = 0; b < BUCKET_COUNT; b++)
        fprintf(out, ",%llu", (unsigned long long)stats->histogram[b]);
    for (int c = 0; c < OUTCOME_COUNT; c++)
        fprintf(out, ",%llu", (unsigned long long)stats->classes[c]);
    fputc(',', out);
    if (stats->contract > 0)
        csv_number(out, stats->contract);
    fprintf(out, ",%s", contract_status(stats));
    const char *keys[] = {"x", "z", "got", "exact"};
    for (int k = 0; k < 4; k++) {
        fputc(',', out);
        csv_field(out, stats->worst ? string_of(stats->worst, keys[k]) : "");
    }
    fputc(',', out);
    if (stats->worst)
        csv_number(out, report_number(json_object_get(stats->worst, "ulp")));
    fputc('\n', out);
}

static FILE *open_in(const char *dir, const char *name, char *error, size_t size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *file = fopen(path, "w");
    if (!file)
        snprintf(error, size, "cannot write '%s': %s", path, strerror(errno));
    return file;
}

static int close_file(FILE *file, const char *name, char *error, size_t size)
{
    int failed = ferror(file);
    failed |= fclose(file) != 0;
    if (failed) {
        snprintf(error, size, "cannot write '%s': %s", name, strerror(errno));
        return -1;
    }
    return 0;
}

static int write_csv(const struct report *report, const char *dir, char *error, size_t size)
{
    FILE *out = open_in(dir, "accuracy.csv", error, size);
    if (!out)
        return -1;
    fputs("impl,type,mode,fn,", out);
    csv_stats_header(out);
    for (size_t r = 0; r < report->row_count; r++) {
        const struct report_row *row = &report->rows[r];
        csv_field(out, row->impl);
        fprintf(out, ",%s,%s,%s,", row->type, row->mode, row->fn);
        csv_stats(out, &row->stats);
    }
    if (close_file(out, "accuracy.csv", error, size) != 0)
        return -1;

    out = open_in(dir, "accuracy_by_targets.csv", error, size);
    if (!out)
        return -1;
    fputs("impl,type,mode,fn,targets,", out);
    csv_stats_header(out);
    for (size_t r = 0; r < report->row_count; r++) {
        const struct report_row *row = &report->rows[r];
        for (size_t i = 0; i < row->run_count; i++) {
            struct report_stats stats = {0};
            /* Already checked at load time: cannot fail here. */
            struct report_row single = *row;
            (void)single;
            const json_t *run = row->runs[i];
            stats.points = (uint64_t)json_integer_value(json_object_get(run, "points"));
            stats.max_ulp = report_number(json_object_get(run, "max_ulp"));
            double mean = report_number(json_object_get(run, "mean_ulp"));
            for (int b = 0; b < BUCKET_COUNT; b++)
                stats.histogram[b] =
                    (uint64_t)json_integer_value(json_object_get(json_object_get(run, "histogram"), bucket_name[b]));
            uint64_t infinite = 0;
            for (int c = 0; c < OUTCOME_COUNT; c++) {
                stats.classes[c] =
                    (uint64_t)json_integer_value(json_object_get(json_object_get(run, "classes"), outcome_name[c]));
                if (c == OUTCOME_OVERFLOW || c == OUTCOME_NAN || c == OUTCOME_INF_MISMATCH)
                    infinite += stats.classes[c];
            }
            stats.finite_points = infinite < stats.points ? stats.points - infinite : 0;
            stats.error_sum = mean * (double)stats.finite_points;
            json_t *contract = json_object_get(run, "contract");
            stats.contract = json_is_number(contract) ? json_number_value(contract) : 0;
            json_t *holds = json_object_get(run, "contract_holds");
            stats.contract_holds = holds ? json_is_true(holds) : 1;
            json_t *worst = json_object_get(run, "worst");
            stats.worst = json_array_size(worst) > 0 ? json_array_get(worst, 0) : NULL;
            csv_field(out, row->impl);
            fprintf(out, ",%s,%s,%s,", row->type, row->mode, row->fn);
            csv_field(out, json_string_value(json_object_get(run, "targets")));
            fputc(',', out);
            csv_stats(out, &stats);
        }
    }
    if (close_file(out, "accuracy_by_targets.csv", error, size) != 0)
        return -1;

    out = open_in(dir, "implementations.csv", error, size);
    if (!out)
        return -1;
    fputs("name,family,formula,gradient,origin,weaknesses,contract\n", out);
    for (size_t i = 0; i < implementation_count; i++) {
        const struct implementation *impl = implementations[i];
        char contract[512];
        implementation_contract_text(impl, contract, sizeof contract);
        const char *fields[] = {impl->name, impl->family, impl->formula, impl->gradient,
                                impl->origin, impl->weaknesses, contract};
        for (int f = 0; f < 7; f++) {
            if (f)
                fputc(',', out);
            csv_field(out, fields[f]);
        }
        fputc('\n', out);
    }
    if (close_file(out, "implementations.csv", error, size) != 0)
        return -1;

    if (json_array_size(report->bench_rows) > 0) {
        out = open_in(dir, "bench.csv", error, size);
        if (!out)
            return -1;
        fputs("target,impl,type,fn,threads,size_bytes,elements,gelem_per_s_median,gelem_per_s_min,gelem_per_s_max,"
              "gb_per_s,roofline_fraction,vs\n",
              out);
        size_t index;
        json_t *row;
        json_array_foreach(report->bench_rows, index, row) {
            const char *keys[] = {"target", "impl", "type", "fn"};
            for (int k = 0; k < 4; k++) {
                csv_field(out, string_of(row, keys[k]));
                fputc(',', out);
            }
            fprintf(out, "%lld,", (long long)json_integer_value(json_object_get(row, "threads")));
            csv_number(out, report_number(json_object_get(row, "size_bytes")));
            fputc(',', out);
            csv_number(out, report_number(json_object_get(row, "elements")));
            const json_t *g = json_object_get(row, "gelem_per_s");
            const char *stats[] = {"median", "min", "max"};
            for (int k = 0; k < 3; k++) {
                fputc(',', out);
                csv_number(out, report_number(json_object_get(g, stats[k])));
            }
            fputc(',', out);
            csv_number(out, report_number(json_object_get(row, "gb_per_s")));
            fputc(',', out);
            csv_number(out, report_number(json_object_get(row, "roofline_fraction")));
            fputc(',', out);
            char vs[1024] = "";
            size_t used = 0;
            const char *peer;
            json_t *ratio;
            json_object_foreach(json_object_get(row, "vs"), peer, ratio) {
                if (used < sizeof vs)
                    used += (size_t)snprintf(vs + used, sizeof vs - used, "%s%s=%.4g", used ? ";" : "", peer,
                                             report_number(ratio));
            }
            csv_field(out, vs);
            fputc('\n', out);
        }
        if (close_file(out, "bench.csv", error, size) != 0)
            return -1;
    }

    if (json_array_size(report->reduction_rows) > 0) {
        out = open_in(dir, "reduction.csv", error, size);
        if (!out)
            return -1;
        const char *keys[] = {"rel_error_summation", "rel_error_end_to_end", "ulp_summation", "ulp_end_to_end",
                              "overflow", "gelem_per_s"};
        fputs("strategy,type,n,rel_error_summation,rel_error_end_to_end,ulp_summation,ulp_end_to_end,overflow,"
              "gelem_per_s\n",
              out);
        size_t index;
        json_t *row;
        json_array_foreach(report->reduction_rows, index, row) {
            csv_field(out, string_of(row, "strategy"));
            fputc(',', out);
            csv_field(out, string_of(row, "type"));
            fputc(',', out);
            csv_number(out, report_number(json_object_get(row, "n")));
            for (int k = 0; k < 6; k++) {
                fputc(',', out);
                json_t *value = json_object_get(row, keys[k]);
                if (json_is_boolean(value))
                    fputs(json_is_true(value) ? "true" : "false", out);
                else
                    csv_number(out, report_number(value));
            }
            fputc('\n', out);
        }
        if (close_file(out, "reduction.csv", error, size) != 0)
            return -1;
    }
    return 0;
}

/* ---- the HTML page ---- */

static const char style[] =
    "body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;font-size:14px;color:#1a1a1a;background:#fff;"
    "margin:0 auto;padding:16px 24px;max-width:1500px;line-height:1.4}\n"
    "h1{font-size:24px;margin:8px 0}h2{font-size:19px;border-bottom:2px solid #ccc;padding-bottom:3px;"
    "margin-top:32px}h3{font-size:16px;margin:20px 0 8px}\n"
    "nav ul{columns:3;list-style:none;padding:0}nav a{color:#0b5cad;text-decoration:none}\n"
    "table{border-collapse:collapse;margin:8px 0 16px;font-size:12.5px}\n"
    "th,td{border:1px solid #d4d4d4;padding:2px 6px;text-align:right;vertical-align:top}\n"
    "th{background:#f0f0f0;position:sticky;top:0}td.l,th.l{text-align:left}\n"
    "td.code,span.code{font-family:'DejaVu Sans Mono',monospace;font-size:11.5px}\n"
    "tr:nth-child(even) td{background:#fafafa}\n"
    "td.good{background:#dff3e0!important}td.fine{background:#eef7d9!important}"
    "td.warn{background:#fff1cc!important}td.bad{background:#fbd9d3!important}\n"
    "td.zero{color:#aaa}td.nz{color:#b00;font-weight:bold}\n"
    "td.kept{color:#186a1f;font-weight:bold}td.broken{color:#fff;background:#c0392b!important;font-weight:bold}\n"
    "span.hist{display:inline-flex;align-items:flex-end;height:20px;gap:1px}\n"
    "span.hist i{display:inline-block;width:5px;background:#888}\n"
    "span.hist i.b0,span.hist i.b1{background:#2e8b57}span.hist i.b2,span.hist i.b3{background:#9acd32}"
    "span.hist i.b4,span.hist i.b5{background:#e6a800}span.hist i.b6,span.hist i.b7{background:#e0642a}"
    "span.hist i.b8{background:#b0171f}\n"
    ".plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:14px}\n"
    "figure.plot{margin:0;border:1px solid #e2e2e2;padding:6px;background:#fff}\n"
    "figure.wide{grid-column:1/-1}\n"
    "figure.plot svg{display:block;width:100%;height:auto}\n"
    "figcaption{font-size:12px;color:#444;margin-top:4px}\n"
    "p.note{background:#fff8e1;border-left:4px solid #e6a800;padding:6px 10px;margin:6px 0}\n"
    "dl.kv{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:6px 0 14px}"
    "dl.kv dt{font-weight:bold}dl.kv dd{margin:0;font-family:'DejaVu Sans Mono',monospace;font-size:12px;"
    "overflow-wrap:anywhere}\n"
    "footer{margin-top:40px;color:#777;font-size:12px}\n";

static const char *const section_id[SECTION_COUNT] = {"profiles", "heatmaps", "histograms", "throughput",
                                                      "reduction"};
static const char *const section_title[SECTION_COUNT] = {
    "Error against x", "Error over (x, z)", "Error histograms", "Throughput", "Reduction"};

/* Copies an SVG file into the page: from its <svg> element on, every id and reference to one
 * prefixed (several gnuplot SVGs in one document would otherwise share ids), the title set. */
static int inline_svg(FILE *out, const char *dir, const struct report_plot *plot, int number, char *error,
                      size_t size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/plots/%s.svg", dir, plot->name);
    FILE *file = fopen(path, "r");
    if (!file) {
        snprintf(error, size, "gnuplot wrote no '%s': %s", path, strerror(errno));
        return -1;
    }
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)length + 1);
    size_t got = text ? fread(text, 1, (size_t)length, file) : 0;
    fclose(file);
    if (!text || got != (size_t)length) {
        free(text);
        snprintf(error, size, "cannot read '%s'", path);
        return -1;
    }
    text[length] = '\0';
    char *start = strstr(text, "<svg");
    if (!start || !strstr(start, "</svg>")) {
        free(text);
        snprintf(error, size, "'%s' is not an SVG file", path);
        return -1;
    }
    char prefix[32];
    snprintf(prefix, sizeof prefix, "p%d-", number);
    fprintf(out, "<svg class=\"gnuplot\" data-plot=\"%s\" role=\"img\" aria-label=\"", plot->name);
    html_text(out, plot->caption);
    fputc('"', out);
    const char *p = start + 4;
    const char *title = "<title>Gnuplot</title>";
    while (*p) {
        static const char *const refs[] = {"id='", "id=\"", "url(#", "href='#", "href=\"#"};
        int matched = 0;
        for (int k = 0; k < 5 && !matched; k++) {
            size_t n = strlen(refs[k]);
            if (strncmp(p, refs[k], n) == 0 && (k >= 2 || p == start || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n')) {
                fwrite(p, 1, n, out);
                fputs(prefix, out);
                p += n;
                matched = 1;
            }
        }
        if (matched)
            continue;
        if (strncmp(p, title, strlen(title)) == 0) {
            fputs("<title>", out);
            html_text(out, plot->caption);
            fputs("</title>", out);
            p += strlen(title);
            continue;
        }
        if (strncmp(p, "</svg>", 6) == 0) {
            fputs("</svg>", out);
            break;
        }
        fputc(*p++, out);
    }
    free(text);
    return 0;
}

static int html_plots(FILE *out, const struct report *report, const char *dir, enum report_section section,
                      int *number, char *error, size_t size)
{
    const char *current = NULL;
    int open = 0;
    for (size_t p = 0; p < report->plot_count; p++) {
        const struct report_plot *plot = &report->plots[p];
        if (plot->section != section)
            continue;
        if (!current || strcmp(current, plot->group)) {
            if (open)
                fputs("</div>\n", out);
            fputs("<h3>", out);
            html_text(out, plot->group);
            fputs("</h3>\n<div class=\"plots\">\n", out);
            current = plot->group;
            open = 1;
        }
        fprintf(out, "<figure class=\"plot%s\" id=\"fig-%s\">\n", plot->width > 900 ? " wide" : "", plot->name);
        if (inline_svg(out, dir, plot, (*number)++, error, size) != 0)
            return -1;
        fputs("\n<figcaption>", out);
        html_text(out, plot->caption);
        fprintf(out, " <span class=\"code\">(plots/%s.svg, .png)</span></figcaption>\n</figure>\n", plot->name);
    }
    if (open)
        fputs("</div>\n", out);
    return 0;
}

static void html_notes(FILE *out, const struct report *report, enum report_section section)
{
    size_t index;
    json_t *note;
    json_array_foreach(report->notes[section], index, note) {
        fputs("<p class=\"note\">", out);
        html_text(out, json_string_value(note));
        fputs("</p>\n", out);
    }
}

static void html_kv(FILE *out, const char *key, const char *value)
{
    fputs("<dt>", out);
    html_text(out, key);
    fputs("</dt><dd>", out);
    size_t length = strlen(value);
    if (length > 700) { /* long lists (cache levels, roofline kernels): the start, and where the rest is */
        char *start = strndup(value, 600);
        html_text(out, start);
        fprintf(out, " &hellip; (%zu characters: see the input file)", length);
        free(start);
    } else {
        html_text(out, value);
    }
    fputs("</dd>\n", out);
}

static void html_object(FILE *out, const json_t *object, const char *prefix)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)object, key, value) {
        char label[256];
        snprintf(label, sizeof label, "%s%s", prefix, key);
        char *text = value_text(value);
        html_kv(out, label, text);
        free(text);
    }
}

static void html_provenance(FILE *out, const struct report *report, const char *generated)
{
    fputs("<h2 id=\"provenance\">Provenance</h2>\n<dl class=\"kv\">\n", out);
    html_kv(out, "report by", "scebench " SCEBENCH_VERSION " (git " SCEBENCH_GIT_REVISION ")");
    html_kv(out, "report command", report->command_line);
    html_kv(out, "generated (UTC)", generated);
    fputs("</dl>\n", out);
    for (size_t i = 0; i < report->results_count; i++) {
        const json_t *document = report->results[i].document;
        fputs("<h3>Results: ", out);
        html_text(out, report->results[i].path);
        fputs("</h3>\n<dl class=\"kv\">\n", out);
        const json_t *tool = json_object_get(document, "tool");
        char line[512];
        snprintf(line, sizeof line, "%s %s (git %s)", string_of(tool, "name"), string_of(tool, "version"),
                 string_of(tool, "git_revision"));
        html_kv(out, "tool", line);
        const char *keys[] = {"schema", "command", "suite", "seed", "random_count", "targets", "timing"};
        for (int k = 0; k < 7; k++) {
            json_t *value = json_object_get(document, keys[k]);
            if (value) {
                char *text = value_text(value);
                html_kv(out, keys[k], text);
                free(text);
            }
        }
        if (json_is_object(json_object_get(document, "host")))
            html_object(out, json_object_get(document, "host"), "host ");
        if (json_is_object(json_object_get(document, "device")))
            html_object(out, json_object_get(document, "device"), "device ");
        fputs("</dl>\n", out);
    }
    struct report_input *lists[] = {report->benches, report->reductions};
    size_t counts[] = {report->bench_count, report->reduction_count};
    const char *kinds[] = {"Bench", "Reduction"};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            const json_t *document = lists[l][i].document;
            fprintf(out, "<h3>%s: ", kinds[l]);
            html_text(out, lists[l][i].path);
            fputs("</h3>\n<dl class=\"kv\">\n", out);
            const char *key;
            json_t *value;
            json_object_foreach((json_t *)document, key, value) {
                if (!strcmp(key, "results"))
                    continue;
                if (json_is_object(value) && (!strcmp(key, "host") || !strcmp(key, "device"))) {
                    char prefix[64];
                    snprintf(prefix, sizeof prefix, "%s ", key);
                    html_object(out, value, prefix);
                } else {
                    char *text = value_text(value);
                    html_kv(out, key, text);
                    free(text);
                }
            }
            fputs("</dl>\n", out);
        }
}

static void html_histogram_cell(FILE *out, const struct report_stats *stats)
{
    fputs("<td class=\"l\"><span class=\"hist\" title=\"", out);
    for (int b = 0; b < BUCKET_COUNT; b++)
        fprintf(out, "%s%s: %llu", b ? ", " : "", bucket_name[b], (unsigned long long)stats->histogram[b]);
    fputs("\">", out);
    double scale = log10(1.0 + (double)stats->points);
    for (int b = 0; b < BUCKET_COUNT; b++) {
        int height = stats->histogram[b] == 0 || scale <= 0
                         ? 0
                         : 2 + (int)lround(18.0 * log10(1.0 + (double)stats->histogram[b]) / scale);
        fprintf(out, "<i class=\"b%d\" style=\"height:%dpx\"></i>", b, height);
    }
    fputs("</span></td>", out);
}

static void html_count(FILE *out, uint64_t count)
{
    fprintf(out, "<td class=\"%s\">%llu</td>", count ? "nz" : "zero", (unsigned long long)count);
}

static void html_accuracy(FILE *out, const struct report *report)
{
    fputs("<h2 id=\"accuracy\">Accuracy</h2>\n", out);
    fputs("<p>One row per implementation, format, mode and function, over every target set (the CSV files have "
          "each target set apart: accuracy_by_targets.csv). Errors in ulp against the exact value: a correctly "
          "rounded result has at most 0.5. The maximum and mean are over the points with a finite error; "
          "overflow, NaN and infinity mismatches are counted in their columns and in the histogram's last bucket. "
          "Histogram buckets: 0, &le;0.5, &le;1, &le;2, &le;4, &le;16, &le;2^10, &le;2^20, &gt;2^20 (bar heights "
          "on a log scale; hover for counts). Worst input: x and z of the largest finite error, as C99 hex floats; "
          "replay with <span class=\"code\">scebench eval -i IMPL -t TYPE X Z</span>.</p>\n",
          out);
    const char *types[16];
    size_t type_count = 0;
    for (size_t r = 0; r < report->row_count; r++) {
        int seen = 0;
        for (size_t t = 0; t < type_count; t++)
            seen |= !strcmp(types[t], report->rows[r].type);
        if (!seen && type_count < 16)
            types[type_count++] = report->rows[r].type;
    }
    /* Sorted by the format's rank. */
    for (size_t t = 0; t < type_count; t++) {
        fprintf(out, "<h3 id=\"accuracy-%s\">", types[t]);
        html_text(out, types[t]);
        fputs("</h3>\n<table>\n<tr><th class=\"l\">implementation</th><th class=\"l\">mode</th><th class=\"l\">fn"
              "</th><th>points</th><th>max ulp</th><th>mean ulp</th><th class=\"l\">histogram</th><th>overflow</th>"
              "<th>nan</th><th>inf-mismatch</th><th>flush</th><th>sign</th><th>contract</th>"
              "<th class=\"l\">worst input x</th><th class=\"l\">z</th></tr>\n",
              out);
        for (size_t r = 0; r < report->row_count; r++) {
            const struct report_row *row = &report->rows[r];
            if (strcmp(row->type, types[t]))
                continue;
            const struct report_stats *s = &row->stats;
            char max[32], mean[32];
            fputs("<tr><td class=\"l\">", out);
            html_text(out, row->impl);
            if (row->peer)
                fputs(" <small>(peer)</small>", out);
            fputs("</td><td class=\"l\">", out);
            html_text(out, row->mode);
            fputs("</td><td class=\"l\">", out);
            html_text(out, row->fn);
            fprintf(out, "</td><td>%llu</td><td class=\"%s\">%s</td><td>%s</td>", (unsigned long long)s->points,
                    ulp_class(s->max_ulp), report_format_ulp(s->max_ulp, max, sizeof max),
                    report_format_ulp(mean_of(s), mean, sizeof mean));
            html_histogram_cell(out, s);
            html_count(out, s->classes[OUTCOME_OVERFLOW]);
            html_count(out, s->classes[OUTCOME_NAN]);
            html_count(out, s->classes[OUTCOME_INF_MISMATCH]);
            html_count(out, s->classes[OUTCOME_FLUSH]);
            html_count(out, s->classes[OUTCOME_SIGN]);
            const char *status = contract_status(s);
            if (s->contract > 0)
                fprintf(out, "<td class=\"%s\" title=\"claimed: %g ulp\">%s</td>", s->contract_holds ? "kept" : "broken",
                        s->contract, status);
            else
                fputs("<td>-</td>", out);
            if (s->worst) {
                fputs("<td class=\"l code\" title=\"got ", out);
                html_text(out, string_of(s->worst, "got"));
                fputs(", exact ", out);
                html_text(out, string_of(s->worst, "exact"));
                fputs("\">", out);
                html_text(out, string_of(s->worst, "x"));
                fputs("</td><td class=\"l code\">", out);
                html_text(out, string_of(s->worst, "z"));
                fputs("</td>", out);
            } else {
                fputs("<td class=\"l\">-</td><td class=\"l\">-</td>", out);
            }
            fputs("</tr>\n", out);
        }
        fputs("</table>\n", out);
    }
}

static void html_glance(FILE *out, const struct report *report)
{
    fputs("<h2 id=\"glance\">At a glance</h2>\n<ul>\n", out);
    size_t correct = 0, failing = 0, broken = 0;
    for (size_t r = 0; r < report->row_count; r++) {
        const struct report_stats *s = &report->rows[r].stats;
        correct += s->max_ulp <= 0.5 && s->finite_points == s->points;
        failing += s->classes[OUTCOME_OVERFLOW] + s->classes[OUTCOME_NAN] + s->classes[OUTCOME_INF_MISMATCH] +
                       s->classes[OUTCOME_FLUSH] + s->classes[OUTCOME_SIGN] > 0;
        broken += s->contract > 0 && !s->contract_holds;
    }
    fprintf(out, "<li>%zu rows (implementation x format x mode x function); %zu correctly rounded everywhere "
                 "(max &le; 0.5 ulp, no failure); %zu with overflow, NaN, flush, sign or infinity failures.</li>\n",
            report->row_count, correct, failing);
    if (broken) {
        fprintf(out, "<li class=\"bad\"><b>%zu broken contract%s:</b> ", broken, broken > 1 ? "s" : "");
        int first = 1;
        for (size_t r = 0; r < report->row_count; r++) {
            const struct report_row *row = &report->rows[r];
            if (row->stats.contract > 0 && !row->stats.contract_holds) {
                fputs(first ? "" : ", ", out);
                html_text(out, row->impl);
                fprintf(out, " %s %s %s", row->type, row->mode, row->fn);
                first = 0;
            }
        }
        fputs("</li>\n", out);
    } else {
        fputs("<li>Every claimed contract is kept.</li>\n", out);
    }
    fputs("</ul>\n", out);
}

static void html_bench(FILE *out, const struct report *report, const char *dir, int *number, char *error,
                       size_t size, int *failed)
{
    fputs("<h2 id=\"throughput\">Throughput</h2>\n", out);
    if (json_array_size(report->bench_rows) == 0) {
        fputs("<p class=\"note\">No bench file was given (<span class=\"code\">scebench report RESULTS.json "
              "BENCH.json -o DIR</span>, with BENCH.json from <span class=\"code\">scebench bench -o</span>): no "
              "throughput section.</p>\n",
              out);
        return;
    }
    fputs("<p>Per target, implementation, format and function, at the most threads measured and the largest "
          "size (every measurement is in bench.csv). Roofline: the fraction of the memory-bandwidth bound "
          "reached; vs: the throughput ratio to each peer.</p>\n",
          out);
    fputs("<table>\n<tr><th class=\"l\">target</th><th class=\"l\">implementation</th><th class=\"l\">type</th>"
          "<th class=\"l\">fn</th><th>threads</th><th>size (bytes)</th><th>Gelem/s median</th><th>min</th>"
          "<th>max</th><th>GB/s</th><th>roofline</th><th class=\"l\">vs peers</th></tr>\n",
          out);
    /* Representative rows: one per (target, impl, type, fn), in file order of first appearance. */
    size_t index;
    json_t *row;
    json_array_foreach(report->bench_rows, index, row) {
        const json_t *shown = report_bench_representative(report->bench_rows, string_of(row, "target"),
                                                          string_of(row, "impl"), string_of(row, "type"),
                                                          string_of(row, "fn"));
        if (shown != row)
            continue;
        const json_t *g = json_object_get(row, "gelem_per_s");
        fputs("<tr>", out);
        const char *keys[] = {"target", "impl", "type", "fn"};
        for (int k = 0; k < 4; k++) {
            fputs("<td class=\"l\">", out);
            html_text(out, string_of(row, keys[k]));
            fputs("</td>", out);
        }
        fprintf(out, "<td>%lld</td><td>%.4g</td><td>%.4g</td><td>%.4g</td><td>%.4g</td><td>%.4g</td>",
                (long long)json_integer_value(json_object_get(row, "threads")),
                report_number(json_object_get(row, "size_bytes")), report_number(json_object_get(g, "median")),
                report_number(json_object_get(g, "min")), report_number(json_object_get(g, "max")),
                report_number(json_object_get(row, "gb_per_s")));
        double fraction = report_number(json_object_get(row, "roofline_fraction"));
        if (isnan(fraction))
            fputs("<td>-</td>", out);
        else
            fprintf(out, "<td>%.1f%%</td>", 100 * fraction);
        fputs("<td class=\"l\">", out);
        const char *peer;
        json_t *ratio;
        int first = 1;
        json_object_foreach(json_object_get(row, "vs"), peer, ratio) {
            fputs(first ? "" : ", ", out);
            html_text(out, peer);
            fprintf(out, " &times;%.3g", report_number(ratio));
            first = 0;
        }
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n", out);
    html_notes(out, report, SECTION_BENCH);
    if (html_plots(out, report, dir, SECTION_BENCH, number, error, size) != 0)
        *failed = 1;
}

static void html_reduction(FILE *out, const struct report *report, const char *dir, int *number, char *error,
                           size_t size, int *failed)
{
    fputs("<h2 id=\"reduction\">Reduction</h2>\n", out);
    if (json_array_size(report->reduction_rows) == 0) {
        fputs("<p class=\"note\">No reduction file was given (from <span class=\"code\">scebench reduce -o</span>, "
              "schema scebench-reduction/1): no reduction section.</p>\n",
              out);
        return;
    }
    fputs("<p>The mean loss over n elements: relative error of the summation alone and end to end (loss "
          "evaluation included), in ulp as well, and throughput.</p>\n",
          out);
    if (html_plots(out, report, dir, SECTION_REDUCTION, number, error, size) != 0) {
        *failed = 1;
        return;
    }
    fputs("<table>\n<tr><th class=\"l\">strategy</th><th class=\"l\">type</th><th>n</th><th>rel. error "
          "(summation)</th><th>rel. error (end to end)</th><th>ulp (summation)</th><th>ulp (end to end)</th>"
          "<th>overflow</th><th>Gelem/s</th></tr>\n",
          out);
    size_t index;
    json_t *row;
    json_array_foreach(report->reduction_rows, index, row) {
        fputs("<tr><td class=\"l\">", out);
        html_text(out, string_of(row, "strategy"));
        fputs("</td><td class=\"l\">", out);
        html_text(out, string_of(row, "type"));
        fprintf(out, "</td><td>%.6g</td>", report_number(json_object_get(row, "n")));
        const char *keys[] = {"rel_error_summation", "rel_error_end_to_end", "ulp_summation", "ulp_end_to_end",
                              "overflow", "gelem_per_s"};
        for (int k = 0; k < 6; k++) {
            json_t *value = json_object_get(row, keys[k]);
            if (json_is_boolean(value))
                fprintf(out, "<td>%s</td>", json_is_true(value) ? "yes" : "no");
            else if (value)
                fprintf(out, "<td>%.4g</td>", report_number(value));
            else
                fputs("<td>-</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
}

static void html_implementations(FILE *out, const struct report *report)
{
    fputs("<h2 id=\"implementations\">Implementations</h2>\n", out);
    fputs("<table>\n<tr><th class=\"l\">name</th><th class=\"l\">family</th><th class=\"l\">loss</th>"
          "<th class=\"l\">gradient</th><th class=\"l\">origin</th><th class=\"l\">weaknesses</th>"
          "<th class=\"l\">contract</th></tr>\n",
          out);
    for (size_t i = 0; i < implementation_count; i++) {
        const struct implementation *impl = implementations[i];
        int present = 0;
        for (size_t r = 0; r < report->row_count; r++)
            present |= !strcmp(report->rows[r].impl, impl->name);
        if (!present)
            continue;
        char contract[512];
        implementation_contract_text(impl, contract, sizeof contract);
        const char *fields[] = {impl->name, impl->family, impl->formula, impl->gradient,
                                impl->origin, impl->weaknesses, contract};
        fputs("<tr>", out);
        for (int f = 0; f < 7; f++) {
            fprintf(out, "<td class=\"l%s\">", f == 2 || f == 3 ? " code" : "");
            html_text(out, fields[f]);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
    int peers = 0;
    for (size_t r = 0; r < report->row_count; r++)
        peers |= report->rows[r].peer;
    if (!peers)
        return;
    fputs("<h3>Measured peers</h3>\n<p>Frameworks run outside scebench on its inputs; their outputs scored "
          "against the same references (<span class=\"code\">scebench score</span>, scripts/peers/). The name "
          "carries the framework and its version.</p>\n<table>\n<tr><th class=\"l\">name</th><th class=\"l\">"
          "formats and functions</th><th class=\"l\">description</th></tr>\n",
          out);
    for (size_t r = 0; r < report->row_count; r++) {
        const struct report_row *row = &report->rows[r];
        if (!row->peer || (r > 0 && !strcmp(report->rows[r - 1].impl, row->impl)))
            continue;
        fputs("<tr><td class=\"l\">", out);
        html_text(out, row->impl);
        fputs("</td><td class=\"l\">", out);
        const char *description = NULL;
        for (size_t s = r; s < report->row_count && !strcmp(report->rows[s].impl, row->impl); s++) {
            fprintf(out, "%s", s > r ? ", " : "");
            html_text(out, report->rows[s].type);
            fputs(" ", out);
            html_text(out, report->rows[s].fn);
            for (size_t i = 0; i < report->rows[s].run_count && !description; i++) {
                const char *keys[] = {"description", "peer", "source"};
                for (int k = 0; k < 3 && !description; k++)
                    description = json_string_value(json_object_get(report->rows[s].runs[i], keys[k]));
            }
        }
        fputs("</td><td class=\"l\">", out);
        html_text(out, description ? description : "-");
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n", out);
}

static int write_html(const struct report *report, const char *dir, const char *generated, char *error,
                      size_t size)
{
    FILE *out = open_in(dir, "index.html", error, size);
    if (!out)
        return -1;
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>scebench report</title>\n<style>\n%s</style>\n</head>\n<body>\n",
            style);
    fputs("<h1>scebench report</h1>\n<p>Accuracy of the sigmoid cross-entropy with logits loss "
          "l(x,z) = max(x,0) - xz + log1p(exp(-|x|)) and its gradient s(x) - z, per implementation and format, "
          "against correctly rounded MPFR references; error in ulp of the exact value.</p>\n",
          out);
    fputs("<nav><ul>", out);
    const char *toc[][2] = {{"glance", "At a glance"},
                            {"accuracy", "Accuracy"},
                            {"profiles", "Error against x"},
                            {"heatmaps", "Error over (x, z)"},
                            {"histograms", "Error histograms"},
                            {"throughput", "Throughput"},
                            {"reduction", "Reduction"},
                            {"implementations", "Implementations"},
                            {"provenance", "Provenance"}};
    for (size_t i = 0; i < sizeof toc / sizeof toc[0]; i++)
        fprintf(out, "<li><a href=\"#%s\">%s</a></li>", toc[i][0], toc[i][1]);
    fputs("</ul></nav>\n", out);
    html_glance(out, report);
    html_accuracy(out, report);
    int number = 0, failed = 0;
    const char *intro[] = {
        "The largest error in each bin of x at fixed z, per implementation (x on a symmetric logarithmic "
        "scale, the error on a logarithmic one; an infinite error is drawn on the line marked inf, an error of "
        "0 on the bottom line). Dashed: 0.5 ulp, correct rounding.",
        "The largest error in each cell of (x, z) over the random-target points.",
        "The share of points in each error bucket, per implementation (logarithmic scale)."};
    for (int s = SECTION_PROFILE; s <= SECTION_HISTOGRAM && !failed; s++) {
        fprintf(out, "<h2 id=\"%s\">%s</h2>\n<p>%s</p>\n", section_id[s], section_title[s], intro[s]);
        html_notes(out, report, (enum report_section)s);
        if (html_plots(out, report, dir, (enum report_section)s, &number, error, size) != 0)
            failed = 1;
    }
    if (!failed)
        html_bench(out, report, dir, &number, error, size, &failed);
    if (!failed)
        html_reduction(out, report, dir, &number, error, size, &failed);
    if (!failed) {
        html_implementations(out, report);
        html_provenance(out, report, generated);
        fputs("<footer>Written by scebench " SCEBENCH_VERSION " (git " SCEBENCH_GIT_REVISION "). Plots drawn by "
              "gnuplot; data, scripts, SVG and PNG files in plots/; tables as CSV beside this page.</footer>\n",
              out);
    }
    fputs("</body>\n</html>\n", out);
    if (close_file(out, "index.html", error, size) != 0 || failed)
        return -1;
    return 0;
}

/* ---- Markdown ---- */

static void md_plots(FILE *out, const struct report *report, enum report_section section)
{
    size_t index;
    json_t *note;
    json_array_foreach(report->notes[section], index, note) {
        fputs("> ", out);
        md_text(out, json_string_value(note));
        fputs("\n\n", out);
    }
    const char *current = NULL;
    for (size_t p = 0; p < report->plot_count; p++) {
        const struct report_plot *plot = &report->plots[p];
        if (plot->section != section)
            continue;
        if (!current || strcmp(current, plot->group)) {
            fprintf(out, "### %s\n\n", plot->group);
            current = plot->group;
        }
        fprintf(out, "![");
        md_text(out, plot->caption);
        fprintf(out, "](plots/%s.svg)\n\n", plot->name);
    }
}

static int write_markdown(const struct report *report, const char *dir, const char *generated, char *error,
                          size_t size)
{
    FILE *out = open_in(dir, "report.md", error, size);
    if (!out)
        return -1;
    fputs("# scebench report\n\n", out);
    fprintf(out, "Written by scebench %s (git %s), %s UTC: `%s`.\n\n", SCEBENCH_VERSION, SCEBENCH_GIT_REVISION,
            generated, report->command_line);
    for (size_t i = 0; i < report->results_count; i++) {
        const json_t *document = report->results[i].document;
        const json_t *tool = json_object_get(document, "tool"), *host = json_object_get(document, "host");
        fprintf(out, "- results `%s`: %s %s (git %s), `%s`; host: ", report->results[i].path,
                string_of(tool, "name"), string_of(tool, "version"), string_of(tool, "git_revision"),
                string_of(document, "command"));
        char *text = value_text(host ? host : json_null());
        md_text(out, text);
        free(text);
        fputs("\n", out);
    }
    for (size_t i = 0; i < report->bench_count; i++) {
        fprintf(out, "- bench `%s`; host: ", report->benches[i].path);
        json_t *host = json_object_get(report->benches[i].document, "host");
        char *text = value_text(host ? host : json_null());
        md_text(out, text);
        free(text);
        fputs("\n", out);
    }
    for (size_t i = 0; i < report->reduction_count; i++)
        fprintf(out, "- reduction `%s`\n", report->reductions[i].path);
    fputs("\n## Accuracy\n\nMerged over target sets (per target set: accuracy_by_targets.csv). Histogram: counts "
          "in the buckets 0 / <=0.5 / <=1 / <=2 / <=4 / <=16 / <=2^10 / <=2^20 / >2^20.\n\n",
          out);
    fputs("| implementation | type | mode | fn | points | max ulp | mean ulp | histogram | overflow | nan | "
          "inf-mismatch | flush | sign | contract | worst x | worst z |\n",
          out);
    fputs("|---|---|---|---|--:|--:|--:|---|--:|--:|--:|--:|--:|---|---|---|\n", out);
    for (size_t r = 0; r < report->row_count; r++) {
        const struct report_row *row = &report->rows[r];
        const struct report_stats *s = &row->stats;
        char max[32], mean[32];
        fputs("| ", out);
        md_text(out, row->impl);
        fprintf(out, "%s | %s | %s | %s | %llu | %s | %s | ", row->peer ? " (peer)" : "", row->type, row->mode,
                row->fn, (unsigned long long)s->points, report_format_ulp(s->max_ulp, max, sizeof max),
                report_format_ulp(mean_of(s), mean, sizeof mean));
        for (int b = 0; b < BUCKET_COUNT; b++)
            fprintf(out, "%s%llu", b ? "/" : "", (unsigned long long)s->histogram[b]);
        fprintf(out, " | %llu | %llu | %llu | %llu | %llu | %s | ", (unsigned long long)s->classes[OUTCOME_OVERFLOW],
                (unsigned long long)s->classes[OUTCOME_NAN], (unsigned long long)s->classes[OUTCOME_INF_MISMATCH],
                (unsigned long long)s->classes[OUTCOME_FLUSH], (unsigned long long)s->classes[OUTCOME_SIGN],
                contract_status(s));
        if (s->worst)
            fprintf(out, "`%s` | `%s` |\n", string_of(s->worst, "x"), string_of(s->worst, "z"));
        else
            fputs("- | - |\n", out);
    }
    fputs("\n## Error against x\n\n", out);
    md_plots(out, report, SECTION_PROFILE);
    fputs("## Error over (x, z)\n\n", out);
    md_plots(out, report, SECTION_HEATMAP);
    fputs("## Error histograms\n\n", out);
    md_plots(out, report, SECTION_HISTOGRAM);
    fputs("## Throughput\n\n", out);
    if (json_array_size(report->bench_rows) == 0) {
        fputs("No bench file was given: no throughput section.\n\n", out);
    } else {
        fputs("At the most threads and the largest size (all measurements: bench.csv).\n\n| target | "
              "implementation | type | fn | threads | Gelem/s median | min | max | GB/s | roofline |\n"
              "|---|---|---|---|--:|--:|--:|--:|--:|--:|\n",
              out);
        size_t index;
        json_t *row;
        json_array_foreach(report->bench_rows, index, row) {
            if (report_bench_representative(report->bench_rows, string_of(row, "target"), string_of(row, "impl"),
                                            string_of(row, "type"), string_of(row, "fn")) != row)
                continue;
            const json_t *g = json_object_get(row, "gelem_per_s");
            fputs("| ", out);
            md_text(out, string_of(row, "target"));
            fputs(" | ", out);
            md_text(out, string_of(row, "impl"));
            fprintf(out, " | %s | %s | %lld | %.4g | %.4g | %.4g | %.4g | %.1f%% |\n", string_of(row, "type"),
                    string_of(row, "fn"), (long long)json_integer_value(json_object_get(row, "threads")),
                    report_number(json_object_get(g, "median")), report_number(json_object_get(g, "min")),
                    report_number(json_object_get(g, "max")), report_number(json_object_get(row, "gb_per_s")),
                    100 * report_number(json_object_get(row, "roofline_fraction")));
        }
        fputs("\n", out);
        md_plots(out, report, SECTION_BENCH);
    }
    fputs("## Reduction\n\n", out);
    if (json_array_size(report->reduction_rows) == 0)
        fputs("No reduction file was given: no reduction section.\n\n", out);
    else {
        fputs("Every measurement: reduction.csv.\n\n", out);
        md_plots(out, report, SECTION_REDUCTION);
    }
    fputs("## Implementations\n\n| name | family | loss | gradient | origin | contract |\n|---|---|---|---|---|---|\n",
          out);
    for (size_t i = 0; i < implementation_count; i++) {
        const struct implementation *impl = implementations[i];
        char contract[512];
        implementation_contract_text(impl, contract, sizeof contract);
        const char *fields[] = {impl->name, impl->family, impl->formula, impl->gradient, impl->origin, contract};
        for (int f = 0; f < 6; f++) {
            fputs("| ", out);
            md_text(out, fields[f]);
            fputc(' ', out);
        }
        fputs("|\n", out);
    }
    fputs("\nWeaknesses of each: implementations.csv and `scebench list`.\n", out);
    return close_file(out, "report.md", error, size);
}

int report_write_documents(const struct report *report, const char *dir, char *error, size_t size)
{
    char generated[64];
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    strftime(generated, sizeof generated, "%Y-%m-%d %H:%M:%S", &utc);
    if (write_csv(report, dir, error, size) != 0 || write_markdown(report, dir, generated, error, size) != 0 ||
        write_html(report, dir, generated, error, size) != 0)
        return -1;
    return 0;
}

/* ---- the output directory, atomically ---- */

static char pending_directory[4200];

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *walk)
{
    (void)info;
    (void)flag;
    (void)walk;
    remove(path);
    return 0;
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void remove_pending(void)
{
    if (pending_directory[0]) {
        remove_tree(pending_directory);
        pending_directory[0] = '\0';
    }
}

static void interrupted(int signal_number)
{
    remove_pending();
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

static int is_report(const char *dir)
{
    char marker[4200];
    snprintf(marker, sizeof marker, "%s/%s", dir, MARKER);
    return access(marker, F_OK) == 0;
}

static int directory_is_empty(const char *dir)
{
    DIR *listing = opendir(dir);
    if (!listing)
        return 0;
    int empty = 1;
    struct dirent *entry;
    while (empty && (entry = readdir(listing)))
        empty = !strcmp(entry->d_name, ".") || !strcmp(entry->d_name, "..");
    closedir(listing);
    return empty;
}

static int check_plots(const struct report *report, const char *dir, char *error, size_t size)
{
    for (size_t p = 0; p < report->plot_count; p++) {
        const char *kinds[] = {"svg", "png"};
        for (int k = 0; k < 2; k++) {
            char path[8400];
            struct stat info;
            snprintf(path, sizeof path, "%s/plots/%s.%s", dir, report->plots[p].name, kinds[k]);
            if (stat(path, &info) != 0 || info.st_size == 0) {
                snprintf(error, size, "gnuplot wrote no plots/%s.%s", report->plots[p].name, kinds[k]);
                return -1;
            }
        }
    }
    return 0;
}

int report_generate(const char *const *paths, size_t path_count, const char *output_dir, const char *command_line,
                    char *error, size_t size)
{
    struct report report;
    if (report_load(&report, paths, path_count, error, size) != 0) {
        report_free(&report);
        return 2;
    }
    report.command_line = command_line;
    const char *gnuplot = report_find_gnuplot();
    if (!gnuplot) {
        snprintf(error, size, "gnuplot not found on PATH: the report draws its plots with it (Debian: apt-get "
                              "install gnuplot-nox; scripts/setup installs it)");
        report_free(&report);
        return 2;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", output_dir);
    size_t length = strlen(dir);
    while (length > 1 && dir[length - 1] == '/')
        dir[--length] = '\0';
    struct stat info;
    int exists = stat(dir, &info) == 0;
    if (exists && !S_ISDIR(info.st_mode)) {
        snprintf(error, size, "-o: '%s' exists and is not a directory", dir);
        report_free(&report);
        return 2;
    }
    if (exists && !is_report(dir) && !directory_is_empty(dir)) {
        snprintf(error, size,
                 "-o: '%s' is a directory that is neither empty nor an earlier scebench report (it has no %s): "
                 "not replacing it",
                 dir, MARKER);
        report_free(&report);
        return 2;
    }
    snprintf(pending_directory, sizeof pending_directory, "%s.tmp-XXXXXX", dir);
    if (!mkdtemp(pending_directory)) {
        snprintf(error, size, "-o: cannot create a directory beside '%s': %s", dir, strerror(errno));
        pending_directory[0] = '\0';
        report_free(&report);
        return 2;
    }
    chmod(pending_directory, 0755);
    atexit(remove_pending);
    signal(SIGINT, interrupted);
    signal(SIGTERM, interrupted);
    signal(SIGHUP, interrupted);
    int status = 0;
    char marker[8400];
    snprintf(marker, sizeof marker, "%s/%s", pending_directory, MARKER);
    FILE *file = fopen(marker, "w");
    if (!file || fputs("scebench report\n", file) < 0 || fclose(file) != 0) {
        snprintf(error, size, "cannot write '%s': %s", marker, strerror(errno));
        status = 2;
    }
    if (status == 0 && report_prepare_plots(&report, pending_directory, error, size) != 0)
        status = 2;
    if (status == 0 && report_run_gnuplot(gnuplot, pending_directory, error, size) != 0)
        status = 1;
    if (status == 0 && check_plots(&report, pending_directory, error, size) != 0)
        status = 1;
    if (status == 0 && report_write_documents(&report, pending_directory, error, size) != 0)
        status = 2;
    if (status == 0) {
        char old[4200] = "";
        if (exists && !is_report(dir) && rmdir(dir) != 0) {
            snprintf(error, size, "-o: cannot replace the empty directory '%s': %s", dir, strerror(errno));
            status = 2;
        } else if (exists && is_report(dir)) {
            snprintf(old, sizeof old, "%s.old-XXXXXX", dir);
            if (!mkdtemp(old) || rename(dir, old) != 0) {
                snprintf(error, size, "-o: cannot move the earlier report '%s' aside: %s", dir, strerror(errno));
                if (old[0])
                    rmdir(old);
                status = 2;
            }
        }
        if (status == 0 && rename(pending_directory, dir) != 0) {
            snprintf(error, size, "-o: cannot rename '%s' to '%s': %s", pending_directory, dir, strerror(errno));
            if (old[0])
                rename(old, dir);
            status = 2;
        }
        if (status == 0) {
            pending_directory[0] = '\0';
            if (old[0])
                remove_tree(old);
        }
    }
    remove_pending();
    report_free(&report);
    return status;
}
