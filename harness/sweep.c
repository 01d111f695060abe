#define _POSIX_C_SOURCE 200809L
#include "sweep.h"
#include "cli.h"

#include <math.h>
#include <omp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkpoint.h"
#include "fast_reference.h"
#include "parallel.h"

#define BLOCK_POINTS 2048
/* Blocks are handed out in epochs, each ended by a barrier where progress and checkpoints are
 * written.  An epoch's length adapts to stay near EPOCH_SECONDS: long enough that the wait for
 * the slowest thread at its barrier (up to one block) is a small share, short enough for a few
 * progress lines a second. */
#define EPOCH_SECONDS 0.15
enum { FIRST_EPOCH_BLOCKS_PER_THREAD = 16, MOST_EPOCH_BLOCKS_PER_THREAD = 1024 };

/* ---- Stages: where the points of one format and target set come from. ---- */

struct stage {
    enum format format;
    int targets;
    struct point_list list;      /* a listed suite, or ... */
    uint64_t x_low, x_high;      /* ... every bit pattern of x in [x_low, x_high) ... */
    double *z_values;            /* ... times each of these */
    size_t z_count;
    uint64_t points;
    size_t first_run, run_count;
};

/* CPU time of the calling thread: the split between kernels and harness is not disturbed by
 * other processes sharing the cores.  A system call (about 0.5 us here), so process_block reads
 * it at a block's start and end only, and splits the block's time between kernels, fast tier
 * and harness by the monotonic clock (vDSO, about 20 ns) read around each part. */
static double thread_seconds(void)
{
    struct timespec time;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
    return (double)time.tv_sec + 1e-9 * (double)time.tv_nsec;
}

const char *target_kind_name(int targets)
{
    if (targets == TARGETS_EVERY)
        return "every";
    if (targets == TARGETS_GIVEN)
        return "given";
    return target_set_name[targets];
}

const char *sweep_suite_name(int suite)
{
    static const char *const listed[] = {"extreme", "random", "quick"};
    if (suite == SUITE_EXHAUSTIVE)
        return "exhaustive";
    if (suite == SUITE_WORST)
        return "worst";
    return listed[suite];
}

static int format_bits_width(enum format format)
{
    return format == FORMAT_F64 ? 64 : format == FORMAT_F32 ? 32 : 16;
}

static double value_from_bits(enum format format, uint64_t bits)
{
    if (format == FORMAT_F32) {
        uint32_t narrow = (uint32_t)bits;
        float value;
        memcpy(&value, &narrow, sizeof value);
        return value;
    }
    return format == FORMAT_F16 ? f16_to_double((uint16_t)bits) : bf16_to_double((uint16_t)bits);
}

/* Every z in [0,1] of a 16-bit format: the patterns from +0 up to 1.0. */
static size_t every_target(enum format format, double **values)
{
    uint16_t one = format == FORMAT_F16 ? 0x3c00 : 0x3f80;
    *values = allocate_or_exit((size_t)one + 1, sizeof **values);
    for (uint32_t bits = 0; bits <= one; bits++)
        (*values)[bits] = value_from_bits(format, bits);
    return (size_t)one + 1;
}

/* The z list of an exhaustive stage; returns its length, or 0 when the set does not apply. */
static size_t exhaustive_targets(const struct sweep_request *request, enum format format, int targets,
                                 double **values)
{
    if (targets == TARGETS_EVERY)
        return format == FORMAT_F32 ? 0 : every_target(format, values);
    if (targets == TARGETS_GIVEN) {
        *values = allocate_or_exit((size_t)request->given_target_count, sizeof **values);
        for (int i = 0; i < request->given_target_count; i++)
            (*values)[i] = round_to_format(format, request->given_targets[i]);
        return (size_t)request->given_target_count;
    }
    if (targets != TARGETS_HARD)
        return 0;
    *values = allocate_or_exit(2, sizeof **values);
    (*values)[0] = 0.0;
    (*values)[1] = 1.0;
    return 2;
}

static int build_stage(const struct sweep_request *request, enum format format, int targets, struct stage *stage)
{
    *stage = (struct stage){.format = format, .targets = targets};
    if (request->suite == SUITE_EXHAUSTIVE) {
        stage->z_count = exhaustive_targets(request, format, targets, &stage->z_values);
        if (stage->z_count == 0)
            return -1;
        uint64_t patterns = (uint64_t)1 << format_bits_width(format);
        stage->x_low = request->has_range ? request->range_low : 0;
        stage->x_high = request->has_range && request->range_high < patterns ? request->range_high : patterns;
        if (stage->x_high < stage->x_low)
            stage->x_high = stage->x_low;
        stage->points = (stage->x_high - stage->x_low) * stage->z_count;
        return 0;
    }
    if (suite_points(request->suite, format, (enum target_set)targets, request->seed, request->random_count,
                     &stage->list) != 0)
        return -1;
    stage->points = stage->list.count;
    return 0;
}

