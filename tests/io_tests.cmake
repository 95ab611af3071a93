# io tests: scenario decoding, reports, expect, and the refsim command end to end (golden files in
# tests/golden/, run through the built binary).
add_executable(refsim_io_tests
  ${CMAKE_CURRENT_SOURCE_DIR}/scenario_json_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/scenario_ops_json_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/report_json_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/report_text_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/cli_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/cli_output_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/schema_names_test.cc
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
refsim_test_cost(refsim_io_tests 2 32)

# Output formats against their consumers: JSON Schemas (docs/schemas/), jq, a real XML parser.
# Debian's python3 with python3-jsonschema (ci/deps), not a pyenv interpreter.
find_program(REFSIM_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT REFSIM_SYSTEM_PYTHON)
  set(REFSIM_SYSTEM_PYTHON /usr/bin/python3)  # the test fails and says so
endif()
add_test(NAME output_formats COMMAND ${REFSIM_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/formats/check_outputs.py
                                     $<TARGET_FILE:refsim> $<TARGET_FILE:refsim_fuzz_replay> ${PROJECT_SOURCE_DIR})
refsim_test_cost(output_formats 2 27)
