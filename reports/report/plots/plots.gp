# Draws every plot of the report as SVG and PNG: cd plots && gnuplot plots.gp
set encoding utf8
png_cairo = strstrt(GPVAL_TERMINALS, "pngcairo") > 0

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f64-loss-z0.svg"
load "profile-f64-loss-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f64-loss-z0.png"
load "profile-f64-loss-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f64-loss-z1.svg"
load "profile-f64-loss-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f64-loss-z1.png"
load "profile-f64-loss-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f64-loss-zsoft.svg"
load "profile-f64-loss-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f64-loss-zsoft.png"
load "profile-f64-loss-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-f64-loss.svg"
load "heatmap-f64-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-f64-loss.png"
load "heatmap-f64-loss.gp"
unset output

reset
set terminal svg size 1300,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-f64-loss.svg"
load "histogram-f64-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1300,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1300,420 noenhanced background rgb "white"
}
set output "histogram-f64-loss.png"
load "histogram-f64-loss.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f64-grad-z0.svg"
load "profile-f64-grad-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f64-grad-z0.png"
load "profile-f64-grad-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f64-grad-z1.svg"
load "profile-f64-grad-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f64-grad-z1.png"
load "profile-f64-grad-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f64-grad-zsoft.svg"
load "profile-f64-grad-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f64-grad-zsoft.png"
load "profile-f64-grad-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-f64-grad.svg"
load "heatmap-f64-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-f64-grad.png"
load "heatmap-f64-grad.gp"
unset output

reset
set terminal svg size 1300,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-f64-grad.svg"
load "histogram-f64-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1300,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1300,420 noenhanced background rgb "white"
}
set output "histogram-f64-grad.png"
load "histogram-f64-grad.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f32-loss-z0.svg"
load "profile-f32-loss-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f32-loss-z0.png"
load "profile-f32-loss-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f32-loss-z1.svg"
load "profile-f32-loss-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f32-loss-z1.png"
load "profile-f32-loss-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f32-loss-zsoft.svg"
load "profile-f32-loss-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f32-loss-zsoft.png"
load "profile-f32-loss-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-f32-loss.svg"
load "heatmap-f32-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-f32-loss.png"
load "heatmap-f32-loss.gp"
unset output

reset
set terminal svg size 1300,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-f32-loss.svg"
load "histogram-f32-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1300,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1300,420 noenhanced background rgb "white"
}
set output "histogram-f32-loss.png"
load "histogram-f32-loss.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f32-grad-z0.svg"
load "profile-f32-grad-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f32-grad-z0.png"
load "profile-f32-grad-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f32-grad-z1.svg"
load "profile-f32-grad-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f32-grad-z1.png"
load "profile-f32-grad-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f32-grad-zsoft.svg"
load "profile-f32-grad-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f32-grad-zsoft.png"
load "profile-f32-grad-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-f32-grad.svg"
load "heatmap-f32-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-f32-grad.png"
load "heatmap-f32-grad.gp"
unset output

reset
set terminal svg size 1300,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-f32-grad.svg"
load "histogram-f32-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1300,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1300,420 noenhanced background rgb "white"
}
set output "histogram-f32-grad.png"
load "histogram-f32-grad.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-native-loss-z0.svg"
load "profile-f16-native-loss-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-native-loss-z0.png"
load "profile-f16-native-loss-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-native-loss-z1.svg"
load "profile-f16-native-loss-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-native-loss-z1.png"
load "profile-f16-native-loss-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-native-loss-zsoft.svg"
load "profile-f16-native-loss-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-native-loss-zsoft.png"
load "profile-f16-native-loss-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-f16-native-loss.svg"
load "heatmap-f16-native-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-f16-native-loss.png"
load "heatmap-f16-native-loss.gp"
unset output

reset
set terminal svg size 1280,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-f16-native-loss.svg"
load "histogram-f16-native-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1280,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1280,420 noenhanced background rgb "white"
}
set output "histogram-f16-native-loss.png"
load "histogram-f16-native-loss.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-native-grad-z0.svg"
load "profile-f16-native-grad-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-native-grad-z0.png"
load "profile-f16-native-grad-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-native-grad-z1.svg"
load "profile-f16-native-grad-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-native-grad-z1.png"
load "profile-f16-native-grad-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-native-grad-zsoft.svg"
load "profile-f16-native-grad-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-native-grad-zsoft.png"
load "profile-f16-native-grad-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-f16-native-grad.svg"
load "heatmap-f16-native-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-f16-native-grad.png"
load "heatmap-f16-native-grad.gp"
unset output

