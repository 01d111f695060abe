# reduction-error-bf16: drawn by plots.gp, data in reduction-error-bf16.dat
set datafile separator "\t"
set datafile missing "NaN"
set grid lc rgb "#dddddd"
set border lc rgb "#444444"
set title "bf16: relative error of the mean loss against n"
set logscale xy
set xlabel "n"
set format x "1e%L"
set ylabel "relative error"
set format y "1e%L"
set key outside right top vertical font ",9"
plot "reduction-error-bf16.dat" index 0 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#0072B2" title "plain", \
  "reduction-error-bf16.dat" index 0 using 1:3 with lines lw 1.2 dt 2 lc rgb "#0072B2" notitle, \
  "reduction-error-bf16.dat" index 1 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#D55E00" title "f64", \
  "reduction-error-bf16.dat" index 1 using 1:3 with lines lw 1.2 dt 2 lc rgb "#D55E00" notitle, \
  "reduction-error-bf16.dat" index 2 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#009E73" title "cascade", \
  "reduction-error-bf16.dat" index 2 using 1:3 with lines lw 1.2 dt 2 lc rgb "#009E73" notitle, \
  "reduction-error-bf16.dat" index 3 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#CC79A7" title "kahan-neumaier", \
  "reduction-error-bf16.dat" index 3 using 1:3 with lines lw 1.2 dt 2 lc rgb "#CC79A7" notitle, \
  "reduction-error-bf16.dat" index 4 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#E69F00" title "kahan", \
  "reduction-error-bf16.dat" index 4 using 1:3 with lines lw 1.2 dt 2 lc rgb "#E69F00" notitle, \
  "reduction-error-bf16.dat" index 5 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#56B4E9" title "gpu-tree", \
  "reduction-error-bf16.dat" index 5 using 1:3 with lines lw 1.2 dt 2 lc rgb "#56B4E9" notitle, \
  "reduction-error-bf16.dat" index 6 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#000000" title "f32", \
  "reduction-error-bf16.dat" index 6 using 1:3 with lines lw 1.2 dt 2 lc rgb "#000000" notitle, \
  "reduction-error-bf16.dat" index 7 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#8C564B" title "sum-cast", \
  "reduction-error-bf16.dat" index 7 using 1:3 with lines lw 1.2 dt 2 lc rgb "#8C564B" notitle
