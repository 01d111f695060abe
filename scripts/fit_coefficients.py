#!/usr/bin/env python3
"""Generates impls/simd/simd_coefficients.h: the tables and minimax polynomials of the `simd`
kernels (impls/simd/simd_math.h), for binary32 and binary64 arithmetic.

    scripts/fit_coefficients.py > impls/simd/simd_coefficients.h

Deterministic (no randomness), a few minutes with python3-mpmath.  Every polynomial is a
weighted minimax fit by the Remez exchange algorithm in 320-bit arithmetic, at the lowest degree
that meets the goal; its coefficients are then rounded to the format, and the error printed
beside each array is the maximum weighted error of the rounded polynomial, measured on a
20 000-point grid (plus the Remez nodes).

The approximation scheme (see simd_math.h for the error budget):

  exp(-t), t >= 0:  k = round(-16 t / ln 2),  r = -t - (k/16) ln 2,  |r| <= ln 2 / 32,
                    exp(-t) = 2^floor(k/16) * 2^((k mod 16)/16) * exp(r),
      table         EXP2_HI[j] + EXP2_LO[j] = 2^(j/16) to twice the format's precision;
      fast          expm1(r) = r + r^2 P(r),             P ~ (expm1(r) - r) / r^2
                    weight r^2 / exp(r): the error relative to exp(r);
      precise       expm1(r) = r + r^2/2 + (r^2/2) r Q(r), Q ~ (expm1(r) - r - r^2/2) / (r^3/2)
                    weight |r|^3 / (2 exp(r)).
  log1p(e), 0 < e <= 1:  bin i = round(15 e) (one FMA with a shifter), q = 1 + e,
                    log1p(e) = LOGC[i] + log1p(d),  d = (1 + e) INVC[i] - 1 = e INVC[i] + INVCM1[i],
      table         bin 0: INVC = 1 (d = e, no cancellation for tiny e); bin i >= 1: INVC near
                    1/(1 + i/15), chosen among nearby floats so that LOGC = -log(INVC) rounded to
                    the format is within a tiny fraction of its ulp (no low part needed);
                    INVCM1 = INVC - 1 exactly (Sterbenz); |d| <= 1/30 or so;
      polynomial    log1p(d) = d + d^2 L(d),  L ~ (log1p(d) - d) / d^2, L(0) = -1/2,
                    weight d^2 / |log1p(d)|: the error relative to log1p(d) (<= relative to b).
"""
import sys

import mpmath as mp

mp.mp.prec = 320

FORMATS = {"f32": 24, "f64": 53}
BINS = 16
LOG_STEPS = 15  # the log1p bin of e is round(15 e): 16 bins centred on i/15
LN2 = mp.log(2)
R_MAX = LN2 / (2 * BINS) * (1 + mp.mpf(2) ** -10)  # |r| bound with the rounding of k's product


def round_to(value, precision):
    with mp.workprec(precision):
        return +mp.mpf(value)


def ulp(value, precision):
    exponent = mp.floor(mp.log(abs(value), 2))
    return mp.mpf(2) ** (exponent - precision + 1)


def c_literal(value, fmt):
    """An exact C hexadecimal literal of a value of the format."""
    text = float(value).hex()
    return text + ("f" if fmt == "f32" else "")


def chebyshev_grid(lower, upper, points):
    """Chebyshev-spaced points of [lower, upper], without those within 1e-4 of the width from 0
    (where every weight here vanishes and the residuals below would cancel)."""
    grid = [(lower + upper) / 2 - (upper - lower) / 2 * mp.cos(mp.pi * (j + mp.mpf(1) / 2) / points)
            for j in range(points)]
    return [x for x in grid if abs(x) > (upper - lower) * mp.mpf(10) ** -4]


def remez(grid, values, weights, degree, iterations=40):
    """Coefficients c_0..c_degree minimising max_j |weights[j] (sum c_k x_j^k - values[j])| over
    the grid (the Remez exchange), and the levelled error."""
    n = degree + 1
    nodes = sorted(set(int(round((len(grid) - 1) * (1 - mp.cos(mp.pi * i / n)) / 2)) for i in range(n + 1)))
    coefficients, level = None, None
    for _ in range(iterations):
        matrix = mp.matrix(n + 1, n + 1)
        rhs = mp.matrix(n + 1, 1)
        for row, index in enumerate(nodes):
            x = grid[index]
            for k in range(n):
                matrix[row, k] = x ** k
            matrix[row, n] = (-1) ** row / weights[index]
            rhs[row] = values[index]
        solution = mp.lu_solve(matrix, rhs)
        coefficients = [solution[k] for k in range(n)]
        level = abs(solution[n])
        errors = [weights[j] * (mp.polyval(coefficients[::-1], grid[j]) - values[j]) for j in range(len(grid))]
        # one extremum per run of equal sign, then keep n + 1 alternating ones around the largest
        runs, start = [], 0
        for j in range(1, len(errors) + 1):
            if j == len(errors) or mp.sign(errors[j]) != mp.sign(errors[start]):
                runs.append(max(range(start, j), key=lambda i: abs(errors[i])))
                start = j
        while len(runs) > n + 1:
            if abs(errors[runs[0]]) < abs(errors[runs[-1]]):
                runs.pop(0)
            else:
                runs.pop()
        worst = max(abs(e) for e in errors)
        if len(runs) == n + 1:
            nodes = runs
        if worst <= level * (1 + mp.mpf(10) ** -6):
            break
    return coefficients, level


