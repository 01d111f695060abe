/* kernels.cuh: the one generic body of every CUDA kernel of scebench, over a policy that says
 * how one element is computed (kernels_accurate_f32.cu, kernels_accurate_f64.cu,
 * kernels_fast.cu), and the launch interface between those files and device.cu.
 *
 * Memory: each thread of a grid-stride loop moves 16 bytes of x and of z per step (4 f32, 8
 * f16/bf16 or 2 f64 elements: one 128-bit load each, issued a step ahead) and stores 16 bytes
 * per output; the last n mod (16 / size) elements are taken one by one.  Arrays come from
 * cudaMalloc (256-byte aligned).  The grid is sized from the SM count by device.cu.
 *
 * The mean is deterministic: each thread sums its elements in a fixed order, each block its
 * threads by a fixed tree in shared memory, and one block of the second stage the blocks'
 * partials by the same tree; no atomics, so an input gives the same bits every run for a
 * given grid.  A thread's sum is compensated binary32 for cuda-accurate's f32 (the binary64
 * pipe is its loss's), else binary64 (f16, bf16, cuda-fast's f32) or double-binary64 (f64);
 * the tree is binary64 or double-binary64.  2^28 terms of 2^-24 relative error each stay far
 * below an f32 ulp of the mean. */
#ifndef SCEBENCH_KERNELS_CUH
#define SCEBENCH_KERNELS_CUH

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <stdint.h>

#include "cuda_device.h"

/* What device.cu passes to a kernel family: device arrays, the operation and the grid.
 * `result` (CUDA_MEAN) receives two doubles: the sum as hi + lo; `partials` has room for two
 * doubles per block. */
struct launch {
    enum format format;
    enum cuda_operation operation;
    size_t n;
    const void *x, *z;
    void *out, *second;
    double *partials, *result;
    int blocks, threads;
    cudaStream_t stream;
};

/* One per file: the accurate kernels (binary32 lanes: f32, f16, bf16; binary64 lanes: f64),
 * the fast ones (all formats) and the read roofline (device.cu). */
void launch_accurate_f32(const struct launch *launch);
/* Copies softplus_table.h's tables to the device, once per process (kernels_accurate_f32.cu). */
void upload_softplus_tables(void);
void launch_accurate_f64(const struct launch *launch);
void launch_fast(const struct launch *launch);

enum { KERNEL_THREADS = 256 };

/* Prints "scebench: CUDA: CALL: reason" and exits with status 1 unless status is cudaSuccess. */
void check_cuda(cudaError_t status, const char *call);

/* ---- storage ---- */

template <enum format F> struct storage;
template <> struct storage<FORMAT_F64> {
    typedef double bits;
    static __device__ __forceinline__ double load(bits v) { return v; }
};
template <> struct storage<FORMAT_F32> {
    typedef float bits;
    static __device__ __forceinline__ float load(bits v) { return v; }
};
template <> struct storage<FORMAT_F16> {
    typedef unsigned short bits;
    static __device__ __forceinline__ float load(bits v) { return __half2float(__ushort_as_half(v)); }
};
template <> struct storage<FORMAT_BF16> {
    typedef unsigned short bits;
    static __device__ __forceinline__ float load(bits v) { return __bfloat162float(__ushort_as_bfloat16(v)); }
};

/* A value rounded once (to nearest) into the storage, from the lanes' type or from binary64
 * (the rare path's value, already rounded to odd). */
template <enum format F> __device__ __forceinline__ typename storage<F>::bits store_value(double v);
template <> __device__ __forceinline__ double store_value<FORMAT_F64>(double v) { return v; }
template <> __device__ __forceinline__ float store_value<FORMAT_F32>(double v) { return __double2float_rn(v); }
template <> __device__ __forceinline__ unsigned short store_value<FORMAT_F16>(double v)
{
    return __half_as_ushort(__double2half(v));
}
template <> __device__ __forceinline__ unsigned short store_value<FORMAT_BF16>(double v)
{
    return __bfloat16_as_ushort(__double2bfloat16(v));
}
template <enum format F> __device__ __forceinline__ typename storage<F>::bits store_lane(float v);
template <> __device__ __forceinline__ float store_lane<FORMAT_F32>(float v) { return v; }
template <> __device__ __forceinline__ unsigned short store_lane<FORMAT_F16>(float v)
{
    return __half_as_ushort(__float2half_rn(v));
}
template <> __device__ __forceinline__ unsigned short store_lane<FORMAT_BF16>(float v)
{
    return __bfloat16_as_ushort(__float2bfloat16_rn(v));
}

