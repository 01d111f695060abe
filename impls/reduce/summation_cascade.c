/* cascade: PyTorch's CPU sum (cascade_sum in aten/src/ATen/native/cpu/SumKernel.cpp), the
 * pairwise-like summation behind torch.sum and torch.mean on CPU, emulated exactly for one
 * thread of an AVX2 build (Vectorized<float>: 8 lanes).
 *
 * The accumulator type is float for f32, f16 and bf16 (acc_type<T, true>), and the mean of a
 * half tensor first converts it to float (mean_out: cast_fp32 -> sum -> div -> cast), so
 * every format is summed as float terms.  For a contiguous row of n terms
 * (vectorized_inner_sum, row_sum, multi_row_sum):
 *   - the first 8 * (n / 8) terms form vec_size = n / 8 vectors of 8 lanes; groups of 4
 *     vectors (32 terms, the "ILP" rows) are added into 4 x 8 lane accumulators acc[0];
 *   - blocks and a tree: with size = vec_size / 4 rows, level_power = max(4, ceil_log2(size)
 *     / 4) and level_step = 2^level_power (16 rows = 512 terms for n up to 2^23, 64 rows at
 *     10^9), after every level_step rows acc[0] is added into acc[1] and cleared; after
 *     level_step additions into acc[1] (the row count a multiple of level_step^2), acc[1]
 *     goes into acc[2], then acc[2] into acc[3], which grows linearly: a 4-level cascade of
 *     blocks of level_step, where each level adds numbers of similar magnitude;
 *   - the rows after the last complete block go into acc[0]; then acc[0] += acc[1], acc[2],
 *     acc[3]; the vectors left over (vec_size mod 4) are added into the first accumulator
 *     vector, and the other three into it, lane by lane;
 *   - the tail terms (n mod 8) are added one by one into a float final_acc = 0, then the 8
 *     lanes in order.
 *   mean = RN_format(RN32(sum / RN32(n))): div_ in float, then the cast to f16/bf16.
 * Below 8 terms PyTorch takes the scalar path, the same scheme with 1 lane; that is what runs
 * here too.  Threads: PyTorch's parallel_reduce splits a long row between threads (each its
 * own cascade, then their sums added); this is the single-thread result
 * (torch.set_num_threads(1)).
 *
 * Weaknesses: every addition is in float, so the error is a few f32 ulps times the depth of
 * the cascade: small, but not below the f32 ulp of the mean, and acc[3] grows linearly, so
 * for very long rows the error grows again (slowly).  f16 and bf16 are exact to their ulp.
 *
 * Accuracy contract: none. */
#include "summation_common.h"

#define LEVELS 4
#define ILP 4
#define MAX_LANES 8
#define BLOCK 1024

struct cascade_state {
    int lanes;        /* 8, or 1 on the scalar path (n < 8) */
    int row_terms;    /* ILP * lanes */
    int level_power;
    uint64_t end_rows;    /* terms covered by the rows: size * row_terms */
    uint64_t end_vectors; /* terms covered by whole vectors: vec_size * lanes */
    uint64_t rows_done;
    int collapsed, folded;
    float acc[LEVELS][ILP * MAX_LANES];
    float final_acc;
};

/* ceil(log2(x)) as ATen's CeilLog2: 1 for x <= 2. */
static int ceil_log2(uint64_t x)
{
    if (x <= 2)
        return 1;
    int last_set = 63 - __builtin_clzll(x - 1);
    return last_set + 1;
}

static void cascade_begin(struct summation_state *state)
{
    struct cascade_state *cascade = SUMMATION_DATA(struct cascade_state, state);
    memset(cascade, 0, sizeof *cascade);
    cascade->lanes = state->n >= MAX_LANES ? MAX_LANES : 1;
    cascade->row_terms = ILP * cascade->lanes;
    uint64_t vec_size = state->n / (uint64_t)cascade->lanes;
    uint64_t size = vec_size / ILP;
    int power = ceil_log2(size) / LEVELS;
    cascade->level_power = power > 4 ? power : 4;
    cascade->end_rows = size * (uint64_t)cascade->row_terms;
    cascade->end_vectors = vec_size * (uint64_t)cascade->lanes;
}

/* After `rows` complete rows, at the end of a block of level_step rows. */
static void cascade_levels(struct cascade_state *cascade, uint64_t rows)
{
    uint64_t mask = ((uint64_t)1 << cascade->level_power) - 1;
    for (int level = 1; level < LEVELS; level++) {
        for (int k = 0; k < cascade->row_terms; k++) {
            cascade->acc[level][k] += cascade->acc[level - 1][k];
            cascade->acc[level - 1][k] = 0.0f;
        }
        if ((rows & (mask << (level * cascade->level_power))) != 0)
            break;
    }
}

