# Runs fuzz/oss-fuzz/build.sh (or SCRIPT, another script) as OSS-Fuzz would (CC, CXX,
# CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE, OUT set; OUT a fresh folder) and checks what it leaves
# there: each target's binary (which must run one input), <target>_seed_corpus.zip holding every
# seed, <target>.dict and <target>.options; and the claims target with claims.known (a signature
# per recorded counterexample), claims.dict and claims.options naming it.
if(NOT SCRIPT)
  set(SCRIPT ${SOURCE}/fuzz/oss-fuzz/build.sh)
endif()
set(out ${SCRATCH}/out)
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${out})
# OSS-Fuzz's coverage flags without its sanitizer and at -O0: the test checks the script's
# conventions, not the sanitizer (the asan preset runs the targets under ASan + UBSan), and this
# takes the extra build of the libraries from 350 to 217 s of CPU against -O3 (docs/CI-TIME.md).
set(flags "-O0 -gline-tables-only -fsanitize=fuzzer-no-link")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env CC=${CC} CXX=${CXX} "CFLAGS=${flags}" "CXXFLAGS=${flags}"
          "LIB_FUZZING_ENGINE=-fsanitize=fuzzer" OUT=${out} WORK=${SCRATCH}/work SRC_DIR=${SOURCE}
          bash ${SCRIPT}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${SCRIPT} failed (${status})")
endif()
# The libraries compiled with $CXXFLAGS' optimization and no other: a build type that appends its
# own (Release: -O3 after OSS-Fuzz's -O1) would override what OSS-Fuzz asks for.
file(STRINGS ${SCRATCH}/work/refsim-build/build.ninja compile_flags REGEX "^  FLAGS = ")
list(LENGTH compile_flags n_compiles)
if(n_compiles EQUAL 0)
  message(FATAL_ERROR "build.sh's library build has no compile flags in ${SCRATCH}/work/refsim-build/build.ninja")
endif()
foreach(line IN LISTS compile_flags)
  string(REGEX MATCHALL "(^| )-O[0-9sgz]" levels "${line}")
  if(NOT levels STREQUAL " -O0")
    message(FATAL_ERROR "build.sh compiled the libraries with optimization flags other than CXXFLAGS' -O0: ${line}")
  endif()
endforeach()
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
# The claims target: its known signatures, one per recorded counterexample, and a working binary.
file(GLOB_RECURSE recorded ${SOURCE}/corpus/claims/*.json)
file(STRINGS ${out}/claims.known known)
list(LENGTH recorded n_recorded)
list(LENGTH known n_known)
if(NOT n_known EQUAL n_recorded OR n_known EQUAL 0)
  message(FATAL_ERROR "claims.known lists ${n_known} signatures for ${n_recorded} recorded counterexamples")
endif()
foreach(signature ${known})
  if(NOT signature MATCHES "^[a-z0-9._-]+/[a-z-]+/[a-z0-9.-]+/(64|32|16|8)$")
    message(FATAL_ERROR "claims.known: not a signature: ${signature}")
  endif()
endforeach()
foreach(f claims.options claims.dict)
  if(NOT EXISTS ${out}/${f})
    message(FATAL_ERROR "build.sh did not write ${f}")
  endif()
endforeach()
file(READ ${out}/claims.options options)
if(NOT options MATCHES "dict = claims.dict")
  message(FATAL_ERROR "claims.options does not name the dictionary: ${options}")
endif()
file(MAKE_DIRECTORY ${SCRATCH}/empty)
execute_process(COMMAND ${out}/claims -runs=0 ${SCRATCH}/empty RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${out}/claims -runs=0 exited ${status}")
endif()
