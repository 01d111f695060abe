/* The report writer: `scebench report RESULTS.json [BENCH.json ...] [REDUCTION.json] -o DIR`.
 *
 * Inputs are told apart by their "schema": scebench-results/N (sweep results, and scored
 * peer outputs; several are merged), a bench file (scebench-bench/N, or a "results" list
 * with "gelem_per_s"), scebench-reduction/N.  Everything is read and checked before any
 * output is written.
 *
 * Output (DIR):
 *   index.html                one self-contained page: CSS inline, every plot an inline SVG,
 *                             no script, no external URL
 *   report.md                 the same tables in Markdown, plots as plots/NAME.svg
 *   accuracy.csv              implementation x format x mode x function, over all target sets
 *   accuracy_by_targets.csv   the same per target set
 *   implementations.csv       formula, gradient, origin, weaknesses, contract
 *   bench.csv, reduction.csv  when such inputs are given
 *   plots/NAME.svg, NAME.png  drawn by gnuplot from plots/NAME.dat and plots/NAME.gp,
 *                             driven by plots/plots.gp (kept, so a plot can be redrawn)
 *   .scebench-report          a marker: a directory holding it may be replaced by a new report
 *
 * Atomicity: everything is written into DIR.tmp-XXXXXX beside DIR; when complete, an existing
 * DIR (only an empty directory or an earlier report, told by its marker) is renamed aside,
 * the new one renamed into place and the old one removed.  On any failure or interruption
 * the temporary directory is removed and DIR is left as it was. */
#ifndef SCEBENCH_REPORT_H
#define SCEBENCH_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "accumulator.h"
#include "metric.h"

#define REPORT_ERROR_SIZE 1024

/* The accuracy numbers of one run, or of several merged. */
struct report_stats {
    uint64_t points;
    uint64_t finite_points; /* points whose error is finite: the mean is over these */
    double max_ulp;         /* over the finite points; +inf only if a file says "inf" */
    double error_sum;       /* mean_ulp * finite_points, summed */
    uint64_t histogram[BUCKET_COUNT];
    uint64_t classes[OUTCOME_COUNT];
    double contract;        /* 0: none claimed */
    int contract_holds;
    json_t *worst;          /* the worst case of the run with the largest max_ulp (borrowed) */
};

/* One row of the accuracy table: implementation x format x mode x function. */
struct report_row {
    const char *impl, *type, *mode, *fn;
    int impl_rank, type_rank, mode_rank, fn_rank;
    int peer;               /* not in the registry: a measured peer */
    struct report_stats stats;
    json_t **runs;          /* the runs merged, one per target set (borrowed) */
    size_t run_count;
};

enum report_section {
    SECTION_PROFILE,
    SECTION_HEATMAP,
    SECTION_HISTOGRAM,
    SECTION_BENCH,
    SECTION_REDUCTION,
    SECTION_COUNT
};

struct report_plot {
    char name[96];
    char title[160];        /* drawn above the plot */
    char caption[512];      /* under it in the page: what it shows and how to read it */
    char group[64];         /* the heading it stands under */
    enum report_section section;
    int width, height;
};

struct report_input {
    const char *path;
    json_t *document;
};

struct report {
    struct report_input *results, *benches, *reductions;
    size_t results_count, bench_count, reduction_count;
    struct report_row *rows;
    size_t row_count;
    json_t *bench_rows;     /* every bench result, all files (array, owned) */
    json_t *reduction_rows; /* every reduction result, all files (array, owned) */
    struct report_plot *plots;
    size_t plot_count, plot_capacity;
    json_t *notes[SECTION_COUNT]; /* arrays of strings: why a plot is missing */
    const char *command_line;
};

/* Reads and checks the input files, merges the runs into rows.  Returns 0, or -1 with a
 * one-line reason ("FILE: ...") in error. */
int report_load(struct report *report, const char *const *paths, size_t path_count, char *error,
                size_t error_size);
void report_free(struct report *report);

/* Writes the data files and gnuplot scripts of every plot into directory dir (its plots/
 * subdirectory), adding them to report->plots, and notes where data is missing. */
int report_prepare_plots(struct report *report, const char *dir, char *error, size_t error_size);

/* The gnuplot executable on PATH (or NULL): the report needs it. */
const char *report_find_gnuplot(void);

/* Runs gnuplot on dir/plots/plots.gp.  Returns 0, or -1 with the reason (its last message). */
int report_run_gnuplot(const char *gnuplot, const char *dir, char *error, size_t error_size);

/* index.html, report.md and the CSV files into dir (after the plots are drawn: the HTML
 * inlines the SVG files). */
int report_write_documents(const struct report *report, const char *dir, char *error, size_t error_size);

/* The whole report into output_dir, atomically (above).  Returns 0; 2 for bad input or an
 * unwritable or foreign output directory, or missing gnuplot; 1 when gnuplot fails. */
int report_generate(const char *const *paths, size_t path_count, const char *output_dir,
                    const char *command_line, char *error, size_t error_size);

/* Helpers shared by the writer's files. */
/* The bench row shown for (target, impl, type, fn): the most threads, then the largest size. */
const json_t *report_bench_representative(const json_t *rows, const char *target, const char *impl,
                                          const char *type, const char *fn);
const char *report_format_ulp(double value, char *text, size_t size); /* "0.5000", "1.68e+07", "inf" */
void report_add_note(struct report *report, enum report_section section, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
double report_number(const json_t *value); /* a number, or "inf"/"-inf"/"nan" strings; NaN otherwise */

#endif
