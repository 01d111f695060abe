# scebench report: its files, numbers and errors (test_report.sh), and the page as a browser
# renders it (test_report_render.sh: headless Chromium; skipped, exit 77, when Chromium is not
# installed; scripts/setup installs it). The render test keeps its screenshots in the build
# directory: tests/report-render/report.png (top of the page), report-plots.png (the plots).
add_test(NAME report COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_report.sh $<TARGET_FILE:scebench>
         ${Python3_EXECUTABLE})
add_test(NAME report_render COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_report_render.sh $<TARGET_FILE:scebench>
         ${CMAKE_CURRENT_BINARY_DIR}/report-render ${Python3_EXECUTABLE})
set_tests_properties(report report_render PROPERTIES TIMEOUT 600)
set_tests_properties(report_render PROPERTIES SKIP_RETURN_CODE 77)
