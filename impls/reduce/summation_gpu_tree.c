/* gpu-tree: the two-stage tree reduction of a GPU kernel, emulated on the CPU in f32.
 *
 *   stage 1: blocks of 256 threads, each block over 1024 consecutive terms (256 x k, k = 4):
 *            thread t adds its terms t, t+256, t+512, t+768 in order in float, then the block
 *            reduces its 256 values in shared memory by a tree: for stride 128, 64, ..., 1,
 *            v[t] = RN32(v[t] + v[t + stride]) for t < stride; v[0] is the block's partial sum
 *            (the last block is padded with zeros);
 *   stage 2: one final block of 256 threads: thread t adds the partial sums of blocks t,
 *            t+256, t+512, ... in order in float, then the same tree.
 *   mean = RN_format(RN32(sum * RN32(1/n))): PyTorch's CUDA MeanOps multiplies by the float
 *          factor 1/n and casts the float result to the format.
 *
 * Origin: the classic CUDA reduction (Harris, "Optimizing parallel reduction in CUDA"), the
 * shape of cub::DeviceReduce and of PyTorch's reduce kernels, which accumulate half inputs in
 * float (opmath).  This is a generic two-stage kernel, not PyTorch's exact one (which
 * vectorizes loads by 4 and reduces warps with shuffles); the CUDA kernel itself is not built
 * here, its arithmetic is what is measured.
 *
 * Weaknesses: a tree is accurate (error ~ log2(1024) u per block), but stage 2 adds the
 * n/1024 partial sums per thread sequentially: for n = 10^9, 3815 each, so the error grows
 * again like a plain sum of n/262144 terms.  The 1/n factor and the product round once more
 * (a few tenths of an f32 ulp).
 *
 * Accuracy contract: none. */
#include "summation_common.h"

#define THREADS 256
#define PER_THREAD 4
#define BLOCK_TERMS (THREADS * PER_THREAD)

struct gpu_tree_state {
    float block[BLOCK_TERMS];
    uint32_t filled;
    uint64_t blocks;
    float final[THREADS];
};

/* Shared-memory tree over 256 values (destroys v). */
static float tree(float *v)
{
    for (int stride = THREADS / 2; stride > 0; stride /= 2)
        for (int t = 0; t < stride; t++)
            v[t] += v[t + stride];
    return v[0];
}

static float block_partial(const float *block)
{
    float v[THREADS];
    for (int t = 0; t < THREADS; t++) {
        float sum = 0.0f;
        for (int j = 0; j < PER_THREAD; j++)
            sum += block[t + THREADS * j];
        v[t] = sum;
    }
    return tree(v);
}

static void gpu_tree_begin(struct summation_state *state)
{
    memset(state->data, 0, sizeof(struct gpu_tree_state));
}

static void finish_block(struct gpu_tree_state *gpu)
{
    gpu->final[gpu->blocks % THREADS] += block_partial(gpu->block);
    gpu->blocks++;
    gpu->filled = 0;
}

static void gpu_tree_add(struct summation_state *state, const void *terms, size_t count)
{
    struct gpu_tree_state *gpu = SUMMATION_DATA(struct gpu_tree_state, state);
    size_t i = 0;
    while (i < count) {
        size_t length = BLOCK_TERMS - gpu->filled;
        if (length > count - i)
            length = count - i;
        const void *source = state->format == FORMAT_F32 ? (const void *)((const float *)terms + i)
                                                         : (const void *)((const uint16_t *)terms + i);
        summation_decode(state->format, source, length, gpu->block + gpu->filled);
        gpu->filled += (uint32_t)length;
        i += length;
        if (gpu->filled == BLOCK_TERMS)
            finish_block(gpu);
    }
}

static double gpu_tree_sum(const struct summation_state *state)
{
    struct gpu_tree_state copy = *SUMMATION_CONST_DATA(struct gpu_tree_state, state);
    if (copy.filled > 0) {
        memset(copy.block + copy.filled, 0, (BLOCK_TERMS - copy.filled) * sizeof(float));
        finish_block(&copy);
    }
    return tree(copy.final);
}

static double gpu_tree_mean(const struct summation_state *state)
{
    float factor = 1.0f / (float)state->n;
    float mean = (float)gpu_tree_sum(state) * factor;
    return round_to_format(state->format, mean);
}

const struct summation_strategy summation_gpu_tree = {
    .name = "gpu-tree",
    .formula = "two-stage GPU tree in float: blocks of 256 threads x 4 terms (thread sums in order, then a "
               "shared-memory tree), one final block over the partial sums (strided, then a tree); "
               "mean = RN(RN32(sum * RN32(1/n)))",
    .origin = "the classic CUDA two-stage reduction (float accumulation of half inputs), emulated on the CPU",
    .accumulator = "f32",
    .weaknesses = "stage 2 sums n/262144 partials per thread sequentially; 1/n factor rounds once more",
    .formats = SUMMATION_NARROW_FORMATS,
    .sequential = 0,
    .begin = gpu_tree_begin,
    .add = gpu_tree_add,
    .sum = gpu_tree_sum,
    .mean = gpu_tree_mean,
};
