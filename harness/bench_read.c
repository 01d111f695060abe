/* The read kernel of the roofline: sum x[i] + z[i] over a slice, as unsigned integers of the
 * storage width with wrap-around.  Integer addition is associative, so the compiler vectorizes
 * the loop without the reassociation a floating-point sum would need (-O3 for this file, see
 * CMakeLists.txt); on x86-64 a copy per vector width is built and the widest the CPU supports
 * is chosen at load time (target_clones).  Every byte of both arrays is read once per pass,
 * which is the traffic floor of any loss or gradient kernel. */
#include "bench.h"

#include <stdint.h>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define READ_CLONES __attribute__((target_clones("avx512f", "avx2", "default"), noinline))
#else
#define READ_CLONES __attribute__((noinline))
#endif

READ_CLONES static uint64_t sum64(size_t n, const uint64_t *restrict x, const uint64_t *restrict z)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i] + z[i];
    return sum;
}

READ_CLONES static uint32_t sum32(size_t n, const uint32_t *restrict x, const uint32_t *restrict z)
{
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i] + z[i];
    return sum;
}

READ_CLONES static uint16_t sum16(size_t n, const uint16_t *restrict x, const uint16_t *restrict z)
{
    uint16_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = (uint16_t)(sum + x[i] + z[i]);
    return sum;
}

uint64_t bench_read_sum(enum format format, size_t n, const void *x, const void *z)
{
    switch (format_info[format].storage_bytes) {
    case 8: return sum64(n, x, z);
    case 4: return sum32(n, x, z);
    default: return sum16(n, x, z);
    }
}