def fit(name, target, weight, lower, upper, fmt, goal, fixed=()):
    """The lowest degree whose rounded coefficients meet 2^goal; prints the C array.
    `fixed` are leading coefficients taken as given (exact Taylor values such as -1/2: on an
    interval around 0 the rounding of a fitted constant term costs eps |x| w(x), which no
    polynomial can take back).  The others come from one Remez fit, rounded either all at once or
    one at a time, lowest first, refitting the higher ones to what the rounded ones left; the
    more accurate of the two is kept."""
    precision = FORMATS[fmt]
    grid = chebyshev_grid(lower, upper, 2000)
    values = [target(x) for x in grid]
    weights = [weight(x) for x in grid]
    check = [lower + (upper - lower) * j / 20000 for j in range(20001)]
    check = [x for x in check if x != 0] + grid
    check_values = [(x, target(x), weight(x)) for x in check]

    def residual_fit(rounded, degree):
        k = len(rounded)
        residual = [(v - mp.polyval(rounded[::-1], x)) / x ** k for x, v in zip(grid, values)]
        scaled = [w * abs(x) ** k for x, w in zip(grid, weights)]
        return remez(grid, residual, scaled, degree - k)

    def error_of(rounded):
        return max((abs(w * (mp.polyval(rounded[::-1], x) - v)), x) for x, v, w in check_values)

    for degree in range(max(1, len(fixed)), 16):
        start = [mp.mpf(c) for c in fixed]
        coefficients, minimax_level = residual_fit(start, degree)
        candidates = [start + [round_to(c, precision) for c in coefficients]]
        sequential = list(start)
        for k in range(len(start), degree + 1):
            coefficients, _ = residual_fit(sequential, degree)
            sequential.append(round_to(coefficients[0], precision))
        candidates.append(sequential)
        (error, at), rounded = min((error_of(c), c) for c in candidates)
        if error <= mp.mpf(2) ** goal:
            break
    scalar = "float" if fmt == "f32" else "double"
    print(f"/* {name}: degree {degree}{' (constant term fixed)' if fixed else ''} on [{mp.nstr(lower, 8)}, "
          f"{mp.nstr(upper, 8)}]; minimax level 2^{mp.nstr(mp.log(minimax_level, 2), 4)}; with the coefficients "
          f"rounded, max error 2^{mp.nstr(mp.log(error, 2), 4)} (goal 2^{goal}) at {mp.nstr(at, 6)}. */")
    print(f"static POLYNOMIAL_STORAGE const {scalar} {name}[{degree + 1}] = {{")
    print("    " + ", ".join(c_literal(c, fmt) for c in rounded) + ",\n};\n")
    return error


def expm1_over(r, subtract, power):
    return (mp.expm1(r) - subtract(r)) / r ** power


