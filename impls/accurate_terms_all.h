/* accurate_terms_all.h: accurate_terms.h instantiated once for each wide type, for `accurate`
 * (impls/accurate.c) and the weighted `accurate` (impls/reduce/weighted_accurate.c):
 *
 *   double       suffix _double        the second tier of f32, f16 and bf16
 *   long double  suffix _long_double   the second tier of f64 (x87, 64-bit significand)
 *   __float128   suffix _quad          the third tier of every format (libquadmath)
 *
 * Each defines loss_terms, grad_terms, last_bit, sum_to_odd and finish with its suffix, all
 * static.  Include it once in a file. */
#ifndef SCEBENCH_ACCURATE_TERMS_ALL_H
#define SCEBENCH_ACCURATE_TERMS_ALL_H

#include <math.h>
#include <quadmath.h>
#include <stdint.h>
#include <string.h>

#include "storage.h"

#define WIDE double
#define WIDE_NAME(name) name##_double
#define WIDE_EXP exp
#define WIDE_LOG1P log1p
#define WIDE_TANH tanh
#define WIDE_FABS fabs
#define WIDE_NEXTAFTER nextafter
#define WIDE_RELATIVE_ERROR 0x1p-49 /* glibc exp, log1p, tanh: < 2 ulp each */
#include "accurate_terms.h"

#define WIDE long double
#define WIDE_NAME(name) name##_long_double
#define WIDE_EXP expl
#define WIDE_LOG1P log1pl
#define WIDE_TANH tanhl
#define WIDE_FABS fabsl
#define WIDE_NEXTAFTER nextafterl
#define WIDE_RELATIVE_ERROR 0x1p-59L /* 64-bit significand, a few ulp per term */
#include "accurate_terms.h"

#define WIDE __float128
#define WIDE_NAME(name) name##_quad
#define WIDE_EXP expq
#define WIDE_LOG1P log1pq
#define WIDE_TANH tanhq
#define WIDE_FABS fabsq
#define WIDE_NEXTAFTER nextafterq
#define WIDE_RELATIVE_ERROR 0x1p-108Q /* 113-bit significand, a few ulp per term */
#include "accurate_terms.h"

#endif
