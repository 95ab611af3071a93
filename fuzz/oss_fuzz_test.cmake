# Runs fuzz/oss-fuzz/build.sh as OSS-Fuzz would (CC, CXX, CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE, OUT
# set; OUT a fresh folder) and checks what it leaves there: each target's binary (which must run
# one input), <target>_seed_corpus.zip holding every seed, <target>.dict and <target>.options.
set(out ${SCRATCH}/out)
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${out})
# OSS-Fuzz's coverage flags without its sanitizer and at -O0: the test checks the script's
# conventions, not the sanitizer (the asan preset runs the targets under ASan + UBSan), and this
# halves the time the extra build of the libraries takes in CI.
set(flags "-O0 -gline-tables-only -fsanitize=fuzzer-no-link")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env CC=${CC} CXX=${CXX} "CFLAGS=${flags}" "CXXFLAGS=${flags}"
          "LIB_FUZZING_ENGINE=-fsanitize=fuzzer" OUT=${out} WORK=${SCRATCH}/work SRC_DIR=${SOURCE}
          bash ${SOURCE}/fuzz/oss-fuzz/build.sh
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "build.sh failed (${status})")
endif()
foreach(t engine_equivalence immortal_safety mortal_accounting scenario_json)
  foreach(f ${t} ${t}_seed_corpus.zip ${t}.dict ${t}.options)
    if(NOT EXISTS ${out}/${f})
      message(FATAL_ERROR "build.sh did not write ${f}")
    endif()
  endforeach()
  file(READ ${out}/${t}.options options)
  if(NOT options MATCHES "dict = ${t}.dict")
    message(FATAL_ERROR "${t}.options does not name the dictionary: ${options}")
  endif()
  execute_process(COMMAND unzip -Z1 ${out}/${t}_seed_corpus.zip OUTPUT_VARIABLE listed RESULT_VARIABLE status)
  file(GLOB seeds RELATIVE ${SOURCE}/corpus/${t}/seeds ${SOURCE}/corpus/${t}/seeds/*)
  foreach(seed ${seeds})
    if(NOT listed MATCHES "${seed}")
      message(FATAL_ERROR "${t}_seed_corpus.zip lacks the seed ${seed}")
    endif()
  endforeach()
  # The binary is a working libFuzzer target: it replays the seeds and exits 0.
  execute_process(COMMAND ${out}/${t} -runs=0 ${SOURCE}/corpus/${t}/seeds RESULT_VARIABLE status
                  OUTPUT_QUIET ERROR_QUIET)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${out}/${t} -runs=0 over the seeds exited ${status}")
  endif()
endforeach()