def tables(fmt):
    precision = FORMATS[fmt]
    scalar = "float" if fmt == "f32" else "double"
    hi, lo = [], []
    for j in range(BINS):
        value = mp.mpf(2) ** (mp.mpf(j) / BINS)
        h = round_to(value, precision)
        hi.append(h)
        lo.append(round_to(value - h, precision))
    print(f"/* 2^(j/16) = EXP2_HI + EXP2_LO to about 2^-{2 * precision} relative. */")
    print(f"static TABLE_STORAGE const {scalar} exp2_hi_{fmt}[16] = {{\n    " + ", ".join(c_literal(v, fmt) for v in hi) + ",\n};")
    print(f"static TABLE_STORAGE const {scalar} exp2_lo_{fmt}[16] = {{\n    " + ", ".join(c_literal(v, fmt) for v in lo) + ",\n};\n")

    invc, logc = [mp.mpf(1)], [mp.mpf(0)]
    worst_logc = mp.mpf(0)
    search = 2 ** 12
    for i in range(1, BINS):
        # c = 1 + i/15 would make every step of INVC move LOGC by a rational multiple of its ulp
        # with a small denominator, so the fraction would never get small in binary64: offset
        # the centre by 2^-12 phi, downwards, so that INVC stays >= 1/2 (INVC - 1 exact).
        center = round_to(1 / (1 + mp.mpf(i) / LOG_STEPS - mp.mpf(2) ** -12 * mp.phi), precision)
        step = ulp(center, precision)
        best = None
        for k in range(-search, search + 1):
            candidate = center + k * step
            if candidate < mp.mpf(1) / 2:
                continue
            exact = -mp.log(candidate)
            rounded = round_to(exact, precision)
            error = abs(exact - rounded) / ulp(rounded, precision)
            if best is None or error < best[0]:
                best = (error, candidate, rounded)
        invc.append(best[1])
        logc.append(best[2])
        worst_logc = max(worst_logc, abs(-mp.log(best[1]) - best[2]))
    for v in invc:
        assert round_to(v - 1, precision) == v - 1, "INVC - 1 must be exact"
    # d = q INVC - 1 over each bin of q = 1 + e, e in [(i - 1/2)/15, (i + 1/2)/15] (bin 0 from 0,
    # bin 15 up to 1), with a margin for the rounding of 15 e
    margin = mp.mpf(2) ** -20
    edges = [(max(mp.mpf(i) - mp.mpf(1) / 2, 0) / LOG_STEPS, min(mp.mpf(i) + mp.mpf(1) / 2, LOG_STEPS) / LOG_STEPS)
             for i in range(BINS)]
    d_low = min(min((1 + lo) * invc[i] - 1 for i, (lo, hi) in enumerate(edges)), 0) - margin
    d_high = max((1 + hi) * invc[i] - 1 for i, (lo, hi) in enumerate(edges)) + margin
    print(f"/* log1p bins: i = round(15 e), q = 1 + e in [1 + (i - 1/2)/15, 1 + (i + 1/2)/15]; INVC near "
          f"1/(1 + i/15), INVCM1 = INVC - 1\n * exactly, LOGC = -log(INVC) rounded, within "
          f"2^{mp.nstr(mp.log(worst_logc, 2), 4)} of the exact value (no low part);\n * d = q INVC - 1 lies in "
          f"[{mp.nstr(d_low, 6)}, {mp.nstr(d_high, 6)}]. */")
    print(f"static TABLE_STORAGE const {scalar} log_invc_{fmt}[16] = {{\n    " + ", ".join(c_literal(v, fmt) for v in invc) + ",\n};")
    print(f"static TABLE_STORAGE const {scalar} log_invcm1_{fmt}[16] = {{\n    " + ", ".join(c_literal(v - 1, fmt) for v in invc) + ",\n};")
    print(f"static TABLE_STORAGE const {scalar} log_logc_{fmt}[16] = {{\n    " + ", ".join(c_literal(v, fmt) for v in logc) + ",\n};\n")
    return d_low, d_high


def constants(fmt):
    precision = FORMATS[fmt]
    scalar = "float" if fmt == "f32" else "double"
    ln2_hi = round_to(LN2, precision)
    ln2_lo = round_to(LN2 - ln2_hi, precision)
    inverse = round_to(-1 / LN2, precision)
    print("/* ln 2 = LN2_HI + LN2_LO to about twice the precision; -1/ln 2 rounded. */")
    print(f"static const {scalar} ln2_hi_{fmt} = {c_literal(ln2_hi, fmt)};")
    print(f"static const {scalar} ln2_lo_{fmt} = {c_literal(ln2_lo, fmt)};")
    print(f"static const {scalar} negative_inverse_ln2_{fmt} = {c_literal(inverse, fmt)};\n")


STORAGE_QUALIFIERS = """/* Where the arrays live: nothing to say on a CPU; the CUDA kernels (impls/cuda/lane_ops.h)
 * put the polynomials in constant memory (every thread reads the same coefficient) and the
 * tables in global memory (threads index them differently). */
#ifndef TABLE_STORAGE
#define TABLE_STORAGE
#endif
#ifndef POLYNOMIAL_STORAGE
#define POLYNOMIAL_STORAGE
#endif
"""


def main():
    print("/* Generated by scripts/fit_coefficients.py: do not edit; rerun the script instead.")
    print(" * Tables and minimax polynomials of the simd kernels (impls/simd/simd_math.h);")
    print(" * the scheme is described at the top of the script. */")
    print("#ifndef SCEBENCH_SIMD_COEFFICIENTS_H\n#define SCEBENCH_SIMD_COEFFICIENTS_H\n")
    print(STORAGE_QUALIFIERS)
    goals = {"f32": {"fast": -29, "precise": -44, "log": -30},
             "f64": {"fast": -59, "precise": -74, "log": -60}}
    exp_weight_fast = lambda r: r ** 2 / mp.exp(r)
    exp_weight_precise = lambda r: abs(r) ** 3 / (2 * mp.exp(r))
    exp_fast = lambda r: expm1_over(r, lambda v: v, 2)
    exp_precise = lambda r: expm1_over(r, lambda v: v + v ** 2 / 2, 3) * 2
    log_target = lambda d: (mp.log1p(d) - d) / d ** 2
    log_weight = lambda d: d ** 2 / abs(mp.log1p(d))
    for fmt in ("f32", "f64"):
        print(f"/* ---- {fmt} ---- */\n")
        constants(fmt)
        d_low, d_high = tables(fmt)
        fit(f"exp_fast_{fmt}", exp_fast, exp_weight_fast, -R_MAX, R_MAX, fmt, goals[fmt]["fast"])
        fit(f"exp_precise_{fmt}", exp_precise, exp_weight_precise, -R_MAX, R_MAX, fmt, goals[fmt]["precise"])
        fit(f"log1p_{fmt}", log_target, log_weight, d_low, d_high, fmt, goals[fmt]["log"], fixed=[-0.5])
        sys.stdout.flush()
    print("#endif")


if __name__ == "__main__":
    main()
