// libFuzzer output parser: real lines captured from clang 14's libFuzzer (plain and fork mode).
#include <gtest/gtest.h>

#include "campaign/libfuzzer_output.h"

namespace refsim::campaign {
namespace {

TEST(LibFuzzerOutput, readsForkModeJobSummaries) {
  FuzzerStatus s;
  EXPECT_EQ(fold_line("#991782: cov: 3 ft: 3 corp: 1 exec/s 495891 oom/timeout/crash: 0/0/0 time: 2s job: 1 "
                      "dft_time: 0",
                      s),
            LineKind::Status);
  EXPECT_EQ(s.execs, 991782u);
  EXPECT_EQ(s.cov, 3u);
  EXPECT_EQ(s.ft, 3u);
  EXPECT_EQ(s.corpus, 1u);
  EXPECT_EQ(s.exec_per_sec, 495891u);
  EXPECT_EQ(s.jobs_done, 1u);
  fold_line("#4663322: cov: 5 ft: 10 corp: 8 exec/s 558785 oom/timeout/crash: 2/3/17 time: 8s job: 3 dft_time: 0", s);
  EXPECT_EQ(s.execs, 4663322u);
  EXPECT_EQ(s.cov, 5u);
  EXPECT_EQ(s.ft, 10u);
  EXPECT_EQ(s.corpus, 8u);
  EXPECT_EQ(s.ooms, 2u);
  EXPECT_EQ(s.timeouts, 3u);
  EXPECT_EQ(s.crashes, 17u);
  EXPECT_EQ(s.jobs_done, 3u);
}

TEST(LibFuzzerOutput, forkModeCountsCrashesOnlyFromItsSummaries) {
  FuzzerStatus s;
  fold_line("#64059: cov: 3 ft: 3 corp: 1 exec/s 0 oom/timeout/crash: 0/0/0 time: 0s job: 1 dft_time: 0", s);
  EXPECT_EQ(fold_line("==21240== ERROR: libFuzzer: deadly signal", s), LineKind::Crash);
  EXPECT_EQ(s.crashes, 0u);  // the job's echo; the next summary counts it
  fold_line("#75347: cov: 9 ft: 8 corp: 5 exec/s 0 oom/timeout/crash: 0/0/1 time: 0s job: 2 dft_time: 0", s);
  EXPECT_EQ(s.crashes, 1u);
}

TEST(LibFuzzerOutput, readsPlainModeLines) {
  FuzzerStatus s;
  EXPECT_EQ(fold_line("INFO: Seed: 7", s), LineKind::Seed);
  EXPECT_EQ(s.seed, "7");
  EXPECT_EQ(fold_line("#2\tINITED cov: 3 ft: 3 corp: 1/5b exec/s: 0 rss: 29Mb", s), LineKind::Status);
  EXPECT_EQ(s.execs, 2u);
  EXPECT_EQ(s.corpus, 1u);
  fold_line("#12\tNEW    cov: 4 ft: 4 corp: 2/8b lim: 4 exec/s: 0 rss: 29Mb L: 3/3 MS: 1 ChangeBit-", s);
  fold_line("#1048576\tpulse  cov: 9 ft: 12 corp: 5/17b lim: 8 exec/s: 349525 rss: 30Mb", s);
  EXPECT_EQ(s.execs, 1048576u);
  EXPECT_EQ(s.cov, 9u);
  EXPECT_EQ(s.ft, 12u);
  EXPECT_EQ(s.corpus, 5u);
  EXPECT_EQ(s.exec_per_sec, 349525u);
  EXPECT_FALSE(s.jobs_done);
  EXPECT_EQ(fold_line("==20196== ERROR: libFuzzer: deadly signal", s), LineKind::Crash);
  EXPECT_EQ(fold_line("==20197== ERROR: libFuzzer: timeout after 10 seconds", s), LineKind::Crash);
  EXPECT_EQ(s.crashes, 1u);
  EXPECT_EQ(s.timeouts, 1u);
  EXPECT_EQ(fold_line("stat::number_of_executed_units: 31337", s), LineKind::FinalStat);
  EXPECT_EQ(s.final_execs, 31337u);
}

TEST(LibFuzzerOutput, countersNeverGoBackAndOtherLinesChangeNothing) {
  FuzzerStatus s;
  fold_line("#5095747: cov: 5 ft: 10 corp: 8 exec/s 628385 oom/timeout/crash: 0/0/4 time: 9s job: 3 dft_time: 0", s);
  fold_line("#2582205: cov: 4 ft: 9 corp: 8 exec/s 530141 oom/timeout/crash: 0/0/2 time: 5s job: 2 dft_time: 0", s);
  EXPECT_EQ(s.execs, 5095747u);
  EXPECT_EQ(s.cov, 5u);
  EXPECT_EQ(s.crashes, 4u);
  const FuzzerStatus before = s;
  for (const char* line : {"INFO: -fork=1: fuzzing in separate process(s)", "#", "#abc: cov: 1",
                           "#12 nothing here", "    #0 0x4f1a2b in LLVMFuzzerTestOneInput toy.cc:5:3",
                           "SUMMARY: AddressSanitizer: heap-buffer-overflow", ""}) {
    EXPECT_EQ(fold_line(line, s), LineKind::Other) << line;
    EXPECT_EQ(s.execs, before.execs) << line;
    EXPECT_EQ(s.cov, before.cov) << line;
  }
}

}  // namespace
}  // namespace refsim::campaign
