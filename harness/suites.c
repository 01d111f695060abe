/* Input suites: the logits and targets of a sweep, per format.
 *
 * extreme  every binade (4 values each, both signs), the special values, 64 values of the
 *          format on each side of every threshold where a formula breaks, and a grid over
 *          the range where the loss is interesting (exhaustive there for f16 and bf16).
 * random   logits uniform over binades (half) and over bit patterns (half).
 * quick    a thinned-out extreme suite plus a few random logits, for CI.
 *
 * Thresholds are computed for the format itself and for the wider formats an
 * implementation of it may compute in (an f16 kernel computing in float overflows at the
 * float thresholds), plus the logits of the soft targets, where s(x) - z cancels.
 *
 * Every value is a value of the format, NaN is canonical and kept once, logits are sorted
 * (-0 before +0, NaN last) and deduplicated, and the targets of each logit too, so points
 * are in lexicographic order of (x, z).  Random values come from splitmix64 streams keyed by
 * the seed, the format and what they are for; the random targets of a logit are keyed by
 * its value, so a logit gets the same targets in every suite. */
#include "suites.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum suite { SUITE_EXTREME, SUITE_RANDOM, SUITE_QUICK, SUITE_COUNT };

static const char *const suite_name[SUITE_COUNT] = {"extreme", "random", "quick"};

enum {
    EXTREME_NEIGHBOURS = 64, /* format values on each side of a threshold */
    QUICK_NEIGHBOURS = 8,
    QUICK_BINADE_STRIDE = 8, /* every 8th binade ... */
    QUICK_BINADES_MAX = 64,  /* ... or sparser, so that f64's 2098 binades stay few */
    QUICK_RANDOM_MAX = 200,
    RANDOM_TARGETS_PER_LOGIT = 2,
    THRESHOLDS_MAX = 64,
    TARGETS_PER_LOGIT_MAX = 16,
};

/* Stream purposes, so that the random streams of one seed are independent. */
enum stream { STREAM_BINADE_LOGITS = 1, STREAM_PATTERN_LOGITS, STREAM_TARGETS };

int suite_from_name(const char *name)
{
    for (int suite = 0; suite < SUITE_COUNT; suite++)
        if (strcmp(name, suite_name[suite]) == 0)
            return suite;
    return -1;
}

const char *suite_names(void)
{
    return "extreme, random, quick";
}

void point_list_free(struct point_list *list)
{
    free(list->points);
    list->points = NULL;
    list->count = 0;
}

/* splitmix64 (Steele, Lea and Flood; Vigna's reference code): a 64-bit counter through a
 * strong mixing function.  Small, fast and the same on every platform. */
struct random {
    uint64_t state;
};

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static uint64_t random_next(struct random *random)
{
    random->state += UINT64_C(0x9e3779b97f4a7c15);
    return mix64(random->state);
}

static struct random random_stream(uint64_t seed, enum format format, enum stream stream,
                                   uint64_t key)
{
    uint64_t state = mix64(seed ^ UINT64_C(0x5ceb5ceb5ceb5ceb));
    state = mix64(state ^ ((uint64_t)format + 1));
    state = mix64(state ^ (uint64_t)stream);
    state = mix64(state ^ key);
    return (struct random){state};
}

/* Uniform in [0, bound), without the bias of a plain modulo. */
static uint64_t random_below(struct random *random, uint64_t bound)
{
    uint64_t reject_below = (0 - bound) % bound; /* 2^64 mod bound */
    for (;;) {
        uint64_t r = random_next(random);
        if (r >= reject_below)
            return r % bound;
    }
}

/* Uniform in [0, 1), a multiple of 2^-53. */
static double random_unit(struct random *random)
{
    return ldexp((double)(random_next(random) >> 11), -53);
}

/* Bit patterns of the format.  f32 goes through float; f16 and bf16 through storage.h. */
static int format_width(enum format format)
{
    return format_info[format].storage_bytes * 8;
}

static uint64_t format_bits(enum format format, double v)
{
    switch (format) {
    case FORMAT_F64:
        return double_bits(v);
    case FORMAT_F32: {
        float single = (float)v;
        uint32_t bits;
        memcpy(&bits, &single, sizeof bits);
        return bits;
    }
    case FORMAT_F16:
        return f16_from_double(v);
    default:
        return bf16_from_double(v);
    }
}

static double format_from_bits(enum format format, uint64_t bits)
{
    switch (format) {
    case FORMAT_F64:
        return double_from_bits(bits);
    case FORMAT_F32: {
        uint32_t narrow = (uint32_t)bits;
        float single;
        memcpy(&single, &narrow, sizeof single);
        return single;
    }
    case FORMAT_F16:
        return f16_to_double((uint16_t)bits);
    default:
        return bf16_to_double((uint16_t)bits);
    }
}

