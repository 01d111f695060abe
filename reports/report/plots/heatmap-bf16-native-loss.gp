# heatmap-bf16-native-loss: drawn by plots.gp, data in heatmap-bf16-native-loss.dat
set datafile separator "\t"
set datafile missing "NaN"
set grid lc rgb "#dddddd"
set border lc rgb "#444444"
unset datafile
set datafile separator "\t"
set palette defined (0 "#30123b", 1 "#4686fb", 2 "#1ae4b6", 3 "#a2fc3c", 4 "#faba39", 5 "#e4460a", 6 "#7a0403")
set cbrange [-2:4]
set cbtics ("<=0.01" -2, "1" 0, "1e2" 2, "inf" 4)
set xlabel "x" offset 0,0.5
set ylabel "z" offset 1.5,0
unset key
set tics font ",8"
set grid noxtics noytics
set multiplot layout 5,3 title "bf16, native loss: largest error (ulp) per cell of (x, z)"
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "textbook"
plot "heatmap-bf16-native-loss.dat" index 0 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "seed-simplified"
plot "heatmap-bf16-native-loss.dat" index 1 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "caffe"
plot "heatmap-bf16-native-loss.dat" index 2 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "stable-branch"
plot "heatmap-bf16-native-loss.dat" index 3 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "branchless"
plot "heatmap-bf16-native-loss.dat" index 4 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "pytorch"
plot "heatmap-bf16-native-loss.dat" index 5 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "pytorch-legacy"
plot "heatmap-bf16-native-loss.dat" index 6 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "optax"
plot "heatmap-bf16-native-loss.dat" index 7 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "keras-probs"
plot "heatmap-bf16-native-loss.dat" index 8 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "simd"
plot "heatmap-bf16-native-loss.dat" index 9 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "simd-avx2"
plot "heatmap-bf16-native-loss.dat" index 10 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "simd-avx512"
plot "heatmap-bf16-native-loss.dat" index 11 using 1:2:3 with image
set xrange [-0.5:76.5]
set yrange [-0.5:31.5]
set xtics ("-inf" -0.5, "-2" 19.5, "6e-3" 39.5, "6" 59.5, "inf" 76.5)
set ytics ("0" -0.5, "0.25" 7.5, "0.5" 15.5, "0.75" 23.5, "1" 31.5)
set title "accurate"
plot "heatmap-bf16-native-loss.dat" index 12 using 1:2:3 with image
unset multiplot
