# histogram-f16-native-loss: drawn by plots.gp, data in histogram-f16-native-loss.dat
set datafile separator "\t"
set datafile missing "NaN"
set grid lc rgb "#dddddd"
set border lc rgb "#444444"
set title "f16, native loss: share of points per error bucket"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border rgb "#333333"
set boxwidth 0.9
set logscale y
set yrange [0.01:150]
set format y "%g%%"
set xlabel "error (ulp)"
set ylabel "share of points"
set grid noxtics
set key outside right top vertical font ",9"
set title font ",10"
plot "histogram-f16-native-loss.dat" using 2:xtic(1) title columnheader(2) lc rgb "#0072B2", \
  "histogram-f16-native-loss.dat" using 3:xtic(1) title columnheader(3) lc rgb "#D55E00", \
  "histogram-f16-native-loss.dat" using 4:xtic(1) title columnheader(4) lc rgb "#009E73", \
  "histogram-f16-native-loss.dat" using 5:xtic(1) title columnheader(5) lc rgb "#CC79A7", \
  "histogram-f16-native-loss.dat" using 6:xtic(1) title columnheader(6) lc rgb "#E69F00", \
  "histogram-f16-native-loss.dat" using 7:xtic(1) title columnheader(7) lc rgb "#56B4E9", \
  "histogram-f16-native-loss.dat" using 8:xtic(1) title columnheader(8) lc rgb "#000000", \
  "histogram-f16-native-loss.dat" using 9:xtic(1) title columnheader(9) lc rgb "#8C564B", \
  "histogram-f16-native-loss.dat" using 10:xtic(1) title columnheader(10) lc rgb "#7F7F7F", \
  "histogram-f16-native-loss.dat" using 11:xtic(1) title columnheader(11) lc rgb "#BCBD22", \
  "histogram-f16-native-loss.dat" using 12:xtic(1) title columnheader(12) lc rgb "#9467BD", \
  "histogram-f16-native-loss.dat" using 13:xtic(1) title columnheader(13) lc rgb "#F0E442", \
  "histogram-f16-native-loss.dat" using 14:xtic(1) title columnheader(14) lc rgb "#0072B2", \
  "histogram-f16-native-loss.dat" using 15:xtic(1) title columnheader(15) lc rgb "#D55E00", \
  "histogram-f16-native-loss.dat" using 16:xtic(1) title columnheader(16) lc rgb "#009E73", \
  "histogram-f16-native-loss.dat" using 17:xtic(1) title columnheader(17) lc rgb "#CC79A7", \
  "histogram-f16-native-loss.dat" using 18:xtic(1) title columnheader(18) lc rgb "#E69F00", \
  "histogram-f16-native-loss.dat" using 19:xtic(1) title columnheader(19) lc rgb "#56B4E9"
