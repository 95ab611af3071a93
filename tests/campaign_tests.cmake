# Campaign tests: libFuzzer output parsing (real lines), the child-process driver, progress display,
# the minimizer and triage on hand-made findings, and the campaign command end to end with a
# stand-in for libFuzzer. About 5 s in total (the campaign tests wait for their deadlines).
add_executable(refsim_campaign_tests
  ${CMAKE_CURRENT_LIST_DIR}/campaign/libfuzzer_output_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/child_process_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/progress_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/minimizer_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/claims_test.cc
)
target_link_libraries(refsim_campaign_tests PRIVATE refsim_campaign GTest::gtest_main)
add_test(NAME campaign COMMAND refsim_campaign_tests)

# With the libFuzzer binaries: one real 5-second campaign through the refsim binary (about 10 s).
if(REFSIM_BUILD_FUZZERS)
  add_executable(refsim_campaign_libfuzzer_test ${CMAKE_CURRENT_LIST_DIR}/campaign/libfuzzer_end_to_end_test.cc)
  target_link_libraries(refsim_campaign_libfuzzer_test PRIVATE nlohmann_json::nlohmann_json GTest::gtest_main)
  target_compile_definitions(refsim_campaign_libfuzzer_test PRIVATE REFSIM_BINARY="$<TARGET_FILE:refsim>"
                             REFSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_dependencies(refsim_campaign_libfuzzer_test refsim immortal_safety)
  add_test(NAME campaign_libfuzzer COMMAND refsim_campaign_libfuzzer_test)
  set_tests_properties(campaign_libfuzzer PROPERTIES TIMEOUT 120)
endif()