/* The position of a non-NaN value of the format on its number line: the magnitude's bit
 * pattern with the sign in front.  Consecutive values differ by 1, both zeros are 0 and the
 * infinities are the ends, as IEEE 754 lays the patterns out. */
static int64_t format_ordinal(enum format format, double v)
{
    int64_t magnitude = (int64_t)format_bits(format, fabs(v));
    return signbit(v) ? -magnitude : magnitude;
}

/* The value `steps` values of the format above v (below when negative), stopping at the
 * infinities.  v is a non-NaN value of the format. */
static double format_step(enum format format, double v, int steps)
{
    int64_t infinity = (int64_t)format_bits(format, INFINITY);
    int64_t ordinal = format_ordinal(format, v) + steps;
    if (ordinal > infinity)
        ordinal = infinity;
    if (ordinal < -infinity)
        ordinal = -infinity;
    double magnitude = format_from_bits(format, (uint64_t)(ordinal < 0 ? -ordinal : ordinal));
    return ordinal < 0 ? -magnitude : magnitude;
}

static double largest_finite(enum format format)
{
    const struct format_info *info = &format_info[format];
    return ldexp(2.0 - ldexp(1.0, 1 - info->precision), info->emax);
}

static int smallest_subnormal_exponent(enum format format)
{
    const struct format_info *info = &format_info[format];
    return info->emin - info->precision + 1;
}

/* A growing list of doubles.  An allocation failure is remembered and reported at the end,
 * so that the builders below need no error paths of their own. */
struct values {
    double *items;
    size_t count, capacity;
    bool failed;
};

static void values_append(struct values *list, double v)
{
    if (list->failed)
        return;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? 2 * list->capacity : 1024;
        double *items = realloc(list->items, capacity * sizeof *items);
        if (!items) {
            list->failed = true;
            return;
        }
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = v;
}

/* Appends v rounded to the format, NaN made canonical so that duplicates collapse. */
static void values_add(struct values *list, enum format format, double v)
{
    values_append(list, isnan(v) ? NAN : round_to_format(format, v));
}

static void values_add_both_signs(struct values *list, enum format format, double v)
{
    values_add(list, format, v);
    values_add(list, format, -v);
}

/* A total order: by value, -0 before +0, NaN last. */
static int compare_values(const void *left, const void *right)
{
    double a = *(const double *)left, b = *(const double *)right;
    if (isnan(a) || isnan(b))
        return (isnan(a) != 0) - (isnan(b) != 0);
    if (a < b)
        return -1;
    if (a > b)
        return 1;
    return (signbit(b) != 0) - (signbit(a) != 0);
}

static size_t sort_unique(double *items, size_t count)
{
    if (count == 0)
        return 0;
    qsort(items, count, sizeof *items, compare_values);
    size_t kept = 1;
    for (size_t i = 1; i < count; i++)
        if (compare_values(&items[i], &items[kept - 1]) != 0)
            items[kept++] = items[i];
    return kept;
}

/* Binade [2^e, 2^(e+1)): its first two values, its middle and its last value, both signs.
 * In a subnormal binade the spacing is the smallest subnormal; in the lowest one the middle
 * is not a value of the format and rounds onto the next binade's first. */
static void add_binade(struct values *list, enum format format, int e)
{
    const struct format_info *info = &format_info[format];
    double first = ldexp(1.0, e);
    double ulp = ldexp(1.0, (e > info->emin ? e : info->emin) - info->precision + 1);
    values_add_both_signs(list, format, first);
    values_add_both_signs(list, format, first + ulp);
    values_add_both_signs(list, format, 1.5 * first);
    values_add_both_signs(list, format, first + (first - ulp)); /* 2^(e+1) overflows in f64 */
}

static void add_specials(struct values *list, enum format format)
{
    values_add_both_signs(list, format, 0.0);
    values_add_both_signs(list, format, INFINITY);
    values_add(list, format, NAN);
    values_add_both_signs(list, format, largest_finite(format));
    values_add_both_signs(list, format, ldexp(1.0, smallest_subnormal_exponent(format)));
    values_add_both_signs(list, format, ldexp(1.0, format_info[format].emin));
}

/* Where formulas computed in `format` break, as positive logits (both signs are used). */
static int format_thresholds(enum format format, double *thresholds)
{
    const struct format_info *info = &format_info[format];
    double ln2 = log(2.0);
    int p = info->precision, count = 0;
    thresholds[count++] = log(largest_finite(format));       /* exp(x) overflows */
    thresholds[count++] = (p - 1 - info->emin) * ln2;        /* exp(-x) < smallest subnormal */
    thresholds[count++] = (p - info->emin) * ln2;            /* ... < half of it: flushes to 0 */
    thresholds[count++] = -info->emin * ln2;                 /* ... < smallest normal */
    thresholds[count++] = (p - 1) * ln2;                     /* sigmoid(x) rounds to 1 */
    thresholds[count++] = p * ln2;                           /* 1 + exp(-x) rounds to 1 */
    thresholds[count++] = (p + 1) * ln2;
    return count;
}