/* The stored value as binary64, for the mean. */
template <enum format F> __device__ __forceinline__ double stored_as_double(typename storage<F>::bits v)
{
    return (double)storage<F>::load(v);
}

/* ---- sums ---- */

struct double_sum {
    double value;
    __device__ __forceinline__ void add(double v) { value = __dadd_rn(value, v); }
    __device__ __forceinline__ void merge(const double_sum &other) { add(other.value); }
    __device__ __forceinline__ double high() const { return value; }
    __device__ __forceinline__ double low() const { return 0.0; }
    static __device__ __forceinline__ double_sum make(double hi, double) { return double_sum{hi}; }
};

/* hi + lo with 2Sum on every addition (Neumaier's compensated sum, kept as a pair). */
struct double_double_sum {
    double hi, lo;
    __device__ __forceinline__ void add_pair(double v_hi, double v_lo)
    {
        double sum = __dadd_rn(hi, v_hi);
        double part = __dsub_rn(sum, hi);
        double error = __dadd_rn(__dsub_rn(hi, __dsub_rn(sum, part)), __dsub_rn(v_hi, part));
        double tail = __dadd_rn(__dadd_rn(lo, v_lo), error);
        hi = __dadd_rn(sum, tail);
        lo = __dsub_rn(tail, __dsub_rn(hi, sum));
    }
    __device__ __forceinline__ void add(double v) { add_pair(v, 0.0); }
    __device__ __forceinline__ void merge(const double_double_sum &other) { add_pair(other.hi, other.lo); }
    __device__ __forceinline__ double high() const { return hi; }
    __device__ __forceinline__ double low() const { return lo; }
    static __device__ __forceinline__ double_double_sum make(double h, double l) { return double_double_sum{h, l}; }
};

/* Per-thread sums of stored losses, turned into the block tree's Sum at the end. */

/* Each stored loss widened to binary64 (f16, bf16: the binary64 pipe is idle in their loss). */
template <enum format F, class Sum> struct widening_sum {
    Sum sum;
    __device__ __forceinline__ void add_stored(typename storage<F>::bits v) { sum.add(stored_as_double<F>(v)); }
    __device__ __forceinline__ Sum total() const { return sum; }
};

/* f32: Neumaier's compensated sum in binary32, so that the binary64 pipe, which the f32 loss
 * fills, has no conversion and addition per element to do.  The terms are >= 0: a thread's few
 * hundred terms are summed to within about 2^-47 of their sum. */
struct compensated_float_sum {
    float hi, lo;
    __device__ __forceinline__ void add_stored(float v)
    {
        float sum = __fadd_rn(hi, v);
        float error = fabsf(hi) >= fabsf(v) ? __fadd_rn(__fsub_rn(hi, sum), v) : __fadd_rn(__fsub_rn(v, sum), hi);
        lo = __fadd_rn(lo, error);
        hi = sum;
    }
    __device__ __forceinline__ double_sum total() const { return double_sum{__dadd_rn((double)hi, (double)lo)}; }
};

/* ---- the generic elementwise kernel ---- */

/* A thread's next 16 bytes of x and of z, loaded one grid-stride step ahead so that the loads
 * are in flight during the current step's arithmetic. */
struct next_packs {
    uint4 x, z;
    __device__ __forceinline__ void load(const void *xs, const void *zs, size_t p, size_t packs)
    {
        if (p < packs) {
            x = __ldg((const uint4 *)xs + p);
            z = __ldg((const uint4 *)zs + p);
        }
    }
};

