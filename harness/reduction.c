#define _POSIX_C_SOURCE 200809L
#include "reduction.h"
#include "cli.h"

#include <math.h>
#include <mpfr.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reference.h"
#include "reference_sum.h"
#include "registry.h"
#include "results.h"

#define CHUNK ((uint64_t)1 << 21)   /* terms generated and consumed per pass */
#define BLOCK 4096                  /* terms per kernel call inside a chunk */
#define MEAN_PRECISION 256          /* bits of the exact means */
#define MIN_TIMED_SECONDS 10e-3     /* a strategy over a small n is repeated at least this long */
#define TWO_PI 6.283185307179586

/* CPU time of the calling thread: a strategy's own time, not the time others' processes took
 * from this one (the machine is shared). */
static double thread_seconds(void)
{
    struct timespec time;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
    return (double)time.tv_sec + 1e-9 * (double)time.tv_nsec;
}

/* ---- the data ---- */

static uint64_t mix64(uint64_t z)
{
    z += UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static double unit_from_bits(uint64_t bits) /* in [0, 1) */
{
    return (double)(bits >> 11) * 0x1p-53;
}

static double logistic(double t)
{
    return t >= 0 ? 1.0 / (1.0 + exp(-t)) : exp(t) / (1.0 + exp(t));
}

void reduction_element(uint64_t seed, uint64_t i, enum format format, double *x, double *z)
{
    uint64_t key = mix64(seed ^ UINT64_C(0x5ce0be4c4ed0c7a5)) + 4 * i;
    uint64_t r1 = mix64(key), r2 = mix64(key + 1), r3 = mix64(key + 2), r4 = mix64(key + 3);
    double u1 = 1.0 - unit_from_bits(r1); /* (0, 1] */
    double radius = sqrt(-2.0 * log(u1)), angle = TWO_PI * unit_from_bits(r2);
    double n1 = radius * cos(angle), n2 = radius * sin(angle);
    double logit = fmin(fmax(3.0 * n1, -20.0), 20.0);
    double truth = logistic(3.0 * n1 + n2);
    double soft_draw = (double)(r3 >> 40) * 0x1p-24, noise_draw = (double)(r3 & 0xffffff) * 0x1p-24;
    double target;
    if (soft_draw < 0.2) {
        target = truth;
    } else {
        target = unit_from_bits(r4) < truth ? 1.0 : 0.0;
        if (noise_draw < 0.05)
            target = 1.0 - target;
    }
    *x = round_to_format(format, logit);
    *z = round_to_format(format, target);
}

int reduction_sizes(uint64_t max_n, uint64_t *sizes)
{
    int count = 0;
    for (uint64_t n = 1000; n <= max_n && count < REDUCTION_MAX_SIZES - 1; n *= 10)
        sizes[count++] = n;
    if (count == 0 || sizes[count - 1] != max_n)
        sizes[count++] = max_n;
    return count;
}

/* ---- one format's run ---- */

struct instance {
    const struct summation_strategy *strategy;
    int terms;
    int size_index;
    uint64_t n;
    struct summation_state state;
    double seconds;
    uint64_t timed_terms;
    int done;
    double mean;
};

struct thread_sums {
    struct exact_accumulator terms[REDUCTION_TERM_SETS];
    struct exact_accumulator exact;
    uint64_t sampled;
    double max_relative_error;
};

struct format_run {
    enum format format;
    uint64_t seed;
    const uint64_t *sizes;
    int size_count;
    kernel_fn *term_kernels[REDUCTION_TERM_SETS];
    unsigned char *x, *z, *terms[REDUCTION_TERM_SETS]; /* one chunk, in storage */
    struct thread_sums *threads;
    int thread_count;
    struct thread_sums total;
    mpfr_t *exact_terms_mean[REDUCTION_TERM_SETS]; /* per size */
    mpfr_t *exact_mean;
};

/* The relative error of the fast tier's a + b against MPFR's y for one element. */
static double fast_tier_error(double a, double b, const struct exact_value *y)
{
    mpfr_t fast, exact;
    mpfr_inits2(256, fast, exact, (mpfr_ptr)0);
    mpfr_set_d(fast, a, MPFR_RNDN);
    mpfr_add_d(fast, fast, b, MPFR_RNDN); /* exact at 256 bits */
    mpfr_set_d(exact, y->in_ulps_hi, MPFR_RNDN);
    mpfr_add_d(exact, exact, y->in_ulps_lo, MPFR_RNDN);
    mpfr_mul_2si(exact, exact, y->ulp_exponent, MPFR_RNDN);
    mpfr_sub(fast, fast, exact, MPFR_RNDN);
    mpfr_div(fast, fast, exact, MPFR_RNDN);
    double error = fabs(mpfr_get_d(fast, MPFR_RNDN));
    mpfr_clears(fast, exact, (mpfr_ptr)0);
    return error;
}

/* Elements [begin, end) of the stream into the chunk (which starts at chunk_start), with their
 * terms and their exact contributions to `sums`. */
static void generate_range(struct format_run *run, uint64_t chunk_start, uint64_t begin, uint64_t end,
                           struct thread_sums *sums)
{
    enum format format = run->format;
    size_t bytes = (size_t)format_info[format].storage_bytes;
    for (uint64_t block = begin; block < end; block += BLOCK) {
        uint64_t block_end = end - block < BLOCK ? end : block + BLOCK;
        size_t offset = (size_t)(block - chunk_start), count = (size_t)(block_end - block);
        double xs[BLOCK], zs[BLOCK];
        for (size_t k = 0; k < count; k++) {
            reduction_element(run->seed, block + k, format, &xs[k], &zs[k]);
            storage_store(format, run->x, offset + k, xs[k]);
            storage_store(format, run->z, offset + k, zs[k]);
        }
        for (int t = 0; t < REDUCTION_TERM_SETS; t++) {
            run->term_kernels[t](count, run->x + offset * bytes, run->z + offset * bytes,
                                 run->terms[t] + offset * bytes);
            for (size_t k = 0; k < count; k++)
                exact_accumulator_add(&sums->terms[t], storage_load(format, run->terms[t], offset + k));
        }
        for (size_t k = 0; k < count; k++) {
            uint64_t i = block + k;
            if (i < REDUCTION_MPFR_TERMS || i % REDUCTION_SAMPLE_EVERY == 0) {
                struct exact_value y;
                reference_loss(FORMAT_F64, xs[k], zs[k], &y);
                if (i < REDUCTION_MPFR_TERMS) {
                    exact_accumulator_add(&sums->exact, ldexp(y.in_ulps_hi, y.ulp_exponent));
                    exact_accumulator_add(&sums->exact, ldexp(y.in_ulps_lo, y.ulp_exponent));
                    continue;
                }
                double a, b;
                reference_loss_fast(xs[k], zs[k], &a, &b);
                double error = fast_tier_error(a, b, &y);
                sums->sampled++;
                if (error > sums->max_relative_error || isnan(error))
                    sums->max_relative_error = isnan(error) ? INFINITY : error;
                exact_accumulator_add(&sums->exact, a);
                exact_accumulator_add(&sums->exact, b);
                continue;
            }
            double a, b;
            reference_loss_fast(xs[k], zs[k], &a, &b);
            exact_accumulator_add(&sums->exact, a);
            exact_accumulator_add(&sums->exact, b);
        }
    }
}

/* Generates [begin, end) in parallel, contiguous shares per thread, then merges the threads'
 * exact sums into the run's total (integer sums: the same whatever the thread count). */
static void generate_parallel(struct format_run *run, uint64_t chunk_start, uint64_t begin, uint64_t end)
{
#pragma omp parallel num_threads(run->thread_count)
    {
        int thread = omp_get_thread_num(), team = omp_get_num_threads();
        uint64_t length = end - begin;
        uint64_t my_begin = begin + length * (uint64_t)thread / (uint64_t)team;
        uint64_t my_end = begin + length * (uint64_t)(thread + 1) / (uint64_t)team;
        generate_range(run, chunk_start, my_begin, my_end, &run->threads[thread]);
    }
    for (int t = 0; t < run->thread_count; t++) {
        struct thread_sums *sums = &run->threads[t];
        for (int s = 0; s < REDUCTION_TERM_SETS; s++) {
            exact_accumulator_merge(&run->total.terms[s], &sums->terms[s]);
            exact_accumulator_init(&sums->terms[s]);
        }
        exact_accumulator_merge(&run->total.exact, &sums->exact);
        exact_accumulator_init(&sums->exact);
        run->total.sampled += sums->sampled;
        if (sums->max_relative_error > run->total.max_relative_error)
            run->total.max_relative_error = sums->max_relative_error;
        sums->sampled = 0;
        sums->max_relative_error = 0.0;
    }
}

/* One strategy instance over its part of the chunk [chunk_start, chunk_end). */
static void run_instance(struct instance *in, const struct format_run *run, uint64_t chunk_start, uint64_t chunk_end)
{
    if (in->done || in->n <= chunk_start)
        return;
    uint64_t end = in->n < chunk_end ? in->n : chunk_end;
    const void *terms = run->terms[in->terms];
    double start = thread_seconds();
    summation_add(in->strategy, &in->state, terms, (size_t)(end - chunk_start));
    double elapsed = thread_seconds() - start;
    in->seconds += elapsed;
    in->timed_terms += end - chunk_start;
    if (end < in->n)
        return;
    in->mean = in->strategy->mean(&in->state);
    in->done = 1;
    if (chunk_start == 0 && elapsed < MIN_TIMED_SECONDS) {
        /* the whole sum was in this chunk: repeat it (begin, add, mean) until the time is
         * measurable */
        struct summation_state *scratch = allocate_or_exit(1, sizeof *scratch);
        uint64_t repetitions = 0;
        volatile double sink = 0.0;
        start = thread_seconds();
        do {
            summation_begin(in->strategy, scratch, run->format, in->n);
            summation_add(in->strategy, scratch, terms, (size_t)in->n);
            sink += in->strategy->mean(scratch);
            repetitions++;
        } while ((elapsed = thread_seconds() - start) < MIN_TIMED_SECONDS);
        (void)sink;
        in->seconds = elapsed;
        in->timed_terms = repetitions * in->n;
        free(scratch);
    }
}

static void fill_row(struct reduction_row *row, const struct instance *in, const struct format_run *run)
{
    mpfr_t *terms_mean = &run->exact_terms_mean[in->terms][in->size_index];
    mpfr_t *mean = &run->exact_mean[in->size_index];
    *row = (struct reduction_row){
        .strategy = in->strategy,
        .terms = in->terms,
        .format = run->format,
        .n = in->n,
        .mean = in->mean,
        .exact_mean_of_terms = mpfr_get_d(*terms_mean, MPFR_RNDN),
        .exact_mean = mpfr_get_d(*mean, MPFR_RNDN),
        .first_overflow = in->state.first_overflow,
        .gelem_per_s = in->seconds > 0 ? (double)in->timed_terms / in->seconds * 1e-9 : 0.0,
    };
    row->overflow = row->first_overflow != 0 || !isfinite(row->mean);
    reference_value_error(run->format, in->mean, *terms_mean, &row->rel_error_summation, &row->ulp_summation);
    reference_value_error(run->format, in->mean, *mean, &row->rel_error_end_to_end, &row->ulp_end_to_end);
}

static void progress_line(int enabled, enum format format, uint64_t done, uint64_t total)
{
    if (!enabled)
        return;
    fprintf(stderr, "\r\033[Kreduce: %s %llu/%llu terms", format_info[format].name, (unsigned long long)done,
            (unsigned long long)total);
    fflush(stderr);
}

static void append_row(struct reduction_result *result, size_t *capacity, const struct reduction_row *row)
{
    if (result->row_count == *capacity) {
        *capacity = *capacity ? 2 * *capacity : 128;
        result->rows = realloc(result->rows, *capacity * sizeof *result->rows);
        if (!result->rows) {
            fprintf(stderr, "scebench reduce: out of memory\n");
            exit(1);
        }
    }
    result->rows[result->row_count++] = *row;
}

static void run_format(const struct reduction_request *request, enum format format, struct reduction_result *result,
                       size_t *capacity)
{
    const uint64_t *sizes = result->sizes;
    int size_count = result->size_count;
    uint64_t largest = sizes[size_count - 1];
    struct format_run run = {.format = format, .seed = request->seed, .sizes = sizes, .size_count = size_count,
                             .thread_count = request->threads};
    const struct implementation *accurate = implementation_find("accurate"), *pytorch = implementation_find("pytorch");
    run.term_kernels[0] = accurate->kernels[format][MODE_INTERNAL].loss;
    run.term_kernels[1] = pytorch->kernels[format][format == FORMAT_F32 ? MODE_NATIVE : MODE_OPMATH].loss;
    size_t bytes = (size_t)format_info[format].storage_bytes;
    size_t chunk = (size_t)(largest < CHUNK ? largest : CHUNK);
    run.x = allocate_or_exit(chunk, bytes);
    run.z = allocate_or_exit(chunk, bytes);
    for (int t = 0; t < REDUCTION_TERM_SETS; t++) {
        run.terms[t] = allocate_or_exit(chunk, bytes);
        run.exact_terms_mean[t] = allocate_or_exit((size_t)size_count, sizeof(mpfr_t));
    }
    run.exact_mean = allocate_or_exit((size_t)size_count, sizeof(mpfr_t));
    for (int s = 0; s < size_count; s++) {
        for (int t = 0; t < REDUCTION_TERM_SETS; t++)
            mpfr_init2(run.exact_terms_mean[t][s], MEAN_PRECISION);
        mpfr_init2(run.exact_mean[s], MEAN_PRECISION);
    }
    run.threads = allocate_or_exit((size_t)run.thread_count, sizeof *run.threads);
    for (int t = 0; t < run.thread_count; t++) {
        for (int s = 0; s < REDUCTION_TERM_SETS; s++)
            exact_accumulator_init(&run.threads[t].terms[s]);
        exact_accumulator_init(&run.threads[t].exact);
    }
    for (int s = 0; s < REDUCTION_TERM_SETS; s++)
        exact_accumulator_init(&run.total.terms[s]);
    exact_accumulator_init(&run.total.exact);

    /* every strategy for the format, both term sets, every size */
    size_t instance_count = 0;
    struct instance *instances =
        allocate_or_exit(summation_strategy_count * REDUCTION_TERM_SETS * (size_t)size_count, sizeof *instances);
    for (int t = 0; t < REDUCTION_TERM_SETS; t++)
        for (size_t k = 0; k < summation_strategy_count; k++) {
            if (!summation_supports(summation_strategies[k], format))
                continue;
            for (int s = 0; s < size_count; s++) {
                struct instance *in = &instances[instance_count++];
                in->strategy = summation_strategies[k];
                in->terms = t;
                in->size_index = s;
                in->n = sizes[s];
                summation_begin(in->strategy, &in->state, format, in->n);
            }
        }

    int next_size = 0;
    for (uint64_t chunk_start = 0; chunk_start < largest; chunk_start += CHUNK) {
        uint64_t chunk_end = largest - chunk_start < CHUNK ? largest : chunk_start + CHUNK;
        /* generate, split at the sizes so that each exact sum is read at its n */
        uint64_t begin = chunk_start;
        while (begin < chunk_end) {
            uint64_t end = chunk_end;
            if (next_size < size_count && sizes[next_size] < end)
                end = sizes[next_size];
            generate_parallel(&run, chunk_start, begin, end);
            while (next_size < size_count && sizes[next_size] == end) {
                for (int t = 0; t < REDUCTION_TERM_SETS; t++)
                    exact_mean(&run.total.terms[t], end, run.exact_terms_mean[t][next_size]);
                exact_mean(&run.total.exact, end, run.exact_mean[next_size]);
                next_size++;
            }
            begin = end;
        }
        /* every strategy over the chunk, one instance per task */
#pragma omp parallel for schedule(dynamic, 1) num_threads(run.thread_count)
        for (size_t k = 0; k < instance_count; k++)
            run_instance(&instances[k], &run, chunk_start, chunk_end);
        for (size_t k = 0; k < instance_count; k++)
            if (instances[k].done && instances[k].n <= chunk_end && instances[k].n > chunk_start) {
                struct reduction_row row;
                fill_row(&row, &instances[k], &run);
                append_row(result, capacity, &row);
            }
        progress_line(request->progress, format, chunk_end, largest);
    }

    struct reduction_validation *validation = &result->validation[result->validation_count++];
    *validation = (struct reduction_validation){format, largest < REDUCTION_MPFR_TERMS ? largest : REDUCTION_MPFR_TERMS,
                                                run.total.sampled, run.total.max_relative_error};

    free(instances);
    free(run.threads);
    for (int s = 0; s < size_count; s++) {
        for (int t = 0; t < REDUCTION_TERM_SETS; t++)
            mpfr_clear(run.exact_terms_mean[t][s]);
        mpfr_clear(run.exact_mean[s]);
    }
    for (int t = 0; t < REDUCTION_TERM_SETS; t++) {
        free(run.terms[t]);
        free(run.exact_terms_mean[t]);
    }
    free(run.exact_mean);
    free(run.x);
    free(run.z);
}

static int row_order(const void *left, const void *right)
{
    const struct reduction_row *a = left, *b = right;
    if (a->format != b->format)
        return a->format < b->format ? -1 : 1;
    if (a->terms != b->terms)
        return a->terms - b->terms;
    if (a->strategy != b->strategy) {
        size_t i = 0, j = 0;
        while (summation_strategies[i] != a->strategy)
            i++;
        while (summation_strategies[j] != b->strategy)
            j++;
        return i < j ? -1 : 1;
    }
    return a->n < b->n ? -1 : a->n > b->n;
}

int reduction_execute(const struct reduction_request *request, struct reduction_result *result)
{
    memset(result, 0, sizeof *result);
    result->size_count = reduction_sizes(request->max_n, result->sizes);
    size_t capacity = 0;
    double start = monotonic_seconds();
    for (int f = 0; f < request->format_count; f++)
        run_format(request, request->formats[f], result, &capacity);
    if (request->progress)
        fprintf(stderr, "\r\033[K");
    qsort(result->rows, result->row_count, sizeof *result->rows, row_order);
    result->seconds = monotonic_seconds() - start;
    return 0;
}

void reduction_result_free(struct reduction_result *result)
{
    free(result->rows);
    memset(result, 0, sizeof *result);
}

/* ---- output ---- */

static void print_error(double value)
{
    if (!isfinite(value))
        printf(" %9s", "inf");
    else if (value == 0.0 || (value >= 1e-3 && value < 1e5))
        printf(" %9.4g", value);
    else
        printf(" %9.2e", value);
}

void reduction_print(const struct reduction_result *result)
{
    printf("%-4s %-8s %-14s %11s %14s %9s %9s %9s %9s %-9s %8s\n", "type", "terms", "strategy", "n", "mean",
           "rel_sum", "ulp_sum", "rel_e2e", "ulp_e2e", "overflow", "Gelem/s");
    for (size_t i = 0; i < result->row_count; i++) {
        const struct reduction_row *row = &result->rows[i];
        printf("%-4s %-8s %-14s %11llu %14.8g", format_info[row->format].name, reduction_term_set_name[row->terms],
               row->strategy->name, (unsigned long long)row->n, row->mean);
        print_error(row->rel_error_summation);
        print_error(row->ulp_summation);
        print_error(row->rel_error_end_to_end);
        print_error(row->ulp_end_to_end);
        if (row->first_overflow)
            printf(" @%-8llu", (unsigned long long)row->first_overflow);
        else
            printf(" %-9s", row->overflow ? "yes" : "-");
        printf(" %8.3f\n", row->gelem_per_s);
    }
    for (int v = 0; v < result->validation_count; v++) {
        const struct reduction_validation *check = &result->validation[v];
        printf("%s exact losses: %llu from MPFR, the rest from the fast tier (bound 2^-49 relative); %llu checked "
               "against MPFR, largest relative error %.3g%s\n",
               format_info[check->format].name, (unsigned long long)check->mpfr_terms,
               (unsigned long long)check->sampled, check->max_relative_error,
               check->max_relative_error <= REFERENCE_LOSS_FAST_RELATIVE_ERROR ? "" : " (BOUND EXCEEDED)");
    }
}

json_t *reduction_number_json(double value)
{
    if (isnan(value))
        return json_string("nan");
    if (isinf(value))
        return json_string(value > 0 ? "inf" : "-inf");
    return json_real(value);
}

static json_t *row_json(const struct reduction_row *row)
{
    json_t *object = json_object();
    json_object_set_new(object, "strategy", json_string(row->strategy->name));
    json_object_set_new(object, "terms", json_string(reduction_term_set_name[row->terms]));
    json_object_set_new(object, "type", json_string(format_info[row->format].name));
    json_object_set_new(object, "n", json_integer((json_int_t)row->n));
    json_object_set_new(object, "mean", reduction_number_json(row->mean));
    json_object_set_new(object, "exact_mean_of_terms", reduction_number_json(row->exact_mean_of_terms));
    json_object_set_new(object, "exact_mean", reduction_number_json(row->exact_mean));
    json_object_set_new(object, "rel_error_summation", reduction_number_json(row->rel_error_summation));
    json_object_set_new(object, "rel_error_end_to_end", reduction_number_json(row->rel_error_end_to_end));
    json_object_set_new(object, "ulp_summation", reduction_number_json(row->ulp_summation));
    json_object_set_new(object, "ulp_end_to_end", reduction_number_json(row->ulp_end_to_end));
    json_object_set_new(object, "overflow", json_boolean(row->overflow));
    json_object_set_new(object, "first_overflow_n",
                        row->first_overflow ? json_integer((json_int_t)row->first_overflow) : json_null());
    json_object_set_new(object, "gelem_per_s", json_real(row->gelem_per_s));
    return object;
}

static json_t *strategy_json(const struct summation_strategy *strategy)
{
    json_t *formats = json_array();
    for (int f = 0; f < FORMAT_COUNT; f++)
        if (summation_supports(strategy, (enum format)f))
            json_array_append_new(formats, json_string(format_info[f].name));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:b}", "name", strategy->name, "formula", strategy->formula,
                     "origin", strategy->origin, "accumulator", strategy->accumulator, "weaknesses",
                     strategy->weaknesses, "formats", formats, "first_overflow_exact", strategy->sequential);
}

