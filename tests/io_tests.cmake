# io tests: scenario decoding, reports, expect, and the refsim command end to end (golden files in
# tests/golden/, run through the built binary).
add_executable(refsim_io_tests
  ${CMAKE_CURRENT_SOURCE_DIR}/scenario_json_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/report_json_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/cli_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/io/output_file_test.cc
)
target_link_libraries(refsim_io_tests PRIVATE refsim_io GTest::gtest_main)
target_compile_definitions(refsim_io_tests PRIVATE
  REFSIM_BINARY="$<TARGET_FILE:refsim>"
  REFSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  REFSIM_PROJECT_VERSION="${PROJECT_VERSION}"
)
add_dependencies(refsim_io_tests refsim)
add_test(NAME refsim_io_tests COMMAND refsim_io_tests)