/* 16 bytes of storage as elements. */
template <class Bits> union pack {
    uint4 raw;
    Bits element[sizeof(uint4) / sizeof(Bits)];
};

/* Policy: a struct with
 *   static const enum format format;  typedef ... sum;  (double_sum or double_double_sum: the tree's)
 *   typedef ... thread_sum;  (widening_sum<format, sum> or compensated_float_sum: a thread's)
 *   static __device__ bits loss(bits x, bits z), gradient(bits x, bits z);
 *   static __device__ void fused(bits x, bits z, bits *loss, bits *gradient);
 * Operation: CUDA_LOSS, CUDA_GRAD or CUDA_FUSED. */
template <class Policy, enum cuda_operation Operation>
__device__ __forceinline__ void compute(typename storage<Policy::format>::bits x, typename storage<Policy::format>::bits z,
                                        typename storage<Policy::format>::bits *out,
                                        typename storage<Policy::format>::bits *second)
{
    if (Operation == CUDA_LOSS)
        *out = Policy::loss(x, z);
    else if (Operation == CUDA_GRAD)
        *out = Policy::gradient(x, z);
    else
        Policy::fused(x, z, out, second);
}

template <class Policy, enum cuda_operation Operation>
__global__ void __launch_bounds__(KERNEL_THREADS)
    elementwise_kernel(size_t n, const typename storage<Policy::format>::bits *__restrict__ x,
                       const typename storage<Policy::format>::bits *__restrict__ z,
                       typename storage<Policy::format>::bits *__restrict__ out,
                       typename storage<Policy::format>::bits *__restrict__ second)
{
    typedef typename storage<Policy::format>::bits bits;
    const int width = sizeof(uint4) / sizeof(bits);
    size_t packs = n / width;
    size_t stride = (size_t)gridDim.x * blockDim.x;
    size_t first = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    next_packs next = {};
    next.load(x, z, first, packs);
    for (size_t p = first; p < packs; p += stride) {
        pack<bits> xs, zs, outs, seconds;
        xs.raw = next.x;
        zs.raw = next.z;
        next.load(x, z, p + stride, packs);
#pragma unroll
        for (int k = 0; k < width; k++)
            compute<Policy, Operation>(xs.element[k], zs.element[k], &outs.element[k], &seconds.element[k]);
        ((uint4 *)out)[p] = outs.raw;
        if (Operation == CUDA_FUSED)
            ((uint4 *)second)[p] = seconds.raw;
    }
    for (size_t i = packs * width + first; i < n; i += stride) {
        bits unused;
        compute<Policy, Operation>(x[i], z[i], &out[i], Operation == CUDA_FUSED ? &second[i] : &unused);
    }
}

