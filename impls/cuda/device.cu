/* device.cu: cuda_device.h: the device, the host-array path of the registry's kernels, and the
 * device-resident benchmark (random inputs made on the device, CUDA events, the read roofline).
 *
 * Grid: KERNEL_THREADS threads per block and 8 blocks per SM (2048 resident threads per SM on
 * sm_90), fewer when the array has fewer 16-byte packs; every kernel is a grid-stride loop. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels.cuh"

enum { BLOCKS_PER_SM = 8 };

void check_cuda(cudaError_t status, const char *call)
{
    if (status == cudaSuccess)
        return;
    fprintf(stderr, "scebench: CUDA: %s: %s\n", call, cudaGetErrorString(status));
    exit(1);
}

static size_t storage_size(enum format format) { return format == FORMAT_F64 ? 8 : format == FORMAT_F32 ? 4 : 2; }

/* ---- the device ---- */

int cuda_device_count(char *why, size_t why_size)
{
    int count = 0;
    cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess) {
        snprintf(why, why_size, "cudaGetDeviceCount: %s", cudaGetErrorString(status));
        return 0;
    }
    if (count == 0)
        snprintf(why, why_size, "cudaGetDeviceCount: no device");
    return count;
}

static int attribute(enum cudaDeviceAttr which)
{
    int value = 0;
    check_cuda(cudaDeviceGetAttribute(&value, which, 0), "cudaDeviceGetAttribute");
    return value;
}

int cuda_device_describe(struct cuda_device_info *info)
{
    char why[256];
    if (cuda_device_count(why, sizeof why) == 0)
        return -1;
    cudaDeviceProp properties;
    check_cuda(cudaGetDeviceProperties(&properties, 0), "cudaGetDeviceProperties");
    memset(info, 0, sizeof *info);
    snprintf(info->name, sizeof info->name, "%s", properties.name);
    info->ordinal = 0;
    info->compute_major = properties.major;
    info->compute_minor = properties.minor;
    info->sm_count = properties.multiProcessorCount;
    info->memory_bytes = properties.totalGlobalMem;
    info->l2_bytes = properties.l2CacheSize;
    info->clock_khz = attribute(cudaDevAttrClockRate);
    info->memory_clock_khz = attribute(cudaDevAttrMemoryClockRate);
    info->memory_bus_bits = attribute(cudaDevAttrGlobalMemoryBusWidth);
    check_cuda(cudaDriverGetVersion(&info->driver_version), "cudaDriverGetVersion");
    check_cuda(cudaRuntimeGetVersion(&info->runtime_version), "cudaRuntimeGetVersion");
    return 0;
}

static int blocks_for(enum format format, size_t n)
{
    static int sm_count;
    if (sm_count == 0)
        sm_count = attribute(cudaDevAttrMultiProcessorCount);
    size_t packs = n / (16 / storage_size(format)) + 1;
    size_t wanted = (packs + KERNEL_THREADS - 1) / KERNEL_THREADS;
    size_t most = (size_t)sm_count * BLOCKS_PER_SM;
    return (int)(wanted < most ? wanted : most);
}

/* ---- the read roofline: x and z summed as integers, one partial per block ---- */

__global__ void __launch_bounds__(KERNEL_THREADS) read_kernel(size_t bytes, const uint4 *x, const uint4 *z, unsigned long long *partials)
{
    size_t packs = bytes / sizeof(uint4);
    size_t stride = (size_t)gridDim.x * blockDim.x;
    unsigned long long sum = 0;
    for (size_t p = (size_t)blockIdx.x * blockDim.x + threadIdx.x; p < packs; p += stride) {
        uint4 a = __ldg(x + p), b = __ldg(z + p);
        sum += (unsigned long long)(a.x ^ b.x) + (a.y ^ b.y) + (a.z ^ b.z) + (a.w ^ b.w);
    }
    __shared__ unsigned long long block[KERNEL_THREADS];
    block[threadIdx.x] = sum;
    __syncthreads();
    for (int half = KERNEL_THREADS / 2; half > 0; half /= 2) {
        if ((int)threadIdx.x < half)
            block[threadIdx.x] += block[threadIdx.x + half];
        __syncthreads();
    }
    if (threadIdx.x == 0)
        partials[blockIdx.x] = block[0];
}

static void launch(enum cuda_variant variant, const struct launch *l)
{
    if (l->operation == CUDA_READ) {
        read_kernel<<<l->blocks, KERNEL_THREADS, 0, l->stream>>>(l->n * storage_size(l->format), (const uint4 *)l->x,
                                                                 (const uint4 *)l->z, (unsigned long long *)l->partials);
    } else if (variant == CUDA_FAST) {
        launch_fast(l);
    } else if (l->format == FORMAT_F64) {
        launch_accurate_f64(l);
    } else {
        launch_accurate_f32(l);
    }
    check_cuda(cudaGetLastError(), "kernel launch");
}

/* ---- host arrays: per-thread buffers and stream ---- */

struct host_path {
    cudaStream_t stream;
    size_t capacity_bytes;
    void *x, *z, *out, *second;
    double *partials; /* 2 per block, and the result's 2 */
    int partial_capacity;
};

