/* kernels_fast.cu: `cuda-fast`, the branchless formula with CUDA's hardware approximations
 * (__expf, __logf, __fdividef; binary32 for f32, f16 and bf16 storage) and CUDA's binary64 exp
 * and log1p for f64.  Formula, origin and weaknesses: cuda_accurate.c. */
#include "kernels.cuh"

template <enum format F> struct fast_binary32 {
    static const enum format format = F;
    typedef double_sum sum;
    typedef widening_sum<F, sum> thread_sum;
    typedef typename storage<F>::bits bits;

    static __device__ __forceinline__ float loss_of(float x, float z, float e)
    {
        return fmaxf(x, 0.0f) - x * z + __logf(1.0f + e);
    }
    static __device__ __forceinline__ float gradient_of(float x, float z, float e)
    {
        float s = x >= 0.0f ? __fdividef(1.0f, 1.0f + e) : __fdividef(e, 1.0f + e);
        return s - z;
    }
    static __device__ __forceinline__ bits loss(bits x, bits z)
    {
        float xf = storage<F>::load(x), zf = storage<F>::load(z);
        return store_lane<F>(loss_of(xf, zf, __expf(-fabsf(xf))));
    }
    static __device__ __forceinline__ bits gradient(bits x, bits z)
    {
        float xf = storage<F>::load(x), zf = storage<F>::load(z);
        return store_lane<F>(gradient_of(xf, zf, __expf(-fabsf(xf))));
    }
    static __device__ __forceinline__ void fused(bits x, bits z, bits *loss_out, bits *gradient_out)
    {
        float xf = storage<F>::load(x), zf = storage<F>::load(z), e = __expf(-fabsf(xf));
        *loss_out = store_lane<F>(loss_of(xf, zf, e));
        *gradient_out = store_lane<F>(gradient_of(xf, zf, e));
    }
};

struct fast_binary64 {
    static const enum format format = FORMAT_F64;
    typedef double_double_sum sum;
    typedef widening_sum<FORMAT_F64, sum> thread_sum;

    static __device__ __forceinline__ double loss_of(double x, double z, double e)
    {
        return fmax(x, 0.0) - x * z + log1p(e);
    }
    static __device__ __forceinline__ double gradient_of(double x, double z, double e)
    {
        double s = x >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        return s - z;
    }
    static __device__ __forceinline__ double loss(double x, double z) { return loss_of(x, z, exp(-fabs(x))); }
    static __device__ __forceinline__ double gradient(double x, double z) { return gradient_of(x, z, exp(-fabs(x))); }
    static __device__ __forceinline__ void fused(double x, double z, double *loss_out, double *gradient_out)
    {
        double e = exp(-fabs(x));
        *loss_out = loss_of(x, z, e);
        *gradient_out = gradient_of(x, z, e);
    }
};

void launch_fast(const struct launch *launch)
{
    switch (launch->format) {
    case FORMAT_F64: launch_policy<fast_binary64>(launch); break;
    case FORMAT_F32: launch_policy<fast_binary32<FORMAT_F32> >(launch); break;
    case FORMAT_F16: launch_policy<fast_binary32<FORMAT_F16> >(launch); break;
    case FORMAT_BF16: launch_policy<fast_binary32<FORMAT_BF16> >(launch); break;
    default: break;
    }
}