/* The block's sum of its threads' sums by a fixed tree; thread 0 writes hi, lo. */
template <class Sum> __device__ __forceinline__ void block_sum(Sum own, double *destination)
{
    __shared__ double high[KERNEL_THREADS], low[KERNEL_THREADS];
    high[threadIdx.x] = own.high();
    low[threadIdx.x] = own.low();
    __syncthreads();
    for (int half = KERNEL_THREADS / 2; half > 0; half /= 2) {
        if ((int)threadIdx.x < half) {
            Sum mine = Sum::make(high[threadIdx.x], low[threadIdx.x]);
            mine.merge(Sum::make(high[threadIdx.x + half], low[threadIdx.x + half]));
            high[threadIdx.x] = mine.high();
            low[threadIdx.x] = mine.low();
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        destination[0] = high[0];
        destination[1] = low[0];
    }
}

/* One element's loss for the mean; with WriteGradient its gradient too (the fused pass). */
template <class Policy, bool WriteGradient>
__device__ __forceinline__ typename storage<Policy::format>::bits
mean_term(typename storage<Policy::format>::bits x, typename storage<Policy::format>::bits z,
          typename storage<Policy::format>::bits *gradient)
{
    if (!WriteGradient)
        return Policy::loss(x, z);
    typename storage<Policy::format>::bits loss;
    Policy::fused(x, z, &loss, gradient);
    return loss;
}

/* Stage one of the mean: partials[2 b], partials[2 b + 1] = block b's sum of stored losses;
 * with WriteGradient (CUDA_MEAN_GRAD) the gradients go to `gradient` on the way. */
template <class Policy, bool WriteGradient>
__global__ void __launch_bounds__(KERNEL_THREADS)
    mean_partials_kernel(size_t n, const typename storage<Policy::format>::bits *__restrict__ x,
                         const typename storage<Policy::format>::bits *__restrict__ z, double *partials,
                         typename storage<Policy::format>::bits *__restrict__ gradient)
{
    typedef typename storage<Policy::format>::bits bits;
    const int width = sizeof(uint4) / sizeof(bits);
    size_t packs = n / width;
    size_t stride = (size_t)gridDim.x * blockDim.x;
    size_t first = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    typename Policy::thread_sum sum = {};
    next_packs next = {};
    next.load(x, z, first, packs);
    for (size_t p = first; p < packs; p += stride) {
        pack<bits> xs, zs, gradients;
        xs.raw = next.x;
        zs.raw = next.z;
        next.load(x, z, p + stride, packs);
#pragma unroll
        for (int k = 0; k < width; k++)
            sum.add_stored(mean_term<Policy, WriteGradient>(xs.element[k], zs.element[k], &gradients.element[k]));
        if (WriteGradient)
            ((uint4 *)gradient)[p] = gradients.raw;
    }
    for (size_t i = packs * width + first; i < n; i += stride) {
        bits unused;
        sum.add_stored(mean_term<Policy, WriteGradient>(x[i], z[i], WriteGradient ? &gradient[i] : &unused));
    }
    block_sum(sum.total(), partials + 2 * blockIdx.x);
}

/* Stage two: one block adds the `count` partials, each thread a fixed strided subset. */
template <class Sum> __global__ void __launch_bounds__(KERNEL_THREADS) mean_final_kernel(const double *partials, int count, double *result)
{
    Sum sum = Sum::make(0.0, 0.0);
    for (int b = threadIdx.x; b < count; b += KERNEL_THREADS)
        sum.merge(Sum::make(partials[2 * b], partials[2 * b + 1]));
    block_sum(sum, result);
}

/* Launches one operation of a policy. */
template <class Policy> void launch_policy(const struct launch *l)
{
    typedef typename storage<Policy::format>::bits bits;
    const bits *x = (const bits *)l->x, *z = (const bits *)l->z;
    bits *out = (bits *)l->out, *second = (bits *)l->second;
    switch (l->operation) {
    case CUDA_LOSS:
        elementwise_kernel<Policy, CUDA_LOSS><<<l->blocks, l->threads, 0, l->stream>>>(l->n, x, z, out, second);
        break;
    case CUDA_GRAD:
        elementwise_kernel<Policy, CUDA_GRAD><<<l->blocks, l->threads, 0, l->stream>>>(l->n, x, z, out, second);
        break;
    case CUDA_FUSED:
        elementwise_kernel<Policy, CUDA_FUSED><<<l->blocks, l->threads, 0, l->stream>>>(l->n, x, z, out, second);
        break;
    case CUDA_MEAN:
        mean_partials_kernel<Policy, false><<<l->blocks, KERNEL_THREADS, 0, l->stream>>>(l->n, x, z, l->partials, out);
        mean_final_kernel<typename Policy::sum><<<1, KERNEL_THREADS, 0, l->stream>>>(l->partials, l->blocks, l->result);
        break;
    case CUDA_MEAN_GRAD:
        mean_partials_kernel<Policy, true><<<l->blocks, KERNEL_THREADS, 0, l->stream>>>(l->n, x, z, l->partials, out);
        mean_final_kernel<typename Policy::sum><<<1, KERNEL_THREADS, 0, l->stream>>>(l->partials, l->blocks, l->result);
        break;
    default:
        break;
    }
}

#endif