json_t *reduction_json(const struct reduction_request *request, const struct reduction_result *result,
                       const char *command_line)
{
    json_t *rows = json_array(), *overflows = json_array(), *sizes = json_array(), *strategies = json_array(),
           *types = json_array(), *validation = json_array();
    for (size_t i = 0; i < result->row_count; i++) {
        const struct reduction_row *row = &result->rows[i];
        json_array_append_new(rows, row_json(row));
        /* one entry per strategy, terms and format: the first n whose sum overflowed */
        int first = row->overflow;
        for (size_t j = 0; j < i && first; j++) {
            const struct reduction_row *other = &result->rows[j];
            if (other->overflow && other->strategy == row->strategy && other->terms == row->terms &&
                other->format == row->format)
                first = 0;
        }
        if (first)
            json_array_append_new(
                overflows, json_pack("{s:s, s:s, s:s, s:o, s:I, s:b}", "strategy", row->strategy->name, "terms",
                                     reduction_term_set_name[row->terms], "type", format_info[row->format].name,
                                     "first_overflow_n",
                                     row->first_overflow ? json_integer((json_int_t)row->first_overflow) : json_null(),
                                     "smallest_n_run_overflowing", (json_int_t)row->n, "exact_index",
                                     row->strategy->sequential));
    }
    for (int s = 0; s < result->size_count; s++)
        json_array_append_new(sizes, json_integer((json_int_t)result->sizes[s]));
    for (size_t k = 0; k < summation_strategy_count; k++)
        json_array_append_new(strategies, strategy_json(summation_strategies[k]));
    for (int f = 0; f < request->format_count; f++)
        json_array_append_new(types, json_string(format_info[request->formats[f]].name));
    for (int v = 0; v < result->validation_count; v++) {
        const struct reduction_validation *check = &result->validation[v];
        json_array_append_new(validation,
                              json_pack("{s:s, s:I, s:I, s:o, s:b}", "type", format_info[check->format].name,
                                        "mpfr_terms", (json_int_t)check->mpfr_terms, "sampled",
                                        (json_int_t)check->sampled, "max_relative_error",
                                        reduction_number_json(check->max_relative_error), "bound_holds",
                                        check->max_relative_error <= REFERENCE_LOSS_FAST_RELATIVE_ERROR));
    }
    json_t *reference = json_pack(
        "{s:s, s:s, s:I, s:I, s:f, s:s, s:o}", "exact_mean_of_terms",
        "the exact sum of the computed terms (fixed-point superaccumulator) divided by n, at 256 bits",
        "exact_mean",
        "the exact sum of the exact losses of the same (x, z), divided by n, at 256 bits: MPFR losses (to 2^-100 "
        "relative) for the first mpfr_terms elements, the fast tier (two binary64 terms, each within 2^-49 "
        "relative, summed exactly) beyond",
        "mpfr_terms", (json_int_t)REDUCTION_MPFR_TERMS, "sample_every", (json_int_t)REDUCTION_SAMPLE_EVERY,
        "fast_tier_relative_error_bound", REFERENCE_LOSS_FAST_RELATIVE_ERROR, "ulp",
        "of the storage format at the exact value: 2^(max(floor(log2|y|), emin) - p + 1)", "validation", validation);
    json_t *data = json_pack(
        "{s:s, s:s, s:s}", "logits", "x = clip(3 N1, -20, 20), N1 standard normal (Box-Muller), rounded to the format",
        "targets",
        "80% hard z ~ Bernoulli(sigmoid(3 N1 + N2)) flipped with probability 0.05, 20% soft z = sigmoid(3 N1 + N2)",
        "stream", "element i is a function of (seed, i): n = 10^k is the first 10^k elements");
    json_t *term_sets = json_pack("[{s:s, s:s, s:s}, {s:s, s:s, s:s}]", "name", "accurate", "impl", "accurate", "mode",
                                  "internal (correctly rounded losses)", "name", "pytorch", "impl", "pytorch", "mode",
                                  "native on f32, opmath on f16 and bf16");
    return json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:s, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
                     "s:{s:f, s:i}}",
                     "schema", "scebench-reduction/1", "tool", "name", "scebench", "version", SCEBENCH_VERSION,
                     "git_revision", SCEBENCH_GIT_REVISION, "command", command_line, "host", host_json(), "suite",
                     "reduction", "seed", (json_int_t)request->seed, "max_n", (json_int_t)request->max_n,
                     "largest_n", (json_int_t)result->sizes[result->size_count - 1], "sizes", sizes, "types", types,
                     "data", data, "term_sets", term_sets, "strategies", strategies, "reference", reference, "results",
                     rows, "overflows", overflows, "timing", "seconds", result->seconds, "threads", request->threads);
}
