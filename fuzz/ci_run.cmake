# One short fuzz run for CI: a fresh scratch corpus, the seeds, seed 1, 20000 runs, at most 15 s.
# Fails when libFuzzer reports a crash, leak, timeout or sanitizer error (its exit status).
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
set(dict_flag)
if(EXISTS ${DICT})
  set(dict_flag -dict=${DICT})
endif()
execute_process(COMMAND ${FUZZER} -seed=1 -runs=20000 -max_total_time=15 -timeout=10 -rss_limit_mb=2048
                        -artifact_prefix=${SCRATCH}/ ${dict_flag} ${SCRATCH} ${SEEDS}
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the fuzzer exited with ${status}; the artifact is in ${SCRATCH}")
endif()