static void soft_targets(enum format format, double *targets, size_t *count);

/* The thresholds of the format, of the wider formats its kernels may compute in (f32 and
 * f64), and the logits log(z / (1 - z)) of the soft targets, where s(x) - z cancels. */
static int all_thresholds(enum format format, double *thresholds)
{
    static const enum format wider[] = {FORMAT_F32, FORMAT_F64};
    int count = format_thresholds(format, thresholds);
    for (size_t i = 0; i < sizeof wider / sizeof wider[0]; i++)
        if (format_info[wider[i]].precision > format_info[format].precision)
            count += format_thresholds(wider[i], thresholds + count);
    double targets[TARGETS_PER_LOGIT_MAX];
    size_t target_count;
    soft_targets(format, targets, &target_count);
    for (size_t i = 0; i < target_count; i++)
        if (targets[i] > 0.5)
            thresholds[count++] = log(targets[i] / (1.0 - targets[i]));
    return count;
}

/* The centre rounded to the format and `neighbours` values of the format on each side. */
static void add_neighbourhood(struct values *list, enum format format, double centre,
                              int neighbours)
{
    double rounded = round_to_format(format, centre);
    if (isinf(rounded))
        return; /* a wider format's threshold beyond this format's range */
    for (int k = -neighbours; k <= neighbours; k++)
        values_add(list, format, format_step(format, rounded, k));
}

static void add_threshold_neighbourhoods(struct values *list, enum format format, int neighbours)
{
    double thresholds[THRESHOLDS_MAX];
    int count = all_thresholds(format, thresholds);
    add_neighbourhood(list, format, 0.0, neighbours); /* the subnormals */
    for (int i = 0; i < count; i++) {
        add_neighbourhood(list, format, thresholds[i], neighbours);
        add_neighbourhood(list, format, -thresholds[i], neighbours);
    }
}

static void add_grid(struct values *list, enum format format, double limit, double step)
{
    long steps = (long)(limit / step);
    for (long i = -steps; i <= steps; i++)
        values_add(list, format, (double)i * step);
}

/* Every finite value of a 16-bit format in [-limit, limit]. */
static void add_all_16_bit(struct values *list, enum format format, double limit)
{
    for (uint32_t bits = 0; bits <= 0xffff; bits++) {
        double v = format_from_bits(format, bits);
        if (isfinite(v) && fabs(v) <= limit)
            values_add(list, format, v);
    }
}

/* Random sign, exponent uniform over the binades (subnormal ones included), then uniform
 * significand bits within the binade. */
static double random_binade_value(struct random *random, enum format format)
{
    const struct format_info *info = &format_info[format];
    int lowest = smallest_subnormal_exponent(format);
    int e = lowest + (int)random_below(random, (uint64_t)(info->emax - lowest + 1));
    int ulp_exponent = (e > info->emin ? e : info->emin) - info->precision + 1;
    int free_bits = e - ulp_exponent; /* log2 of the number of values in the binade */
    uint64_t r = random_next(random);
    uint64_t significand = free_bits > 0 ? r >> (64 - free_bits) : 0;
    double v = ldexp(1.0, e) + ldexp((double)significand, ulp_exponent); /* exact */
    return (r & 1) ? -v : v; /* the low bit is not among the significand bits above */
}

/* Half uniform over binades, half uniform over the format's bit patterns (NaN and the
 * infinities kept when drawn).  Each half is its own stream, so a shorter list is a prefix
 * of a longer one: quick's random logits are among random's. */
static void add_random_logits(struct values *list, enum format format, uint64_t seed,
                              size_t count)
{
    struct random binades = random_stream(seed, format, STREAM_BINADE_LOGITS, 0);
    struct random patterns = random_stream(seed, format, STREAM_PATTERN_LOGITS, 0);
    int width = format_width(format);
    for (size_t i = 0; i < count / 2; i++)
        values_add(list, format, random_binade_value(&binades, format));
    for (size_t i = count / 2; i < count; i++)
        values_add(list, format, format_from_bits(format, random_next(&patterns) >> (64 - width)));
}

static void add_extreme(struct values *list, enum format format)
{
    for (int e = smallest_subnormal_exponent(format); e <= format_info[format].emax; e++)
        add_binade(list, format, e);
    add_specials(list, format);
    add_threshold_neighbourhoods(list, format, EXTREME_NEIGHBOURS);
    switch (format) {
    case FORMAT_F64: add_grid(list, format, 750.0, 0.25); break;
    case FORMAT_F32: add_grid(list, format, 120.0, 1.0 / 16); break;
    default: add_all_16_bit(list, format, 20.0); break;
    }
}