reset
set terminal svg size 1280,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-f16-native-grad.svg"
load "histogram-f16-native-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1280,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1280,420 noenhanced background rgb "white"
}
set output "histogram-f16-native-grad.png"
load "histogram-f16-native-grad.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-opmath-loss-z0.svg"
load "profile-f16-opmath-loss-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-opmath-loss-z0.png"
load "profile-f16-opmath-loss-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-opmath-loss-z1.svg"
load "profile-f16-opmath-loss-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-opmath-loss-z1.png"
load "profile-f16-opmath-loss-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-opmath-loss-zsoft.svg"
load "profile-f16-opmath-loss-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-opmath-loss-zsoft.png"
load "profile-f16-opmath-loss-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-f16-opmath-loss.svg"
load "heatmap-f16-opmath-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-f16-opmath-loss.png"
load "heatmap-f16-opmath-loss.gp"
unset output

reset
set terminal svg size 1280,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-f16-opmath-loss.svg"
load "histogram-f16-opmath-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1280,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1280,420 noenhanced background rgb "white"
}
set output "histogram-f16-opmath-loss.png"
load "histogram-f16-opmath-loss.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-opmath-grad-z0.svg"
load "profile-f16-opmath-grad-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-opmath-grad-z0.png"
load "profile-f16-opmath-grad-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-opmath-grad-z1.svg"
load "profile-f16-opmath-grad-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-opmath-grad-z1.png"
load "profile-f16-opmath-grad-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-f16-opmath-grad-zsoft.svg"
load "profile-f16-opmath-grad-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-f16-opmath-grad-zsoft.png"
load "profile-f16-opmath-grad-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-f16-opmath-grad.svg"
load "heatmap-f16-opmath-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-f16-opmath-grad.png"
load "heatmap-f16-opmath-grad.gp"
unset output

reset
set terminal svg size 1280,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-f16-opmath-grad.svg"
load "histogram-f16-opmath-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1280,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1280,420 noenhanced background rgb "white"
}
set output "histogram-f16-opmath-grad.png"
load "histogram-f16-opmath-grad.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-native-loss-z0.svg"
load "profile-bf16-native-loss-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-native-loss-z0.png"
load "profile-bf16-native-loss-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-native-loss-z1.svg"
load "profile-bf16-native-loss-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-native-loss-z1.png"
load "profile-bf16-native-loss-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-native-loss-zsoft.svg"
load "profile-bf16-native-loss-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-native-loss-zsoft.png"
load "profile-bf16-native-loss-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-bf16-native-loss.svg"
load "heatmap-bf16-native-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-bf16-native-loss.png"
load "heatmap-bf16-native-loss.gp"
unset output

reset
set terminal svg size 1280,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-bf16-native-loss.svg"
load "histogram-bf16-native-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1280,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1280,420 noenhanced background rgb "white"
}
set output "histogram-bf16-native-loss.png"
load "histogram-bf16-native-loss.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-native-grad-z0.svg"
load "profile-bf16-native-grad-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-native-grad-z0.png"
load "profile-bf16-native-grad-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-native-grad-z1.svg"
load "profile-bf16-native-grad-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-native-grad-z1.png"
load "profile-bf16-native-grad-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-native-grad-zsoft.svg"
load "profile-bf16-native-grad-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-native-grad-zsoft.png"
load "profile-bf16-native-grad-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-bf16-native-grad.svg"
load "heatmap-bf16-native-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-bf16-native-grad.png"
load "heatmap-bf16-native-grad.gp"
unset output

