/* kernels_accurate_f32.cu: `cuda-accurate` on f32, f16 and bf16 storage: the table arithmetic
 * of table_math.h, one element per thread (f32 losses and every gradient in binary64, f16 and
 * bf16 losses in binary32), the rare points in double-double (deep.h).  Formula and contract:
 * cuda_accurate.c; error bounds: table_math.h. */
#include <mutex>
#include <type_traits>

#include "kernels.cuh"
#define TABLE_STORAGE __device__ /* deep.h's tables (simd_coefficients.h) */
#define POLYNOMIAL_STORAGE __constant__
#include "simd_coefficients.h"
#include "deep.h"
#include "table_math.h"

/* softplus_table.h's tables in device memory (164 KB in binary64, of which |x| < 20 reads 30 KB;
 * 80 KB for f16 and 68 KB for bf16, of which |x| in [1, 20] reads 2 KB). */
static __device__ struct softplus_binary64 device_table64[SOFTPLUS_TABLE_SIZE];
static __device__ float device_table_f16[SOFTPLUS_F16_LAST + 1];
static __device__ float device_table_bf16[SOFTPLUS_BF16_LAST + 1];

void upload_softplus_tables(void)
{
    static std::once_flag uploaded;
    std::call_once(uploaded, [] {
        check_cuda(cudaMemcpyToSymbol(device_table64, softplus_table64(), sizeof device_table64), "cudaMemcpyToSymbol");
        check_cuda(cudaMemcpyToSymbol(device_table_f16, softplus_table_f16(), sizeof device_table_f16),
                   "cudaMemcpyToSymbol");
        check_cuda(cudaMemcpyToSymbol(device_table_bf16, softplus_table_bf16(), sizeof device_table_bf16),
                   "cudaMemcpyToSymbol");
    });
}

template <enum format F> struct accurate_binary32 {
    static const enum format format = F;
    typedef double_sum sum;
    /* f32: the binary64 pipe is the f32 loss's; f16, bf16: it is idle */
    typedef typename std::conditional<F == FORMAT_F32, compensated_float_sum, widening_sum<F, sum> >::type thread_sum;
    typedef typename storage<F>::bits bits;

    /* x_bits: x as stored (the 16-bit tables' index) */
    static __device__ __forceinline__ bits loss_of(bits x_bits, float x, float z, const struct reduced64 &reduced)
    {
        if (F == FORMAT_F32)
            return store_value<F>(loss64(x, z, reduced, device_table64));
        uint32_t magnitude = (uint32_t)x_bits & 0x7fffu;
        if (F == FORMAT_F16)
            return store_lane<F>(loss16(x, z, magnitude, SOFTPLUS_F16_LAST, device_table_f16));
        return store_lane<F>(loss16(x, z, magnitude, SOFTPLUS_BF16_LAST, device_table_bf16));
    }
    static __device__ __forceinline__ bits gradient_of(float x, float z, const struct reduced64 &reduced)
    {
        int cancelled;
        double g = gradient64(x, z, reduced, device_table64, &cancelled);
        return store_value<F>(cancelled ? deep_gradient(x, z, 1) : g);
    }
    /* The 16-bit loss does not use the binary64 reduction: the compiler drops it there. */
    static __device__ __forceinline__ bits loss(bits x, bits z)
    {
        float xf = storage<F>::load(x), zf = storage<F>::load(z);
        if (!ordinary_inputs(xf, zf))
            return store_value<F>(deep_loss(xf, zf, 1));
        return loss_of(x, xf, zf, reduce64(xf));
    }
    static __device__ __forceinline__ bits gradient(bits x, bits z)
    {
        float xf = storage<F>::load(x), zf = storage<F>::load(z);
        if (!ordinary_inputs(xf, zf))
            return store_value<F>(deep_gradient(xf, zf, 1));
        return gradient_of(xf, zf, reduce64(xf));
    }
    static __device__ __forceinline__ void fused(bits x, bits z, bits *loss_out, bits *gradient_out)
    {
        float xf = storage<F>::load(x), zf = storage<F>::load(z);
        if (!ordinary_inputs(xf, zf)) {
            *loss_out = store_value<F>(deep_loss(xf, zf, 1));
            *gradient_out = store_value<F>(deep_gradient(xf, zf, 1));
            return;
        }
        struct reduced64 reduced = reduce64(xf);
        *loss_out = loss_of(x, xf, zf, reduced);
        *gradient_out = gradient_of(xf, zf, reduced);
    }
};

void launch_accurate_f32(const struct launch *launch)
{
    if (launch->format == FORMAT_F32)
        launch_policy<accurate_binary32<FORMAT_F32> >(launch);
    else if (launch->format == FORMAT_F16)
        launch_policy<accurate_binary32<FORMAT_F16> >(launch);
    else if (launch->format == FORMAT_BF16)
        launch_policy<accurate_binary32<FORMAT_BF16> >(launch);
}
