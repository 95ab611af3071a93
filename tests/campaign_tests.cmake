# Campaign tests: libFuzzer output parsing (real lines), the child-process driver, progress display,
# the minimizer on hand-made findings. Seconds in total.
add_executable(refsim_campaign_tests
  ${CMAKE_CURRENT_LIST_DIR}/campaign/libfuzzer_output_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/child_process_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/progress_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/minimizer_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/triage_test.cc
)
target_link_libraries(refsim_campaign_tests PRIVATE refsim_campaign GTest::gtest_main)
add_test(NAME campaign COMMAND refsim_campaign_tests)