reset
set terminal svg size 1280,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-bf16-native-grad.svg"
load "histogram-bf16-native-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1280,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1280,420 noenhanced background rgb "white"
}
set output "histogram-bf16-native-grad.png"
load "histogram-bf16-native-grad.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-opmath-loss-z0.svg"
load "profile-bf16-opmath-loss-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-opmath-loss-z0.png"
load "profile-bf16-opmath-loss-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-opmath-loss-z1.svg"
load "profile-bf16-opmath-loss-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-opmath-loss-z1.png"
load "profile-bf16-opmath-loss-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-opmath-loss-zsoft.svg"
load "profile-bf16-opmath-loss-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-opmath-loss-zsoft.png"
load "profile-bf16-opmath-loss-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-bf16-opmath-loss.svg"
load "heatmap-bf16-opmath-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-bf16-opmath-loss.png"
load "heatmap-bf16-opmath-loss.gp"
unset output

reset
set terminal svg size 1280,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-bf16-opmath-loss.svg"
load "histogram-bf16-opmath-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1280,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1280,420 noenhanced background rgb "white"
}
set output "histogram-bf16-opmath-loss.png"
load "histogram-bf16-opmath-loss.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-opmath-grad-z0.svg"
load "profile-bf16-opmath-grad-z0.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-opmath-grad-z0.png"
load "profile-bf16-opmath-grad-z0.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-opmath-grad-z1.svg"
load "profile-bf16-opmath-grad-z1.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-opmath-grad-z1.png"
load "profile-bf16-opmath-grad-z1.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "profile-bf16-opmath-grad-zsoft.svg"
load "profile-bf16-opmath-grad-zsoft.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "profile-bf16-opmath-grad-zsoft.png"
load "profile-bf16-opmath-grad-zsoft.gp"
unset output

reset
set terminal svg size 1290,1540 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "heatmap-bf16-opmath-grad.svg"
load "heatmap-bf16-opmath-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1290,1540 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1290,1540 noenhanced background rgb "white"
}
set output "heatmap-bf16-opmath-grad.png"
load "heatmap-bf16-opmath-grad.gp"
unset output

reset
set terminal svg size 1280,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "histogram-bf16-opmath-grad.svg"
load "histogram-bf16-opmath-grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 1280,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 1280,420 noenhanced background rgb "white"
}
set output "histogram-bf16-opmath-grad.png"
load "histogram-bf16-opmath-grad.gp"
unset output

reset
set terminal svg size 690,440 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "bench-cpu-loss.svg"
load "bench-cpu-loss.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 690,440 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 690,440 noenhanced background rgb "white"
}
set output "bench-cpu-loss.png"
load "bench-cpu-loss.gp"
unset output

reset
set terminal svg size 690,440 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "bench-cpu-loss+grad.svg"
load "bench-cpu-loss+grad.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 690,440 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 690,440 noenhanced background rgb "white"
}
set output "bench-cpu-loss+grad.png"
load "bench-cpu-loss+grad.gp"
unset output

reset
set terminal svg size 690,440 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "bench-cpu-mean.svg"
load "bench-cpu-mean.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 690,440 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 690,440 noenhanced background rgb "white"
}
set output "bench-cpu-mean.png"
load "bench-cpu-mean.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "reduction-error-f32.svg"
load "reduction-error-f32.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "reduction-error-f32.png"
load "reduction-error-f32.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "reduction-throughput-f32.svg"
load "reduction-throughput-f32.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "reduction-throughput-f32.png"
load "reduction-throughput-f32.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "reduction-error-f16.svg"
load "reduction-error-f16.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "reduction-error-f16.png"
load "reduction-error-f16.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "reduction-throughput-f16.svg"
load "reduction-throughput-f16.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "reduction-throughput-f16.png"
load "reduction-throughput-f16.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "reduction-error-bf16.svg"
load "reduction-error-bf16.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "reduction-error-bf16.png"
load "reduction-error-bf16.gp"
unset output

reset
set terminal svg size 680,420 font "DejaVu Sans,11" noenhanced background rgb "white"
set output "reduction-throughput-bf16.svg"
load "reduction-throughput-bf16.gp"
unset output
reset
if (png_cairo) {
  set terminal pngcairo size 680,420 font "DejaVu Sans,10" noenhanced background rgb "white"
} else {
  set terminal png size 680,420 noenhanced background rgb "white"
}
set output "reduction-throughput-bf16.png"
load "reduction-throughput-bf16.gp"
unset output
