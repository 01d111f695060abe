# profile-bf16-native-loss-z0: drawn by plots.gp, data in profile-bf16-native-loss-z0.dat
set datafile separator "\t"
set datafile missing "NaN"
set grid lc rgb "#dddddd"
set border lc rgb "#444444"
set title "bf16, native loss, z = 0"
set xrange [-3.5844443071651764:3.5844443071651764]
set xtics ("0" 0, "1" 0.3010299956639812, "-1" -0.3010299956639812, "10" 1.0413926851582249, "-10" -1.0413926851582249, "100" 2.0043213737826426, "-100" -2.0043213737826426, "1000" 3.0004340774793188, "-1000" -3.0004340774793188)
set xlabel "x (symmetric log scale)"
set ylabel "max error (ulp)"
set logscale y
set format y "1e%L"
set yrange [0.0007:30000]
set ytics add ("<=1e-3" 0.001)
set ytics add ("inf" 10000)
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb "#888888"
set label "0.5 ulp" at graph 0.01, first 0.62 tc rgb "#666666" font ",9"
set key outside right top vertical font ",9" samplen 2
plot "profile-bf16-native-loss-z0.dat" index 0 using 1:2 with lines lw 1.6 lc rgb "#0072B2" dt 1 title "textbook", \
  "profile-bf16-native-loss-z0.dat" index 1 using 1:2 with lines lw 1.6 lc rgb "#D55E00" dt 1 title "seed-simplified", \
  "profile-bf16-native-loss-z0.dat" index 2 using 1:2 with lines lw 1.6 lc rgb "#009E73" dt 1 title "caffe", \
  "profile-bf16-native-loss-z0.dat" index 3 using 1:2 with lines lw 1.6 lc rgb "#CC79A7" dt 1 title "stable-branch", \
  "profile-bf16-native-loss-z0.dat" index 4 using 1:2 with lines lw 1.6 lc rgb "#E69F00" dt 1 title "branchless", \
  "profile-bf16-native-loss-z0.dat" index 5 using 1:2 with lines lw 1.6 lc rgb "#56B4E9" dt 1 title "pytorch", \
  "profile-bf16-native-loss-z0.dat" index 6 using 1:2 with lines lw 1.6 lc rgb "#000000" dt 1 title "pytorch-legacy", \
  "profile-bf16-native-loss-z0.dat" index 7 using 1:2 with lines lw 1.6 lc rgb "#8C564B" dt 1 title "optax", \
  "profile-bf16-native-loss-z0.dat" index 8 using 1:2 with lines lw 1.6 lc rgb "#7F7F7F" dt 1 title "keras-probs", \
  "profile-bf16-native-loss-z0.dat" index 9 using 1:2 with lines lw 1.6 lc rgb "#BCBD22" dt 1 title "simd", \
  "profile-bf16-native-loss-z0.dat" index 10 using 1:2 with lines lw 1.6 lc rgb "#9467BD" dt 1 title "simd-avx2", \
  "profile-bf16-native-loss-z0.dat" index 11 using 1:2 with lines lw 1.6 lc rgb "#F0E442" dt 1 title "simd-avx512", \
  "profile-bf16-native-loss-z0.dat" index 12 using 1:2 with lines lw 1.6 lc rgb "#0072B2" dt 2 title "accurate"
