# bench_table on fixed results (bench/testdata): units, medians of repetitions, NaN aggregates,
# ratios, extrapolation, verdicts, ci/fuzz-findings' table, and exit status 1 on a failed self-check.
# Usage: cmake -DTABLE=<bench_table> -DDATA=<bench/testdata> -P table_test.cmake
execute_process(
  COMMAND ${TABLE} --bench ${DATA}/engine.json --measure ${DATA}/commands.jsonl
          --hand-answer ${DATA}/hand.out --refsim-report ${DATA}/report.json --findings ${DATA}/findings.txt
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 1)
  message(FATAL_ERROR "bench_table exited ${status}, expected 1 (a self-check failed in the fixture)\n${err}")
endif()
set(expected
  "| 1 single step | core incref+decref pair, 3.14/64, fast engine | 100 ns | 2.00 ns inline C | 50.0x | <= 3x | **missed** |"
  "| 1 single step | core incref+decref pair, 3.14/32, fast engine | - | - | - | - | not measured | self-check failed: the pairs did not cancel out |"
  "| 2 growth | incref-heap-3.14-64, one op, count 2^63, fast | 12.0 us | 4.00 us at 2^8 | 3.00x | <= 2x | **missed** |"
  "| 215 s stepwise, extrapolated from 2^24 | 4.3e+07x faster | >= 1e6x faster | met |"
  "| 1 single step (free-threaded) | owner incref+decref pair, 3.14t/64, fast engine | 10.0 ns | 2.00 ns inline C | 5.00x | <= 3x | **missed** | within the 10x fallback"
  "| 1 single step (free-threaded) | owner incref+decref pair, 3.13t/64, fast engine | - | - | - | - | not measured | not in this run |"
  "| 2 growth (free-threaded) | owner-incref-3.14t-64, one op, count 2^63, fast | 80.0 ns | 40.0 ns at 2^8 | 2.00x | <= 2x | met |"
  "| 4 end to end | refsim run slow | 800 ms | 8.00 ms refsim --version | 100x |"
  "| 5 fuzzing | none-3.12-32-deimmortalized: time to first finding, custom mutator | 550 ms | 5.50 s without it | 0.10x | < 10 s median | met |"
  "| 5 fuzzing | gh125174-3.12-64-early-free: time to first finding, custom mutator | >cap |"
  "| 400x slower | - | - | same answer: deimmortalized 805306369 dealloc 1879048192 |"
  "pair/engine/3.14/32 failed its self-check")
foreach(line IN LISTS expected)
  string(FIND "${out}${err}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "missing from bench_table's output: ${line}\n--- output:\n${out}${err}")
  endif()
endforeach()

# refsim run's document (refsim-report/2: one report in "reports", steps as decimal strings) gives the
# same answer.
execute_process(
  COMMAND ${TABLE} --measure ${DATA}/commands.jsonl --hand-answer ${DATA}/hand.out
          --refsim-report ${DATA}/report-2.json
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${out}" "same answer: deimmortalized 805306369 dealloc 1879048192" at)
if(NOT status EQUAL 0 OR at EQUAL -1)
  message(FATAL_ERROR "bench_table on a refsim-report/2 document exited ${status}\n${out}${err}")
endif()
