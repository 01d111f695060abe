/* issue_rate.c: how many independent vector operations one core completes per cycle, for the
 * operation mixes of the simd kernels (impls/simd/): FMA only, FMA + add, FMA + add + integer,
 * at 512 and 256 bits.  A kernel's speed floor is its operations per element over this rate
 * (README, "SIMD implementations").
 *
 * The clock comes from a chain of dependent integer adds (one cycle each on x86-64 cores);
 * each mix then advances enough independent chains that only the issue rate limits it.
 * Measured on this project's Zen 4 host, 3.66 GHz: 512-bit 1.00 / 2.01 / 2.01, 256-bit
 * 2.01 / 3.71 / 4.02 (FMA / FMA + add / FMA + add + integer): the same 32 binary32 lanes a
 * cycle either way, AVX-512 taking two cycles of a 256-bit pipe per operation.
 *
 * Build and run: scripts/issue-rate (needs AVX-512F and VL). */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

/* Chains enough to cover latency times throughput (FMA: 4 cycles, 2 pipes at 256 bits). */
enum { ITERATIONS = 50000000, FLOAT_CHAINS = 16, INTEGER_CHAINS = 8 };

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Cycles per second: 100 dependent adds per iteration. */
static double clock_rate(void)
{
    unsigned long value = 0;
    double start = seconds();
    for (long i = 0; i < ITERATIONS / 10; i++)
        __asm__ volatile(".rept 100\n\tadd $1, %0\n\t.endr" : "+r"(value));
    return 100.0 * (ITERATIONS / 10) / (seconds() - start);
}

/* One mix at one width, as a function returning operations per second: FMAS chains of FMA,
 * ADDS of additions, INTEGERS of integer additions, each chain in a register of its own (the
 * empty asm statements keep the compiler from merging or dropping them). */
#define MIX(name, vector, integer, fma, add, integer_add, set, set_integer, FMAS, ADDS, INTEGERS)   \
    static double name(void)                                                                       \
    {                                                                                              \
        vector a[FLOAT_CHAINS], m = set(0.999f), c = set(1e-7f);                                   \
        integer k[INTEGER_CHAINS], one = set_integer(1);                                           \
        _Pragma("GCC unroll 16") for (int j = 0; j < FLOAT_CHAINS; j++) a[j] = set(1.0f);          \
        _Pragma("GCC unroll 8") for (int j = 0; j < INTEGER_CHAINS; j++) k[j] = set_integer(j);    \
        double start = seconds();                                                                  \
        for (long i = 0; i < ITERATIONS; i++) {                                                    \
            _Pragma("GCC unroll 16") for (int j = 0; j < FMAS; j++) a[j] = fma(a[j], m, c);        \
            _Pragma("GCC unroll 16") for (int j = FMAS; j < FMAS + ADDS; j++) a[j] = add(a[j], c); \
            _Pragma("GCC unroll 8") for (int j = 0; j < INTEGERS; j++) k[j] = integer_add(k[j], one); \
            _Pragma("GCC unroll 16") for (int j = 0; j < FLOAT_CHAINS; j++)                        \
                __asm__ volatile("" : "+v"(a[j]));                                                 \
            _Pragma("GCC unroll 8") for (int j = 0; j < INTEGER_CHAINS; j++)                       \
                __asm__ volatile("" : "+v"(k[j]));                                                 \
        }                                                                                          \
        return (FMAS + ADDS + INTEGERS) * (double)ITERATIONS / (seconds() - start);                \
    }

#define MIX_512(name, fmas, adds, integers)                                                        \
    MIX(name, __m512, __m512i, _mm512_fmadd_ps, _mm512_add_ps, _mm512_add_epi32, _mm512_set1_ps,   \
        _mm512_set1_epi32, fmas, adds, integers)
#define MIX_256(name, fmas, adds, integers)                                                        \
    MIX(name, __m256, __m256i, _mm256_fmadd_ps, _mm256_add_ps, _mm256_add_epi32, _mm256_set1_ps,   \
        _mm256_set1_epi32, fmas, adds, integers)

MIX_512(fma_512, 16, 0, 0)
MIX_512(fma_add_512, 8, 8, 0)
MIX_512(fma_add_integer_512, 8, 8, 8)
MIX_256(fma_256, 16, 0, 0)
MIX_256(fma_add_256, 8, 8, 0)
MIX_256(fma_add_integer_256, 8, 8, 8)

int main(void)
{
    double rate = clock_rate();
    printf("clock %.2f GHz\n", rate * 1e-9);
    printf("%-22s %8s %8s   (operations per cycle)\n", "mix", "512-bit", "256-bit");
    printf("%-22s %8.2f %8.2f\n", "FMA", fma_512() / rate, fma_256() / rate);
    printf("%-22s %8.2f %8.2f\n", "FMA + add", fma_add_512() / rate, fma_add_256() / rate);
    printf("%-22s %8.2f %8.2f\n", "FMA + add + integer", fma_add_integer_512() / rate,
           fma_add_integer_256() / rate);
    return 0;
}