static thread_local struct host_path host_path;

static void host_path_reserve(size_t bytes, int blocks)
{
    struct host_path *p = &host_path;
    if (!p->stream) { /* a thread's first call */
        upload_softplus_tables();
        check_cuda(cudaStreamCreateWithFlags(&p->stream, cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
    }
    if (bytes > p->capacity_bytes) {
        void **arrays[4] = {&p->x, &p->z, &p->out, &p->second};
        for (int k = 0; k < 4; k++) {
            if (*arrays[k])
                check_cuda(cudaFree(*arrays[k]), "cudaFree");
            check_cuda(cudaMalloc(arrays[k], bytes), "cudaMalloc");
        }
        p->capacity_bytes = bytes;
    }
    if (blocks > p->partial_capacity) {
        if (p->partials)
            check_cuda(cudaFree(p->partials), "cudaFree");
        check_cuda(cudaMalloc(&p->partials, (size_t)(2 * blocks + 2) * sizeof(double)), "cudaMalloc");
        p->partial_capacity = blocks;
    }
}

static struct launch host_launch(enum format format, enum cuda_operation operation, size_t n, const void *x,
                                 const void *z)
{
    size_t bytes = n * storage_size(format);
    int blocks = blocks_for(format, n);
    host_path_reserve(bytes > 0 ? bytes : 16, blocks);
    struct host_path *p = &host_path;
    check_cuda(cudaMemcpyAsync(p->x, x, bytes, cudaMemcpyHostToDevice, p->stream), "cudaMemcpyAsync");
    check_cuda(cudaMemcpyAsync(p->z, z, bytes, cudaMemcpyHostToDevice, p->stream), "cudaMemcpyAsync");
    struct launch l = {format, operation, n, p->x, p->z, p->out, p->second,
                       p->partials, p->partials + 2 * blocks, blocks, KERNEL_THREADS, p->stream};
    return l;
}

void cuda_run_host(enum cuda_variant variant, enum format format, enum cuda_operation operation, size_t n,
                   const void *x, const void *z, void *out, void *second)
{
    if (n == 0)
        return;
    struct launch l = host_launch(format, operation, n, x, z);
    launch(variant, &l);
    size_t bytes = n * storage_size(format);
    check_cuda(cudaMemcpyAsync(out, l.out, bytes, cudaMemcpyDeviceToHost, l.stream), "cudaMemcpyAsync");
    if (operation == CUDA_FUSED)
        check_cuda(cudaMemcpyAsync(second, l.second, bytes, cudaMemcpyDeviceToHost, l.stream), "cudaMemcpyAsync");
    check_cuda(cudaStreamSynchronize(l.stream), "cudaStreamSynchronize");
}

/* The mean pass, and with a `gradient` array the mean+grad pass writing it. */
static double mean_pass_host(enum cuda_variant variant, enum format format, size_t n, const void *x, const void *z,
                             void *gradient)
{
    if (n == 0)
        return NAN;
    struct launch l = host_launch(format, gradient ? CUDA_MEAN_GRAD : CUDA_MEAN, n, x, z);
    launch(variant, &l);
    double sum[2];
    check_cuda(cudaMemcpyAsync(sum, l.result, sizeof sum, cudaMemcpyDeviceToHost, l.stream), "cudaMemcpyAsync");
    if (gradient)
        check_cuda(cudaMemcpyAsync(gradient, l.out, n * storage_size(format), cudaMemcpyDeviceToHost, l.stream),
                   "cudaMemcpyAsync");
    check_cuda(cudaStreamSynchronize(l.stream), "cudaStreamSynchronize");
    return (sum[0] + sum[1]) / (double)n;
}

double cuda_mean_host(enum cuda_variant variant, enum format format, size_t n, const void *x, const void *z)
{
    return mean_pass_host(variant, format, n, x, z, NULL);
}

double cuda_mean_gradient_host(enum cuda_variant variant, enum format format, size_t n, const void *x, const void *z,
                               void *gradient)
{
    return mean_pass_host(variant, format, n, x, z, gradient);
}

/* ---- device-resident benchmark data ---- */

struct cuda_bench_data {
    enum format format;
    size_t n;
    void *x, *z, *loss, *gradient;
    double *partials;
    int blocks;
    double last_mean;
    cudaStream_t stream;
};

/* SplitMix64: element i's random bits for a seed. */
static __device__ __forceinline__ uint64_t mix(uint64_t v)
{
    v += 0x9e3779b97f4a7c15ull;
    v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ull;
    v = (v ^ (v >> 27)) * 0x94d049bb133111ebull;
    return v ^ (v >> 31);
}

static __device__ __forceinline__ double unit(uint64_t bits) { return (double)(bits >> 11) * 0x1p-53; }

template <enum format F> __global__ void fill_kernel(size_t n, uint64_t seed, typename storage<F>::bits *x, typename storage<F>::bits *z)
{
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        uint64_t a = mix(seed ^ (2 * i)), b = mix(seed ^ (2 * i + 1));
        double range = (a & 15) == 0 ? 100.0 : 20.0;
        double xv = (2.0 * unit(a) - 1.0) * range;
        double zv = (b & 1) ? (double)((b >> 1) & 1) : 0.01 + 0.98 * unit(b);
        typename storage<F>::bits xs = store_value<F>(xv);
        if (storage<F>::load(xs) == 0) /* never zero */
            xs = store_value<F>(0.5);
        x[i] = xs;
        z[i] = store_value<F>(zv);
    }
}

struct cuda_bench_data *cuda_bench_create(enum format format, size_t n, uint64_t seed)
{
    struct cuda_bench_data *data = (struct cuda_bench_data *)calloc(1, sizeof *data);
    if (!data)
        return NULL;
    upload_softplus_tables();
    data->format = format;
    data->n = n;
    data->blocks = blocks_for(format, n);
    size_t bytes = (n > 0 ? n : 1) * storage_size(format);
    void **arrays[4] = {&data->x, &data->z, &data->loss, &data->gradient};
    for (int k = 0; k < 4; k++)
        if (cudaMalloc(arrays[k], bytes) != cudaSuccess) {
            cudaGetLastError(); /* clear the allocation error */
            cuda_bench_free(data);
            return NULL;
        }
    check_cuda(cudaMalloc(&data->partials, (size_t)(2 * data->blocks + 2) * sizeof(double)), "cudaMalloc");
    check_cuda(cudaStreamCreateWithFlags(&data->stream, cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
    int blocks = data->blocks;
    switch (format) {
    case FORMAT_F64: fill_kernel<FORMAT_F64><<<blocks, KERNEL_THREADS, 0, data->stream>>>(n, seed, (double *)data->x, (double *)data->z); break;
    case FORMAT_F32: fill_kernel<FORMAT_F32><<<blocks, KERNEL_THREADS, 0, data->stream>>>(n, seed, (float *)data->x, (float *)data->z); break;
    case FORMAT_F16: fill_kernel<FORMAT_F16><<<blocks, KERNEL_THREADS, 0, data->stream>>>(n, seed, (unsigned short *)data->x, (unsigned short *)data->z); break;
    default: fill_kernel<FORMAT_BF16><<<blocks, KERNEL_THREADS, 0, data->stream>>>(n, seed, (unsigned short *)data->x, (unsigned short *)data->z); break;
    }
    check_cuda(cudaGetLastError(), "fill_kernel");
    check_cuda(cudaStreamSynchronize(data->stream), "cudaStreamSynchronize");
    data->last_mean = NAN;
    return data;
}

void cuda_bench_free(struct cuda_bench_data *data)
{
    if (!data)
        return;
    void *arrays[5] = {data->x, data->z, data->loss, data->gradient, data->partials};
    for (int k = 0; k < 5; k++)
        if (arrays[k])
            cudaFree(arrays[k]);
    if (data->stream)
        cudaStreamDestroy(data->stream);
    free(data);
}

size_t cuda_bytes_per_element(enum format format, enum cuda_operation operation)
{
    size_t outputs = operation == CUDA_FUSED                                                  ? 2
                     : operation == CUDA_LOSS || operation == CUDA_GRAD || operation == CUDA_MEAN_GRAD ? 1
                                                                                                      : 0;
    return (2 + outputs) * storage_size(format);
}

void cuda_bench_time(struct cuda_bench_data *data, enum cuda_variant variant, enum cuda_operation operation,
                     int warmup, int repetitions, double *milliseconds)
{
    struct launch l = {data->format, operation, data->n, data->x, data->z, data->loss, data->gradient,
                       data->partials, data->partials + 2 * data->blocks, data->blocks, KERNEL_THREADS, data->stream};
    cudaEvent_t start, stop;
    check_cuda(cudaEventCreate(&start), "cudaEventCreate");
    check_cuda(cudaEventCreate(&stop), "cudaEventCreate");
    for (int r = 0; r < warmup; r++)
        launch(variant, &l);
    for (int r = 0; r < repetitions; r++) {
        check_cuda(cudaEventRecord(start, data->stream), "cudaEventRecord");
        launch(variant, &l);
        check_cuda(cudaEventRecord(stop, data->stream), "cudaEventRecord");
        check_cuda(cudaEventSynchronize(stop), "cudaEventSynchronize");
        float elapsed = 0;
        check_cuda(cudaEventElapsedTime(&elapsed, start, stop), "cudaEventElapsedTime");
        milliseconds[r] = elapsed;
    }
    if (operation == CUDA_MEAN || operation == CUDA_MEAN_GRAD) {
        double sum[2];
        check_cuda(cudaMemcpy(sum, l.result, sizeof sum, cudaMemcpyDeviceToHost), "cudaMemcpy");
        data->last_mean = (sum[0] + sum[1]) / (double)data->n;
    }
    check_cuda(cudaEventDestroy(start), "cudaEventDestroy");
    check_cuda(cudaEventDestroy(stop), "cudaEventDestroy");
}

double cuda_bench_last_mean(const struct cuda_bench_data *data) { return data->last_mean; }