/* Every 8th binade (those of 2^0, 2^±8, ...), sparser where there are too many, plus the
 * lowest and the highest. */
static void add_quick(struct values *list, enum format format, uint64_t seed, size_t random_count)
{
    int lowest = smallest_subnormal_exponent(format), highest = format_info[format].emax;
    int binades = highest - lowest + 1;
    int stride = (binades + QUICK_BINADES_MAX - 1) / QUICK_BINADES_MAX;
    if (stride < QUICK_BINADE_STRIDE)
        stride = QUICK_BINADE_STRIDE;
    for (int e = lowest; e <= highest; e++)
        if (e % stride == 0 || e == lowest || e == highest)
            add_binade(list, format, e);
    add_specials(list, format);
    add_threshold_neighbourhoods(list, format, QUICK_NEIGHBOURS);
    add_grid(list, format, 40.0, 0.5);
    add_random_logits(list, format, seed,
                      random_count < QUICK_RANDOM_MAX ? random_count : QUICK_RANDOM_MAX);
}

/* Soft labels, plus the value of the format just below 1 and its distance to 1, where
 * x - x*z and s(x) - z cancel hardest.  Sorted and distinct. */
static void soft_targets(enum format format, double *targets, size_t *count)
{
    static const double labels[] = {0.5, 0.1, 0.9, 0.05, 0.95};
    double tiny = ldexp(1.0, -format_info[format].precision);
    size_t n = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        targets[n++] = round_to_format(format, labels[i]);
    targets[n++] = 1.0 - tiny;
    targets[n++] = tiny;
    *count = sort_unique(targets, n);
}

/* Uniform in [0, 1], rounded to the format, keyed by the seed and the logit's value. */
static void random_targets(enum format format, uint64_t seed, double x, double *targets,
                           size_t *count)
{
    struct random random = random_stream(seed, format, STREAM_TARGETS, double_bits(x));
    for (int i = 0; i < RANDOM_TARGETS_PER_LOGIT; i++) {
        double z = round_to_format(format, random_unit(&random));
        targets[(*count)++] = fmin(fmax(z, 0.0), 1.0);
    }
}

static size_t targets_of(enum format format, enum target_set set, uint64_t seed, double x,
                         double *targets)
{
    size_t count = 0;
    if (set == TARGETS_HARD || set == TARGETS_ALL) {
        targets[count++] = 0.0;
        targets[count++] = 1.0;
    }
    if (set == TARGETS_SOFT || set == TARGETS_ALL) {
        size_t soft_count;
        soft_targets(format, targets + count, &soft_count);
        count += soft_count;
    }
    if (set == TARGETS_RANDOM || set == TARGETS_ALL)
        random_targets(format, seed, x, targets, &count);
    return sort_unique(targets, count);
}

static int pair_with_targets(const struct values *logits, enum format format,
                             enum target_set set, uint64_t seed, struct point_list *out)
{
    size_t capacity = logits->count * TARGETS_PER_LOGIT_MAX;
    out->points = malloc((capacity ? capacity : 1) * sizeof *out->points);
    if (!out->points)
        return -1;
    for (size_t i = 0; i < logits->count; i++) {
        double x = logits->items[i], targets[TARGETS_PER_LOGIT_MAX];
        size_t count = targets_of(format, set, seed, x, targets);
        for (size_t j = 0; j < count; j++)
            out->points[out->count++] = (struct point){x, targets[j]};
    }
    struct point *shrunk = realloc(out->points, (out->count ? out->count : 1) * sizeof *shrunk);
    if (shrunk)
        out->points = shrunk;
    return 0;
}

int suite_points(int suite, enum format format, enum target_set targets, uint64_t seed,
                 size_t random_count, struct point_list *out)
{
    out->points = NULL;
    out->count = 0;
    if (suite < 0 || suite >= SUITE_COUNT || (unsigned)format >= FORMAT_COUNT ||
        (unsigned)targets >= TARGETS_COUNT)
        return -1;
    struct values logits = {0};
    switch (suite) {
    case SUITE_EXTREME: add_extreme(&logits, format); break;
    case SUITE_RANDOM: add_random_logits(&logits, format, seed, random_count); break;
    default: add_quick(&logits, format, seed, random_count); break;
    }
    int status = -1;
    if (!logits.failed) {
        logits.count = sort_unique(logits.items, logits.count);
        status = pair_with_targets(&logits, format, targets, seed, out);
    }
    free(logits.items);
    return status;
}