static void fill_block(const struct stage *stage, uint64_t begin, size_t n, double *x, double *z)
{
    if (stage->z_values) {
        uint64_t bits = stage->x_low + begin / stage->z_count;
        size_t slot = (size_t)(begin % stage->z_count);
        double value = value_from_bits(stage->format, bits);
        for (size_t i = 0; i < n; i++) {
            x[i] = value;
            z[i] = stage->z_values[slot];
            if (++slot == stage->z_count) {
                slot = 0;
                value = value_from_bits(stage->format, ++bits);
            }
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        x[i] = stage->list.points[begin + i].x;
        z[i] = stage->list.points[begin + i].z;
    }
}

/* ---- Profiles. ---- */

/* Eighths of a binade: 2^e (1 + j/8) <= |x| < 2^e (1 + (j+1)/8), e from -8 to 10. */
static int profile_bin(double x)
{
    if (isnan(x))
        return -1;
    double magnitude = fabs(x);
    if (magnitude < 0x1p-8)
        return PROFILE_BINS / 2;
    int k = 151;
    if (magnitude < 0x1p11) {
        uint64_t bits = double_bits(magnitude);
        int exponent = (int)((bits >> 52) & 0x7ff) - 1023;
        k = (exponent + 8) * 8 + (int)((bits >> 49) & 7);
    }
    return x > 0 ? PROFILE_BINS / 2 + 1 + k : PROFILE_BINS / 2 - 1 - k;
}

void profile_bin_edges(int bin, double *low, double *high)
{
    int centre = PROFILE_BINS / 2;
    if (bin == centre) {
        *low = -0x1p-8;
        *high = 0x1p-8;
        return;
    }
    int k = bin > centre ? bin - centre - 1 : centre - 1 - bin;
    double a = ldexp(1.0 + (k % 8) / 8.0, k / 8 - 8), b = ldexp(1.0 + (k % 8 + 1) / 8.0, k / 8 - 8);
    if (k == 151)
        b = INFINITY;
    *low = bin > centre ? a : -b;
    *high = bin > centre ? b : -a;
}

/* Half binades: 2^e and 1.5 * 2^e, e from -8 to 10. */
static int heatmap_x_bin(double x)
{
    if (isnan(x))
        return -1;
    double magnitude = fabs(x);
    int centre = HEATMAP_X_BINS / 2;
    if (magnitude < 0x1p-8)
        return centre;
    int k = 37;
    if (magnitude < 0x1p11) {
        uint64_t bits = double_bits(magnitude);
        k = ((int)((bits >> 52) & 0x7ff) - 1023 + 8) * 2 + (int)((bits >> 51) & 1);
    }
    return x > 0 ? centre + 1 + k : centre - 1 - k;
}

void heatmap_bin_edges(int bin, double *low, double *high)
{
    int centre = HEATMAP_X_BINS / 2;
    if (bin == centre) {
        *low = -0x1p-8;
        *high = 0x1p-8;
        return;
    }
    int k = bin > centre ? bin - centre - 1 : centre - 1 - bin;
    double a = ldexp(1.0 + (k % 2) / 2.0, k / 2 - 8), b = ldexp(1.0 + (k % 2 + 1) / 2.0, k / 2 - 8);
    if (k == 37)
        b = INFINITY;
    *low = bin > centre ? a : -b;
    *high = bin > centre ? b : -a;
}


static void profile_merge(struct run_profile *into, const struct run_profile *from)
{
    size_t cells = sizeof into->cells / sizeof(struct profile_cell);
    struct profile_cell *a = (struct profile_cell *)&into->cells, *b = (struct profile_cell *)&from->cells;
    for (size_t i = 0; i < cells; i++) {
        a[i].points += b[i].points;
        a[i].failures += b[i].failures;
        if (b[i].max_ulp > a[i].max_ulp)
            a[i].max_ulp = b[i].max_ulp;
    }
}

static void profile_init(struct run_profile *profile, const struct stage *stage)
{
    memset(profile, 0, sizeof *profile);
    if (!stage->z_values || stage->z_count > PROFILE_TARGETS) {
        profile->kind = stage->targets == TARGETS_RANDOM || stage->targets == TARGETS_EVERY ? 2 : 0;
        if (stage->targets != TARGETS_RANDOM && stage->targets != TARGETS_EVERY && stage->list.points) {
            /* listed hard and soft sets: one row per distinct target */
            profile->kind = 1;
            for (size_t i = 0; i < stage->list.count && profile->kind == 1; i++) {
                double z = stage->list.points[i].z;
                int known = 0;
                for (int t = 0; t < profile->target_count; t++)
                    known = known || double_bits(profile->targets[t]) == double_bits(z);
                if (!known && profile->target_count == PROFILE_TARGETS)
                    profile->kind = 0;
                else if (!known)
                    profile->targets[profile->target_count++] = z;
            }
        }
        return;
    }
    profile->kind = 1;
    profile->target_count = (int)stage->z_count;
    memcpy(profile->targets, stage->z_values, stage->z_count * sizeof(double));
}

/* ---- Workers. ---- */

enum { MAX_GROUPS = 16, MASKED_GROUPS = 4 };

struct worker {
    struct accumulator *accumulators; /* one per run */
    struct run_profile *profiles;     /* one per run */
    double *x, *z;
    unsigned char *x_storage, *z_storage, *out;
    struct fast_values fast[FUNCTION_COUNT];
    struct exact_value *exact;
    unsigned char *exact_known;
    int *cells;
    int group_count; /* group_cells: -1 when the points fall in too many cells */
    int group_cell[MAX_GROUPS];
    size_t group_start[MAX_GROUPS + 1];
    uint32_t *group_points;
    unsigned char *group_masks; /* with at most MASKED_GROUPS groups: bit j of byte
                                   [g * BLOCK_POINTS / 8 + s] says point 8 s + j is in group g */
    int lanes_repeat;           /* every step's masks equal group_lanes (group_lanes found them) */
    unsigned char group_lanes[MASKED_GROUPS];
    double *got, *error;
    unsigned char *simple;
    uint32_t *rare_points;
    /* A block's kernels all run before any is measured, each into its own slice of `outputs`;
     * the runs are then measured in an order that puts equal outputs side by side (several
     * formulas share a gradient, and most agree where |x| is large), and a run whose output
     * and summary bars equal the run measured just before takes that run's summary, errors and
     * simple flags (last_*), all still in place, instead of computing them again. */
    unsigned char *outputs;
    uint64_t *output_hashes;
    size_t *measure_order;
    int have_last;
    enum function last_function;
    const unsigned char *last_output;
    struct fast_summary_bars last_bars;
    struct fast_block_summary last_summary;
    struct sweep_timing timing;
};

static void worker_init(struct worker *w, size_t run_count)
{
    memset(w, 0, sizeof *w);
    w->accumulators = allocate_or_exit(run_count, sizeof *w->accumulators);
    w->profiles = allocate_or_exit(run_count, sizeof *w->profiles);
    w->x = allocate_or_exit(BLOCK_POINTS, sizeof(double));
    w->z = allocate_or_exit(BLOCK_POINTS, sizeof(double));
    w->x_storage = allocate_or_exit(BLOCK_POINTS, 8);
    w->z_storage = allocate_or_exit(BLOCK_POINTS, 8);
    w->outputs = allocate_or_exit(run_count * BLOCK_POINTS, 8);
    w->output_hashes = allocate_or_exit(run_count, sizeof *w->output_hashes);
    w->measure_order = allocate_or_exit(run_count, sizeof *w->measure_order);
    for (int f = 0; f < FUNCTION_COUNT; f++)
        fast_values_allocate(&w->fast[f], BLOCK_POINTS);
    w->exact = allocate_or_exit((size_t)FUNCTION_COUNT * BLOCK_POINTS, sizeof *w->exact);
    w->exact_known = allocate_or_exit((size_t)FUNCTION_COUNT * BLOCK_POINTS, 1);
    w->cells = allocate_or_exit(BLOCK_POINTS, sizeof(int));
    w->group_points = allocate_or_exit(BLOCK_POINTS, sizeof(uint32_t));
    w->group_masks = allocate_or_exit((size_t)MASKED_GROUPS * BLOCK_POINTS / 8, 1);
    w->got = allocate_or_exit(BLOCK_POINTS, sizeof(double));
    w->error = allocate_or_exit(BLOCK_POINTS, sizeof(double));
    w->simple = allocate_or_exit(BLOCK_POINTS, 1);
    w->rare_points = allocate_or_exit(BLOCK_POINTS + 8, sizeof(uint32_t)); /* fast_measure_summary's room */
}

static void worker_free(struct worker *w)
{
    free(w->accumulators);
    free(w->profiles);
    free(w->x);
    free(w->z);
    free(w->x_storage);
    free(w->z_storage);
    free(w->outputs);
    free(w->output_hashes);
    free(w->measure_order);
    for (int f = 0; f < FUNCTION_COUNT; f++)
        fast_values_free(&w->fast[f]);
    free(w->exact);
    free(w->exact_known);
    free(w->cells);
    free(w->group_points);
    free(w->group_masks);
    free(w->rare_points);
    free(w->got);
    free(w->error);
    free(w->simple);
}

/* The MPFR reference of point i, computed once per block when first needed. */
static const struct exact_value *exact_of(struct worker *w, enum format format, enum function function, size_t i)
{
    size_t slot = (size_t)function * BLOCK_POINTS + i;
    if (!w->exact_known[slot]) {
        if (function == FUNCTION_LOSS)
            reference_loss(format, w->x[i], w->z[i], &w->exact[slot]);
        else
            reference_grad(format, w->x[i], w->z[i], &w->exact[slot]);
        w->exact_known[slot] = 1;
        w->timing.reference_fallbacks++;
    }
    return &w->exact[slot];
}

static void prepare_references(const struct sweep_request *request, const struct stage *stage, struct worker *w,
                               size_t n, int use_fast, double *fast_tier_seconds)
{
    memset(w->exact_known, 0, (size_t)FUNCTION_COUNT * BLOCK_POINTS);
    for (int f = 0; f < FUNCTION_COUNT; f++) {
        if (!request->functions[f])
            continue;
        w->timing.reference_values += n;
        if (!use_fast)
            continue;
        double start = monotonic_seconds();
        const struct fast_values *fast = &w->fast[f];
        fast_reference(stage->format, (enum function)f, n, w->x, w->z, fast);
        *fast_tier_seconds += monotonic_seconds() - start;
        w->timing.fast_tier_values += n;
        for (size_t i = 0; i < n; i++)
            if (!fast->decided[i])
                exact_of(w, stage->format, (enum function)f, i);
    }
}

/* The group of `cell` among the first *count, added as a new one when absent; -1 when absent
 * and *count has reached `limit`. */
static int group_for(struct worker *w, int *count, int cell, int limit)
{
    int g = 0;
    while (g < *count && w->group_cell[g] != cell)
        g++;
    if (g == *count) {
        if (*count == limit)
            return -1;
        w->group_cell[(*count)++] = cell;
    }
    return g;
}

/* The group of a cell that has one. */
static int group_of(const struct worker *w, int cell)
{
    int g = 0;
    while (w->group_cell[g] != cell)
        g++;
    return g;
}

/* The masks a step at a time in registers (a read-modify-write of the byte per point would
 * wait on its own store), the counts from them.  Masks that repeat every step were found
 * before, by group_lanes. */
static void mask_groups(struct worker *w, size_t n)
{
    int count = w->group_count;
    size_t counts[MASKED_GROUPS] = {0};
    for (size_t s = 0; s < (n + 7) / 8; s++) {
        unsigned bits[MASKED_GROUPS] = {0};
        size_t lanes = n - 8 * s < 8 ? n - 8 * s : 8;
        for (size_t j = 0; j < lanes; j++) {
            int cell = w->cells[8 * s + j];
            if (cell >= 0)
                bits[group_of(w, cell)] |= 1u << j;
        }
        for (int g = 0; g < count; g++) {
            w->group_masks[(size_t)g * BLOCK_POINTS / 8 + s] = (unsigned char)bits[g];
            counts[g] += (size_t)__builtin_popcount(bits[g]);
        }
    }
    w->group_start[0] = 0;
    for (int g = 0; g < count; g++)
        w->group_start[g + 1] = w->group_start[g] + counts[g];
}

static void list_groups(struct worker *w, size_t n)
{
    size_t next[MAX_GROUPS] = {0};
    for (size_t i = 0; i < n; i++)
        if (w->cells[i] >= 0)
            next[group_of(w, w->cells[i])]++;
    w->group_start[0] = 0;
    for (int g = 0; g < w->group_count; g++) {
        w->group_start[g + 1] = w->group_start[g] + next[g];
        next[g] = w->group_start[g];
    }
    for (size_t i = 0; i < n; i++)
        if (w->cells[i] >= 0)
            w->group_points[next[group_of(w, w->cells[i])]++] = (uint32_t)i;
}

/* The points of the block grouped by profile cell, when they fall in at most MAX_GROUPS cells
 * (the usual case: a block spans a few bins and targets): group g, in cell group_cell[g], has
 * group_start[g + 1] - group_start[g] points.  With at most MASKED_GROUPS groups, its points
 * are the set bits of its group_masks; when moreover every step of eight points has the same
 * mask (lanes_repeat; an exhaustive sweep's two hard labels alternate), those are its lanes,
 * group_lanes[g].  With more, they are group_points[group_start[g] .. group_start[g + 1] - 1].
 * Beyond MAX_GROUPS cells, group_count = -1 and the profile takes the points one by one. */
static void group_cells(struct worker *w, size_t n)
{
    w->lanes_repeat = 0;
    int count = 0, last = 0; /* consecutive points mostly share a cell or alternate between two */
    for (size_t i = 0; i < n; i++) {
        int cell = w->cells[i];
        if (cell < 0 || (count && w->group_cell[last] == cell))
            continue;
        last = group_for(w, &count, cell, MAX_GROUPS);
        if (last < 0) {
            w->group_count = -1;
            return;
        }
    }
    w->group_count = count;
    if (count <= MASKED_GROUPS)
        mask_groups(w, n);
    else
        list_groups(w, n);
}

/* A point's profile cell, -1 for none, from the bin of its x and its slot of z. */
static int cell_of(const struct run_profile *profile, int x_bin, double z)
{
    if (x_bin < 0)
        return -1;
    if (profile->kind == 1) {
        for (int t = 0; t < profile->target_count; t++)
            if (double_bits(profile->targets[t]) == double_bits(z))
                return t * PROFILE_BINS + x_bin;
        return -1;
    }
    int z_bin = z >= 1.0 ? HEATMAP_Z_BINS - 1 : z > 0.0 ? (int)(z * HEATMAP_Z_BINS) : 0;
    return x_bin * HEATMAP_Z_BINS + z_bin;
}

/* Groups whose points are the same lanes of every step, read off the first step: the usual
 * case, found by one comparison of the cells with themselves eight points on.  0 when they
 * are not, or more than MASKED_GROUPS. */
static int group_lanes(struct worker *w, size_t n)
{
    if (n < 8 || n % 8 != 0 || memcmp(w->cells, w->cells + 8, (n - 8) * sizeof *w->cells) != 0)
        return 0;
    int count = 0;
    unsigned char lanes[8] = {0};
    for (int j = 0; j < 8; j++) {
        if (w->cells[j] < 0)
            continue;
        int g = group_for(w, &count, w->cells[j], MASKED_GROUPS);
        if (g < 0)
            return 0;
        lanes[g] |= (unsigned char)(1u << j);
    }
    w->group_count = count;
    w->lanes_repeat = 1;
    w->group_start[0] = 0;
    for (int g = 0; g < count; g++) {
        w->group_lanes[g] = lanes[g];
        memset(w->group_masks + (size_t)g * BLOCK_POINTS / 8, lanes[g], n / 8);
        w->group_start[g + 1] = w->group_start[g] + (size_t)__builtin_popcount(lanes[g]) * (n / 8);
    }
    return 1;
}

static int x_bin_of(const struct run_profile *profile, double x)
{
    return profile->kind == 1 ? profile_bin(x) : heatmap_x_bin(x);
}

/* The profile cell of each point (-1: none), the same for every run of the stage, and their
 * groups.  In an exhaustive stage (z_period: its z count, 0 otherwise) x runs through
 * consecutive bit patterns and the z list repeats: when the block's first and last x share a
 * bin, every x is in it (a bin is an interval of one sign, or NaN), and the cells repeat with
 * the z list. */
static void prepare_cells(const struct run_profile *profile, struct worker *w, size_t n, size_t z_period)
{
    int bin = n && profile->kind ? x_bin_of(profile, w->x[0]) : -1;
    if (profile->kind == 0) {
        for (size_t i = 0; i < n; i++)
            w->cells[i] = -1;
    } else if (z_period && bin >= 0 && bin == x_bin_of(profile, w->x[n - 1])) {
        for (size_t i = 0; i < n; i++)
            w->cells[i] = i < z_period ? cell_of(profile, bin, w->z[i]) : w->cells[i - z_period];
    } else {
        /* Both kinds of bin depend on x only through its bits 63 to 49 (sign, exponent, three
         * fraction bits), NaN apart (exponent all ones), and consecutive x mostly share them. */
        uint64_t known_key = UINT64_MAX;
        for (size_t i = 0; i < n; i++) {
            uint64_t key = double_bits(w->x[i]) >> 49;
            if (key != known_key) {
                bin = x_bin_of(profile, w->x[i]);
                known_key = (key >> 3 & 0x7ff) == 0x7ff ? UINT64_MAX : key;
            }
            w->cells[i] = cell_of(profile, bin, w->z[i]);
        }
    }
    if (!group_lanes(w, n))
        group_cells(w, n);
}

static void cell_add(struct profile_cell *cell, double e)
{
    if (!(e <= 0x1.fffffffffffffp1023))
        cell->failures++;
    else if (e > cell->max_ulp)
        cell->max_ulp = e;
}

/* A group's largest finite error and count of failures: from the summary's lanes (the simple
 * points; measure_run adds the others point by point), under its mask, or from its list. */
static void group_errors(const struct worker *w, int g, size_t n, const struct fast_block_summary *lanes,
                         double *maximum, uint64_t *failures)
{
    *maximum = 0.0;
    *failures = 0;
    if (lanes) {
        for (int j = 0; j < 8; j++)
            if (w->group_lanes[g] >> j & 1) {
                *maximum = lanes->lane_maximum[j] > *maximum ? lanes->lane_maximum[j] : *maximum;
                *failures += lanes->lane_failures[j];
            }
    } else if (w->group_count <= MASKED_GROUPS) {
        fast_masked_maximum(n, w->error, w->group_masks + (size_t)g * BLOCK_POINTS / 8, maximum, failures);
    } else {
        for (size_t j = w->group_start[g]; j < w->group_start[g + 1]; j++) {
            double e = w->error[w->group_points[j]];
            int finite = e <= 0x1.fffffffffffffp1023;
            *failures += (uint64_t)!finite;
            *maximum = finite && e > *maximum ? e : *maximum;
        }
    }
}

/* The block's errors into the run's profile.  `lanes`: the summary of the simple points, when
 * the groups repeat every eight points and the other points went in one by one. */
static void profile_add(struct run_profile *profile, const struct worker *w, size_t n,
                        const struct fast_block_summary *lanes)
{
    struct profile_cell *cells = (struct profile_cell *)&profile->cells;
    if (w->group_count < 0) {
        for (size_t i = 0; i < n; i++) {
            if (w->cells[i] < 0)
                continue;
            cells[w->cells[i]].points++;
            cell_add(&cells[w->cells[i]], w->error[i]);
        }
        return;
    }
    for (int g = 0; g < w->group_count; g++) {
        double maximum;
        uint64_t failures;
        group_errors(w, g, n, lanes, &maximum, &failures);
        struct profile_cell *cell = &cells[w->group_cell[g]];
        cell->points += w->group_start[g + 1] - w->group_start[g];
        cell->failures += failures;
        if (maximum > cell->max_ulp)
            cell->max_ulp = maximum;
    }
}

/* The results of a kernel as doubles. */
static void load_results(enum format format, const void *out, size_t n, double *got)
{
    if (format == FORMAT_F32) {
        fast_widen_f32(n, out, got);
    } else if (format == FORMAT_F64) {
        memcpy(got, out, n * sizeof *got);
    } else {
        for (size_t i = 0; i < n; i++)
            got[i] = storage_load(format, out, i);
    }
}

/* One point the quick path left: fast_measure, or against MPFR. */
static struct measurement measure_point(struct worker *w, enum format format, enum function function, size_t i,
                                        int use_fast, double *exact_rounded)
{
    const struct fast_values *fast = &w->fast[function];
    struct measurement m;
    if (use_fast && fast_measure(fast, i, w->got[i], &m)) {
        *exact_rounded = fast->rounded[i];
        return m;
    }
    if (use_fast)
        w->timing.metric_fallbacks++;
    const struct exact_value *exact = exact_of(w, format, function, i);
    *exact_rounded = exact->rounded;
    return measure(exact, w->got[i]);
}

/* Whether the run about to be measured repeats the last one measured in this block: the same
 * function, the same output bits and the same bars (fast_measure_summary's only other inputs
 * are the block's points and references, shared). */
static int repeats_last(const struct worker *w, enum function function, const unsigned char *output, size_t bytes,
                        const struct fast_summary_bars *bars)
{
    return w->have_last && w->last_function == function && memcmp(&w->last_bars, bars, sizeof *bars) == 0 &&
           memcmp(w->last_output, output, bytes) == 0;
}

static void measure_run(const struct sweep_run *run, size_t run_index, struct worker *w, size_t n, int use_fast,
                        const unsigned char *output)
{
    enum format format = run->format;
    enum function function = run->function;
    struct accumulator *accumulator = &w->accumulators[run_index];
    struct run_profile *profile = &w->profiles[run_index];
    struct fast_block_summary summary = {.rare_points = w->rare_points};
    int by_lanes = use_fast && w->lanes_repeat;
    if (use_fast) {
        const struct fast_values *fast = &w->fast[function];
        struct fast_summary_bars bars;
        accumulator_summary_bars(accumulator, &bars);
        size_t bytes = n * (size_t)format_info[format].storage_bytes;
        if (!repeats_last(w, function, output, bytes, &bars)) {
            load_results(format, output, n, w->got);
            fast_measure_summary(n, w->got, w->x, w->z, fast, &bars, w->error, w->simple, &summary);
            w->have_last = 1;
            w->last_function = function;
            w->last_output = output;
            w->last_bars = bars;
            w->last_summary = summary;
        } else {
            w->timing.repeated_values += n;
        }
        summary = w->last_summary;
        accumulator_add_summary(accumulator, w->error, &summary, w->x, w->z, w->got, fast->rounded);
    } else {
        load_results(format, output, n, w->got);
        memset(w->simple, 0, n);
    }
    /* the points the quick path left, one by one; error[] then holds every point's error */
    for (size_t i = 0; i < n; i++) {
        uint64_t eight;
        if (i % 8 == 0 && i + 8 <= n && (memcpy(&eight, w->simple + i, 8), eight == 0x0101010101010101u)) {
            i += 7; /* eight simple points */
            continue;
        }
        if (!w->simple[i]) {
            double exact_rounded;
            struct measurement m = measure_point(w, format, function, i, use_fast, &exact_rounded);
            accumulator_add(accumulator, w->x[i], w->z[i], w->got[i], exact_rounded, m);
            w->error[i] = m.ulp_error;
            if (by_lanes && w->cells[i] >= 0)
                cell_add(&((struct profile_cell *)&profile->cells)[w->cells[i]], m.ulp_error);
        }
    }
    profile_add(profile, w, n, by_lanes ? &summary : NULL);
    w->timing.measured_values += n;
}

static void store_inputs(enum format format, struct worker *w, size_t n)
{
    if (format == FORMAT_F32) {
        float *x = (float *)w->x_storage, *z = (float *)w->z_storage;
        for (size_t i = 0; i < n; i++) {
            x[i] = (float)w->x[i];
            z[i] = (float)w->z[i];
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        storage_store(format, w->x_storage, i, w->x[i]);
        storage_store(format, w->z_storage, i, w->z[i]);
    }
}

/* A key for grouping equal outputs: every 16th 64-bit word of the output, summed and
 * exclusive-ored (a full pass over every run's output cost 4% of the harness).  Equal outputs
 * get equal keys; unequal ones may too, so measure_run compares the bytes before reusing. */
static uint64_t output_hash(const unsigned char *output, size_t bytes)
{
    uint64_t sum = 0, exclusive = 0;
    for (size_t i = 0; i + 8 <= bytes; i += 16 * 8) {
        uint64_t word;
        memcpy(&word, output + i, 8);
        sum += word;
        exclusive ^= word;
    }
    return sum ^ (exclusive * 0x9e3779b97f4a7c15u);
}

/* The order in which a block's runs are measured: by function, then by output hash, then as
 * listed, so that runs with equal outputs are measured one after another.  Each run has its
 * own accumulator, so the order changes no result. */
static void order_measurements(const struct sweep_run *runs, size_t count, const uint64_t *hashes, size_t *order)
{
    for (size_t j = 0; j < count; j++) {
        size_t k = j;
        while (k > 0) {
            size_t before = order[k - 1];
            int after = runs[before].function != runs[j].function ? runs[before].function > runs[j].function
                                                                   : hashes[before] > hashes[j];
            if (!after)
                break;
            order[k] = before;
            k--;
        }
        order[k] = j;
    }
}

static void process_block(const struct sweep_request *request, const struct stage *stage,
                          const struct sweep_run *runs, struct worker *w, uint64_t block)
{
    double start = thread_seconds(), wall_start = monotonic_seconds();
    uint64_t begin = block * BLOCK_POINTS;
    size_t n = stage->points - begin < BLOCK_POINTS ? (size_t)(stage->points - begin) : BLOCK_POINTS;
    fill_block(stage, begin, n, w->x, w->z);
    store_inputs(stage->format, w, n);
    int use_fast = request->reference == REFERENCE_FAST && fast_reference_serves(stage->format);
    double fast_tier_wall = 0.0, kernel_wall = 0.0;
    prepare_references(request, stage, w, n, use_fast, &fast_tier_wall);
    if (stage->run_count)
        prepare_cells(&w->profiles[stage->first_run], w, n, stage->z_values ? stage->z_count : 0);
    size_t bytes = n * (size_t)format_info[stage->format].storage_bytes;
    for (size_t k = 0; k < stage->run_count; k++) {
        const struct sweep_run *run = &runs[stage->first_run + k];
        kernel_fn *kernel = implementation_kernel(run->impl, run->format, run->mode, run->function);
        unsigned char *output = w->outputs + k * BLOCK_POINTS * 8;
        double kernel_start = monotonic_seconds();
        kernel(n, w->x_storage, w->z_storage, output);
        kernel_wall += monotonic_seconds() - kernel_start;
        w->output_hashes[k] = output_hash(output, bytes);
    }
    order_measurements(runs + stage->first_run, stage->run_count, w->output_hashes, w->measure_order);
    w->have_last = 0;
    for (size_t j = 0; j < stage->run_count; j++) {
        size_t k = w->measure_order[j];
        measure_run(&runs[stage->first_run + k], stage->first_run + k, w, n, use_fast,
                    w->outputs + k * BLOCK_POINTS * 8);
    }
    double cpu = thread_seconds() - start, wall = monotonic_seconds() - wall_start;
    double cpu_per_wall = wall > 0.0 ? cpu / wall : 0.0;
    double kernel_seconds = kernel_wall * cpu_per_wall < cpu ? kernel_wall * cpu_per_wall : cpu;
    w->timing.kernel_core_seconds += kernel_seconds;
    w->timing.harness_core_seconds += cpu - kernel_seconds;
    w->timing.fast_tier_core_seconds += fast_tier_wall * cpu_per_wall;
}

/* ---- Progress, signals, checkpoints. ---- */

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int signal_number)
{
    stop_signal = signal_number;
}

struct progress {
    int enabled;
    double start, last;
    uint64_t total, done;
};

static void progress_show(struct progress *progress, int final)
{
    double t = monotonic_seconds();
    if (!progress->enabled || (!final && t - progress->last < 0.25))
        return;
    progress->last = t;
    double elapsed = t - progress->start, rate = elapsed > 0 ? (double)progress->done / elapsed : 0.0;
    double left = rate > 0 ? (double)(progress->total - progress->done) / rate : 0.0;
    fprintf(stderr, "\r\033[Ksweep: %llu/%llu points (%.1f%%), %.3g points/s, %.0f s left",
            (unsigned long long)progress->done, (unsigned long long)progress->total,
            progress->total ? 100.0 * (double)progress->done / (double)progress->total : 100.0, rate, left);
    if (final)
        fputc('\n', stderr);
    fflush(stderr);
}

/* The runs' state so far: the resumed base merged with every worker's accumulators. */
static void merge_state(struct sweep_run *runs, size_t run_count, const struct accumulator *base_accumulators,
                        const struct run_profile *base_profiles, struct worker *workers, int threads,
                        struct accumulator *accumulators, struct run_profile *profiles)
{
    for (size_t r = 0; r < run_count; r++) {
        accumulators[r] = base_accumulators[r];
        profiles[r] = base_profiles[r];
        for (int t = 0; t < threads; t++) {
            accumulator_merge(&accumulators[r], &workers[t].accumulators[r]);
            profile_merge(&profiles[r], &workers[t].profiles[r]);
        }
    }
    (void)runs;
}

static void timing_add(struct sweep_timing *into, const struct sweep_timing *from)
{
    into->kernel_core_seconds += from->kernel_core_seconds;
    into->harness_core_seconds += from->harness_core_seconds;
    into->measured_values += from->measured_values;
    into->reference_values += from->reference_values;
    into->reference_fallbacks += from->reference_fallbacks;
    into->metric_fallbacks += from->metric_fallbacks;
    into->repeated_values += from->repeated_values;
    into->fast_tier_core_seconds += from->fast_tier_core_seconds;
    into->fast_tier_values += from->fast_tier_values;
}

/* ---- The sweep. ---- */

static void add_runs(const struct sweep_request *request, struct stage *stage, struct sweep_run **runs,
                     size_t *run_count, size_t *capacity)
{
    stage->first_run = *run_count;
    for (int f = 0; f < FUNCTION_COUNT; f++) {
        if (!request->functions[f])
            continue;
        for (size_t i = 0; i < request->impl_count; i++)
            for (int m = 0; m < MODE_COUNT; m++) {
                if (!implementation_kernel(request->impls[i], stage->format, (enum mode)m, (enum function)f))
                    continue;
                if (*run_count == *capacity) {
                    *capacity = *capacity ? 2 * *capacity : 64;
                    *runs = realloc(*runs, *capacity * sizeof **runs);
                    if (!*runs) {
                        fprintf(stderr, "scebench sweep: out of memory\n");
                        exit(1);
                    }
                }
                (*runs)[(*run_count)++] = (struct sweep_run){request->impls[i], stage->format, (enum mode)m,
                                                             (enum function)f, stage->targets, {0}, NULL};
            }
    }
    stage->run_count = *run_count - stage->first_run;
}

static void stage_free(struct stage *stage)
{
    point_list_free(&stage->list);
    free(stage->z_values);
}

/* This rank's blocks of a stage: a contiguous share. */
static void rank_blocks(const struct sweep_request *request, const struct stage *stage, uint64_t *first,
                        uint64_t *last)
{
    uint64_t blocks = (stage->points + BLOCK_POINTS - 1) / BLOCK_POINTS;
    *first = blocks * (uint64_t)request->rank / (uint64_t)request->ranks;
    *last = blocks * (uint64_t)(request->rank + 1) / (uint64_t)request->ranks;
}

struct engine {
    const struct sweep_request *request;
    struct stage *stages;
    size_t stage_count;
    struct sweep_run *runs;
    size_t run_count;
    struct accumulator *base_accumulators;
    struct run_profile *base_profiles;
    struct sweep_timing base_timing;
    struct worker *workers;
    int threads;
    size_t resume_stage;
    uint64_t resume_block;
    uint64_t fingerprint;
};

static void write_checkpoint(struct engine *engine, size_t stage, uint64_t next_block)
{
    size_t run_count = engine->run_count;
    struct accumulator *accumulators = allocate_or_exit(run_count, sizeof *accumulators);
    struct run_profile *profiles = allocate_or_exit(run_count, sizeof *profiles);
    merge_state(engine->runs, run_count, engine->base_accumulators, engine->base_profiles, engine->workers,
                engine->threads, accumulators, profiles);
    struct sweep_timing timing = engine->base_timing;
    for (int t = 0; t < engine->threads; t++)
        timing_add(&timing, &engine->workers[t].timing);
    char error[512];
    if (checkpoint_write(engine->request->checkpoint_path, engine->request->rank, engine->request->ranks,
                         engine->fingerprint, stage, next_block, &timing, accumulators, profiles, run_count, error,
                         sizeof error) != 0)
        fprintf(stderr, "\nscebench sweep: --checkpoint: %s\n", error);
    free(accumulators);
    free(profiles);
}

static void run_stages(struct engine *engine, struct progress *progress)
{
    const struct sweep_request *request = engine->request;
    double last_checkpoint = monotonic_seconds();
    int stopped = 0;
    uint64_t next_block = 0, last_block = 0; /* shared: written in `single`, read after its barrier */
    uint64_t epoch = (uint64_t)FIRST_EPOCH_BLOCKS_PER_THREAD * (uint64_t)engine->threads; /* shared, like them */
    double epoch_start = monotonic_seconds();
#pragma omp parallel num_threads(engine->threads)
    {
        int thread = omp_get_thread_num();
        parallel_pin_thread(request->rank * engine->threads + thread);
        struct worker *w = &engine->workers[thread];
        for (size_t s = engine->resume_stage; s < engine->stage_count && !stopped; s++) {
            const struct stage *stage = &engine->stages[s];
#pragma omp barrier /* every thread has read the previous stage's position */
#pragma omp single
            {
                uint64_t first;
                rank_blocks(request, stage, &first, &last_block);
                next_block = s == engine->resume_stage && engine->resume_block > first ? engine->resume_block : first;
            }
            for (;;) {
                uint64_t next = next_block, last = last_block;
                if (next >= last || stopped)
                    break;
                uint64_t end = next + epoch < last ? next + epoch : last;
#pragma omp for schedule(dynamic, 1)
                for (uint64_t block = next; block < end; block++)
                    process_block(request, stage, engine->runs, w, block);
#pragma omp single
                {
                    double now = monotonic_seconds(), took = now - epoch_start;
                    epoch_start = now;
                    uint64_t threads = (uint64_t)engine->threads;
                    if (took < EPOCH_SECONDS / 2 && epoch < MOST_EPOCH_BLOCKS_PER_THREAD * threads)
                        epoch *= 2;
                    else if (took > 2 * EPOCH_SECONDS && epoch > threads)
                        epoch /= 2;
                    uint64_t points_end = end * BLOCK_POINTS < stage->points ? end * BLOCK_POINTS : stage->points;
                    progress->done += points_end - next * BLOCK_POINTS;
                    next_block = end;
                    progress_show(progress, 0);
                    int due = request->checkpoint_path && monotonic_seconds() - last_checkpoint >= request->checkpoint_seconds;
                    if (request->checkpoint_path && (due || stop_signal)) {
                        write_checkpoint(engine, end < last ? s : s + 1, end < last ? end : 0);
                        last_checkpoint = monotonic_seconds();
                    }
                    if (stop_signal)
                        stopped = 1;
                }
            }
        }
    }
}

static int load_resume(struct engine *engine)
{
    char error[512];
    struct sweep_timing timing;
    size_t stage;
    uint64_t block;
    if (checkpoint_read(engine->request->resume_path, engine->request->rank, engine->request->ranks,
                        engine->fingerprint, &stage, &block, &timing, engine->base_accumulators,
                        engine->base_profiles, engine->run_count, error, sizeof error) != 0) {
        fprintf(stderr, "scebench sweep: --resume: %s\n", error);
        return -1;
    }
    engine->resume_stage = stage;
    engine->resume_block = block;
    engine->base_timing = timing;
    return 0;
}

static uint64_t request_fingerprint(const struct sweep_request *request, size_t run_count)
{
    char text[4096];
    size_t used = (size_t)snprintf(text, sizeof text, "%d %d %llu %zu %d %llu %llu %d %zu|", BLOCK_POINTS, request->suite,
                                   (unsigned long long)request->seed, request->random_count, request->has_range,
                                   (unsigned long long)request->range_low, (unsigned long long)request->range_high,
                                   (int)request->reference, run_count);
    for (size_t i = 0; i < request->impl_count && used < sizeof text; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s,", request->impls[i]->name);
    for (int i = 0; i < request->format_count && used < sizeof text; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%d,", (int)request->formats[i]);
    for (int i = 0; i < request->target_count && used < sizeof text; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "t%d,", request->target_sets[i]);
    for (int i = 0; i < request->given_target_count && used < sizeof text; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%a,", request->given_targets[i]);
    for (int i = 0; i < FUNCTION_COUNT && used < sizeof text; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "f%d", request->functions[i]);
    uint64_t hash = 0xcbf29ce484222325u; /* FNV-1a */
    for (size_t i = 0; i < used && i < sizeof text; i++)
        hash = (hash ^ (unsigned char)text[i]) * 0x100000001b3u;
    return hash;
}

/* Merges the ranks' runs into rank 0's, in rank order. */
static void gather_ranks(struct engine *engine, struct accumulator *accumulators, struct run_profile *profiles,
                         struct sweep_timing *timing)
{
    const struct sweep_request *request = engine->request;
    if (request->ranks == 1)
        return;
    size_t run_count = engine->run_count;
    /* rounded up to 64 bytes, so that every rank's accumulators (with 128-bit fields) stay aligned */
    size_t bytes = (run_count * (sizeof *accumulators + sizeof *profiles) + sizeof *timing + 63) & ~(size_t)63;
    unsigned char *mine = aligned_alloc(64, bytes);
    if (!mine) {
        fprintf(stderr, "scebench sweep: out of memory\n");
        exit(1);
    }
    memset(mine, 0, bytes);
    memcpy(mine, accumulators, run_count * sizeof *accumulators);
    memcpy(mine + run_count * sizeof *accumulators, profiles, run_count * sizeof *profiles);
    memcpy(mine + run_count * (sizeof *accumulators + sizeof *profiles), timing, sizeof *timing);
    unsigned char *all = request->rank == 0 ? aligned_alloc(64, (size_t)request->ranks * bytes) : NULL;
    parallel_gather(mine, bytes, all);
    if (request->rank == 0) {
        for (int source = 1; source < request->ranks; source++) {
            const unsigned char *theirs = all + (size_t)source * bytes;
            const struct accumulator *their_accumulators = (const struct accumulator *)theirs;
            const struct run_profile *their_profiles =
                (const struct run_profile *)(theirs + run_count * sizeof *accumulators);
            struct sweep_timing their_timing;
            memcpy(&their_timing, theirs + run_count * (sizeof *accumulators + sizeof *profiles), sizeof their_timing);
            for (size_t r = 0; r < run_count; r++) {
                accumulator_merge(&accumulators[r], &their_accumulators[r]);
                profile_merge(&profiles[r], &their_profiles[r]);
            }
            timing_add(timing, &their_timing);
        }
    }
    free(all);
    free(mine);
}

static int build_engine(const struct sweep_request *request, struct engine *engine)
{
    memset(engine, 0, sizeof *engine);
    engine->request = request;
    size_t stage_capacity = (size_t)request->format_count * (size_t)request->target_count;
    engine->stages = allocate_or_exit(stage_capacity, sizeof *engine->stages);
    size_t run_capacity = 0;
    for (int f = 0; f < request->format_count; f++)
        for (int t = 0; t < request->target_count; t++) {
            struct stage *stage = &engine->stages[engine->stage_count];
            if (build_stage(request, request->formats[f], request->target_sets[t], stage) != 0) {
                stage_free(stage);
                fprintf(stderr, "scebench sweep: --targets: %s targets do not apply to the %s suite in %s\n",
                        target_kind_name(request->target_sets[t]), sweep_suite_name(request->suite),
                        format_info[request->formats[f]].name);
                return -1;
            }
            add_runs(request, stage, &engine->runs, &engine->run_count, &run_capacity);
            engine->stage_count++;
        }
    engine->base_accumulators = allocate_or_exit(engine->run_count, sizeof *engine->base_accumulators);
    engine->base_profiles = allocate_or_exit(engine->run_count, sizeof *engine->base_profiles);
    for (size_t s = 0; s < engine->stage_count && !request->no_profiles; s++)
        for (size_t r = 0; r < engine->stages[s].run_count; r++)
            profile_init(&engine->base_profiles[engine->stages[s].first_run + r], &engine->stages[s]);
    engine->threads = request->threads;
    engine->workers = allocate_or_exit((size_t)engine->threads, sizeof *engine->workers);
    for (int t = 0; t < engine->threads; t++) {
        worker_init(&engine->workers[t], engine->run_count);
        for (size_t r = 0; r < engine->run_count; r++) {
            /* the same profile layout, empty cells */
            engine->workers[t].profiles[r] = engine->base_profiles[r];
            memset(&engine->workers[t].profiles[r].cells, 0, sizeof engine->workers[t].profiles[r].cells);
        }
    }
    engine->fingerprint = request_fingerprint(request, engine->run_count);
    return 0;
}

static void engine_free(struct engine *engine, int keep_runs)
{
    for (int t = 0; engine->workers && t < engine->threads; t++)
        worker_free(&engine->workers[t]);
    free(engine->workers);
    for (size_t s = 0; s < engine->stage_count; s++)
        stage_free(&engine->stages[s]);
    free(engine->stages);
    free(engine->base_accumulators);
    free(engine->base_profiles);
    if (!keep_runs)
        free(engine->runs);
}

int sweep_execute(const struct sweep_request *request, struct sweep_result *result)
{
    memset(result, 0, sizeof *result);
    struct engine engine;
    if (build_engine(request, &engine) != 0 || (request->resume_path && load_resume(&engine) != 0)) {
        engine_free(&engine, 0);
        return -1;
    }
    struct progress progress = {request->progress && request->rank == 0, monotonic_seconds(), 0.0, 0, 0};
    for (size_t s = 0; s < engine.stage_count; s++)
        progress.total += engine.stages[s].points / (uint64_t)request->ranks;
    void (*previous_interrupt)(int) = signal(SIGINT, request->checkpoint_path ? on_stop_signal : SIG_DFL);
    void (*previous_terminate)(int) = signal(SIGTERM, request->checkpoint_path ? on_stop_signal : SIG_DFL);
    if (!request->checkpoint_path) {
        signal(SIGINT, previous_interrupt);
        signal(SIGTERM, previous_terminate);
    }
    double start = monotonic_seconds();
    if (request->harvest) {
        /* An exhaustive sweep of one stage is done in order of bit patterns: what a checkpoint
         * holds is the shard [x_low, x_low + next_block * BLOCK_POINTS / z_count). */
        const struct stage *stage = &engine.stages[0];
        if (engine.stage_count != 1 || !stage->z_values || request->ranks != 1) {
            fprintf(stderr, "scebench sweep: --harvest: only one format and target set of an exhaustive sweep, "
                            "on one rank\n");
            engine_free(&engine, 0);
            return -1;
        }
        uint64_t done = engine.resume_stage >= 1 ? stage->points : engine.resume_block * BLOCK_POINTS;
        if (done > stage->points)
            done = stage->points;
        result->harvested = 1;
        result->harvested_low = stage->x_low;
        result->harvested_high = stage->x_low + done / stage->z_count;
    } else {
        run_stages(&engine, &progress);
    }
    progress_show(&progress, 1);
    result->interrupted = stop_signal != 0;

    struct accumulator *accumulators = allocate_or_exit(engine.run_count, sizeof *accumulators);
    struct run_profile *profiles = allocate_or_exit(engine.run_count, sizeof *profiles);
    merge_state(engine.runs, engine.run_count, engine.base_accumulators, engine.base_profiles, engine.workers,
                engine.threads, accumulators, profiles);
    struct sweep_timing timing = engine.base_timing;
    for (int t = 0; t < engine.threads; t++)
        timing_add(&timing, &engine.workers[t].timing);
    if (!result->interrupted)
        gather_ranks(&engine, accumulators, profiles, &timing);
    timing.seconds = parallel_maximum(monotonic_seconds() - start);

    result->runs = engine.runs;
    result->run_count = engine.run_count;
    for (size_t r = 0; r < engine.run_count; r++) {
        result->runs[r].accumulator = accumulators[r];
        if (profiles[r].kind) {
            result->runs[r].profile = allocate_or_exit(1, sizeof(struct run_profile));
            *result->runs[r].profile = profiles[r];
        }
    }
    result->timing = timing;
    result->threads = engine.threads;
    int cores = parallel_core_count();
    result->cores_used = engine.threads * request->ranks < cores ? engine.threads * request->ranks : cores;
    free(accumulators);
    free(profiles);
    engine_free(&engine, 1);
    return 0;
}

void sweep_result_free(struct sweep_result *result)
{
    for (size_t r = 0; r < result->run_count; r++)
        free(result->runs[r].profile);
    free(result->runs);
    memset(result, 0, sizeof *result);
}

double run_contract(const struct sweep_run *run)
{
    return run->impl->contract[run->format][run->function];
}

int run_contract_holds(const struct sweep_run *run)
{
    const struct accumulator *a = &run->accumulator;
    double contract = run_contract(run);
    int infinite_errors = a->outcomes[OUTCOME_OVERFLOW] || a->outcomes[OUTCOME_NAN] || a->outcomes[OUTCOME_INF_MISMATCH];
    return contract == 0.0 || (a->max_ulp <= contract && !infinite_errors);
}
