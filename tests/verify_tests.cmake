# verify tests: planning, records and comparison without an interpreter (gtest), then the whole
# corpus/verify against every interpreter found (tests/verify/corpus.sh; a skipped one says why).
add_executable(refsim_verify_tests
  ${CMAKE_CURRENT_LIST_DIR}/verify/records_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/verify/plan_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/verify/ft_verify_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/verify/wrong_model_test.cc
)
target_link_libraries(refsim_verify_tests PRIVATE refsim_verify GTest::gtest_main)
add_test(NAME verify COMMAND refsim_verify_tests)

# Interpreters: Debian's /usr/bin/python3.11 and python3.11d (debug), python3.11 ... python3.14 on PATH, pyenv's
# ($PYENV_ROOT or ~/.pyenv)/versions/*/bin/python3, and the paths listed (space or colon separated)
# in REFSIM_VERIFY_PYTHONS. Exit 77 (skipped) when none can be used.
add_test(NAME verify_corpus
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/verify/corpus.sh $<TARGET_FILE:refsim> ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/verify-corpus)
set_tests_properties(verify_corpus PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900)
refsim_test_cost(verify_corpus 10 12)

# Free-threaded interpreters: python3.13t ... python3.15t on PATH and the free-threaded paths in
# REFSIM_VERIFY_PYTHONS run corpus/verify/<version>t (<version>t-32 for a 32-bit build, -debug appended
# for a debug build; tests/verify/ft_corpus.sh). A 32-bit interpreter that cannot run natively is
# listed as a wrapper script (e.g. `exec qemu-i386-static .../python "$@"`). Exit 77 (skipped, with
# the reason printed) when none is found, as on Debian 12.
add_test(NAME verify_ft_corpus
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/verify/ft_corpus.sh $<TARGET_FILE:refsim> ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/verify-ft-corpus)
set_tests_properties(verify_ft_corpus PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900)

# SIGINT and SIGTERM in the middle of a run: the private temporary directory is removed and the
# probe's child ends (tests/verify/interrupt.sh; skipped, saying why, without Debian's python3.11
# or $REFSIM_VERIFY_PYTHON).
add_test(NAME verify_interrupt
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/verify/interrupt.sh $<TARGET_FILE:refsim>
                 ${CMAKE_CURRENT_BINARY_DIR}/verify-interrupt)
set_tests_properties(verify_interrupt PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

# --skip-refused: what can run runs, each scenario left out is named with its reason; without the
# flag the first refusal stops the run (tests/verify/skip_refused.sh; skipped, saying why, without
# Debian's python3.11 or $REFSIM_VERIFY_PYTHON).
add_test(NAME verify_skip_refused
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/verify/skip_refused.sh $<TARGET_FILE:refsim>
                 ${CMAKE_CURRENT_BINARY_DIR}/verify-skip-refused)
set_tests_properties(verify_skip_refused PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

# A child that prints nothing for --silence-limit seconds (a hanging interpreter, compiler or probe)
# is stopped and refsim exits 2 saying which (tests/verify/silence.sh: stand-ins, no interpreter needed).
add_test(NAME verify_silence
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/verify/silence.sh $<TARGET_FILE:refsim>
                 ${CMAKE_CURRENT_BINARY_DIR}/verify-silence)
set_tests_properties(verify_silence PROPERTIES TIMEOUT 120)
