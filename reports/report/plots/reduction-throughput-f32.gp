# reduction-throughput-f32: drawn by plots.gp, data in reduction-throughput-f32.dat
set datafile separator "\t"
set datafile missing "NaN"
set grid lc rgb "#dddddd"
set border lc rgb "#444444"
set title "f32: throughput against n"
set logscale xy
set xlabel "n"
set format x "1e%L"
set ylabel "Gelem/s"
set format y "%g"
set key outside right top vertical font ",9"
plot "reduction-throughput-f32.dat" index 0 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#0072B2" title "plain", \
  "reduction-throughput-f32.dat" index 1 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#D55E00" title "f64", \
  "reduction-throughput-f32.dat" index 2 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#009E73" title "cascade", \
  "reduction-throughput-f32.dat" index 3 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#CC79A7" title "kahan-neumaier", \
  "reduction-throughput-f32.dat" index 4 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#E69F00" title "kahan", \
  "reduction-throughput-f32.dat" index 5 using 1:2 with linespoints lw 1.6 pt 7 ps 0.6 lc rgb "#56B4E9" title "gpu-tree"