/* The transitions due at term g: end of the rows (levels collapsed into acc[0]), end of the
 * whole vectors (the ILP accumulators folded into the first). */
static void cascade_settle(struct cascade_state *cascade, uint64_t g)
{
    if (!cascade->collapsed && g >= cascade->end_rows) {
        for (int level = 1; level < LEVELS; level++)
            for (int k = 0; k < cascade->row_terms; k++)
                cascade->acc[0][k] += cascade->acc[level][k];
        cascade->collapsed = 1;
    }
    if (cascade->collapsed && !cascade->folded && g >= cascade->end_vectors) {
        for (int v = 1; v < ILP; v++)
            for (int lane = 0; lane < cascade->lanes; lane++)
                cascade->acc[0][lane] += cascade->acc[0][v * cascade->lanes + lane];
        cascade->folded = 1;
    }
}

static void cascade_feed(struct cascade_state *cascade, uint64_t g, const float *t, size_t count)
{
    size_t i = 0;
    while (i < count) {
        cascade_settle(cascade, g);
        if (g < cascade->end_rows) {
            uint64_t position = g % (uint64_t)cascade->row_terms;
            uint64_t level_step = (uint64_t)1 << cascade->level_power;
            if (position == 0 && count - i >= (size_t)cascade->row_terms && cascade->row_terms == ILP * MAX_LANES) {
                float *acc = cascade->acc[0];
                for (int k = 0; k < ILP * MAX_LANES; k++)
                    acc[k] += t[i + (size_t)k];
                i += ILP * MAX_LANES;
                g += ILP * MAX_LANES;
            } else {
                cascade->acc[0][position] += t[i];
                i++;
                g++;
                if (position + 1 < (uint64_t)cascade->row_terms)
                    continue;
            }
            cascade->rows_done++;
            /* a block ends only inside the loop over whole blocks of level_step rows */
            if (cascade->rows_done % level_step == 0)
                cascade_levels(cascade, cascade->rows_done);
        } else if (g < cascade->end_vectors) {
            cascade->acc[0][g % (uint64_t)cascade->lanes] += t[i];
            i++;
            g++;
        } else {
            cascade->final_acc += t[i];
            i++;
            g++;
        }
    }
    cascade_settle(cascade, g);
}

static void cascade_add(struct summation_state *state, const void *terms, size_t count)
{
    struct cascade_state *cascade = SUMMATION_DATA(struct cascade_state, state);
    float block[BLOCK];
    for (size_t start = 0; start < count; start += BLOCK) {
        size_t length = count - start < BLOCK ? count - start : BLOCK;
        const void *source = state->format == FORMAT_F32 ? (const void *)((const float *)terms + start)
                                                         : (const void *)((const uint16_t *)terms + start);
        summation_decode(state->format, source, length, block);
        cascade_feed(cascade, state->consumed + start, block, length);
    }
}

static double cascade_sum(const struct summation_state *state)
{
    struct cascade_state copy = *SUMMATION_CONST_DATA(struct cascade_state, state);
    cascade_settle(&copy, state->n);
    float sum = copy.final_acc;
    for (int lane = 0; lane < copy.lanes; lane++)
        sum += copy.acc[0][lane];
    return sum;
}

static double cascade_mean(const struct summation_state *state)
{
    float quotient = (float)cascade_sum(state) / (float)state->n;
    return round_to_format(state->format, quotient);
}

const struct summation_strategy summation_cascade = {
    .name = "cascade",
    .formula = "PyTorch's CPU cascade_sum in float: 32 lane accumulators (4 x 8), a 4-level cascade of blocks "
               "of 2^max(4, ceil_log2(n/32)/4) rows of 32 terms (512 terms up to n = 2^23), tail and lanes "
               "added last; mean = RN(RN32(sum / RN32(n)))",
    .origin = "PyTorch aten/src/ATen/native/cpu/SumKernel.cpp (cascade_sum), one thread, AVX2 width",
    .accumulator = "f32",
    .weaknesses = "float additions: a few f32 ulps; the top level grows linearly for very long rows",
    .formats = SUMMATION_NARROW_FORMATS,
    .sequential = 0,
    .begin = cascade_begin,
    .add = cascade_add,
    .sum = cascade_sum,
    .mean = cascade_mean,
};
