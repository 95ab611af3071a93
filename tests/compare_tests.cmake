# refsim compare: the survival matrix confirmed by the stepwise reference at widths 8 and 16, figures
# pinned at 64/32 bits, claim verdicts pinned, the command end to end, docs/FINDINGS.md kept current,
# the JSON schema against real output, jq reading exact counts, and the HTML pages (parsed, and
# rendered in headless Chromium).
add_executable(refsim_compare_tests
  ${CMAKE_CURRENT_SOURCE_DIR}/compare/matrix_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/compare/threat_loop_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/compare/claims_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/compare/compare_cli_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/compare/ft_compare_cli_test.cc
)
target_link_libraries(refsim_compare_tests PRIVATE refsim_analysis GTest::gtest_main)
target_compile_definitions(refsim_compare_tests PRIVATE
  REFSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  REFSIM_BINARY="$<TARGET_FILE:refsim>"
)
if(REFSIM_SANITIZE)
  target_compile_definitions(refsim_compare_tests PRIVATE REFSIM_SANITIZED)
endif()
add_dependencies(refsim_compare_tests refsim)
add_test(NAME refsim_compare_tests COMMAND refsim_compare_tests)
refsim_test_cost(refsim_compare_tests 8 30)

# Script tests: exit 77 means skipped (a tool is missing), with the reason printed.
find_program(REFSIM_PYTHON3 NAMES python3)
add_test(NAME refsim_compare_jq COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/compare/jq_test.sh $<TARGET_FILE:refsim>)
set(refsim_compare_scripts refsim_compare_jq)
if(REFSIM_PYTHON3)
  add_test(NAME refsim_compare_schema
           COMMAND ${REFSIM_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/compare/schema_test.py $<TARGET_FILE:refsim> ${PROJECT_SOURCE_DIR})
  add_test(NAME refsim_compare_html
           COMMAND ${REFSIM_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/compare/html_test.py $<TARGET_FILE:refsim> ${PROJECT_SOURCE_DIR})
  add_test(NAME refsim_compare_browser
           COMMAND ${REFSIM_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/compare/browser_test.py $<TARGET_FILE:refsim> ${PROJECT_SOURCE_DIR})
  list(APPEND refsim_compare_scripts refsim_compare_schema refsim_compare_html refsim_compare_browser)
endif()
set_tests_properties(${refsim_compare_scripts} PROPERTIES SKIP_RETURN_CODE 77)
