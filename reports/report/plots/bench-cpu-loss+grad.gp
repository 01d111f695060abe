# bench-cpu-loss+grad: drawn by plots.gp, data in bench-cpu-loss+grad.dat
set datafile separator "\t"
set datafile missing "NaN"
set grid lc rgb "#dddddd"
set border lc rgb "#444444"
set title "cpu, loss+grad: throughput"
set xrange [-0.6:14.6]
set xtics rotate by -30 ("textbook" 0, "seed-simplified" 1, "caffe" 2, "stable-branch" 3, "branchless" 4, "pytorch" 5, "pytorch-legacy" 6, "optax" 7, "keras-probs" 8, "libm-loop" 9, "sleef-u10" 10, "simd" 11, "simd-avx2" 12, "simd-avx512" 13, "accurate" 14)
set grid noxtics
set logscale y
set ylabel "Gelem/s"
set style fill solid 0.85 border rgb "#333333"
set boxwidth 0.72 absolute
set key outside right top vertical font ",9"
plot "bench-cpu-loss+grad.dat" index 0 using 1:2 with boxes lc rgb "#0072B2" title "f32", \
  "bench-cpu-loss+grad.dat" index 0 using 1:2:3:4 with yerrorbars lc rgb "#222222" pt 0 notitle, \
  "bench-cpu-loss+grad.dat" index 0 using ($1-0.36):5:(0.72):(0) with vectors nohead lw 2.5 lc rgb "#000000" title "roofline"
