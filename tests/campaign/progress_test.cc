// Progress: number and time formatting, the status line, and when the display draws.
#include <sstream>

#include <gtest/gtest.h>

#include "campaign/progress.h"

namespace refsim::campaign {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(Progress, groupsDigitsAndFormatsClocks) {
  EXPECT_EQ(grouped(0), "0");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(grouped(1000), "1,000");
  EXPECT_EQ(grouped(1234567), "1,234,567");
  EXPECT_EQ(clock_text(seconds(0)), "00:00");
  EXPECT_EQ(clock_text(seconds(65)), "01:05");
  EXPECT_EQ(clock_text(seconds(3723)), "1:02:03");
  EXPECT_EQ(clock_text(seconds(-3)), "00:00");
}

TEST(Progress, statusLineShowsTimeExecsRateCoverageAndClaimsBroken) {
  FuzzerStatus s;
  s.execs = 1200000;
  s.cov = 312;
  s.ft = 1020;
  s.crashes = 3;
  s.findings = 1;
  EXPECT_EQ(status_line(s, milliseconds(12000), seconds(60)),
            "00:12 elapsed, 00:48 left | 1,200,000 execs, 100,000 exec/s | cov 312 | 1 claim broken, 3 crashes");
  FuzzerStatus fresh;
  fresh.timeouts = 1;
  EXPECT_EQ(status_line(fresh, milliseconds(0), seconds(5)),
            "00:00 elapsed, 00:05 left | 0 execs, 0 exec/s | cov - | 0 claims broken, 1 timeouts");
}

TEST(Progress, terminalRedrawsInPlaceAtItsPeriod) {
  std::ostringstream out;
  ProgressDisplay display(out, true, milliseconds(250), milliseconds(10000));
  display.update("a", milliseconds(0));
  display.update("b", milliseconds(100));  // too soon
  display.update("c", milliseconds(300));
  display.update("d", milliseconds(320), true);
  display.finish();
  EXPECT_EQ(out.str(), "\ra\x1b[K\rc\x1b[K\rd\x1b[K\n");
}

TEST(Progress, pipePrintsAWholeLineEveryTenSeconds) {
  std::ostringstream out;
  ProgressDisplay display(out, false);
  display.update("a", milliseconds(0));
  display.update("b", milliseconds(5000));
  display.update("c", milliseconds(10000));
  display.update("d", milliseconds(19999));
  display.finish();
  EXPECT_EQ(out.str(), "campaign: a\ncampaign: c\n");
}

TEST(Progress, theFinalLineIsNotPrintedTwice) {
  std::ostringstream out;
  ProgressDisplay display(out, false, milliseconds(250), plain_period(seconds(60)));
  display.update("00:00 | 0 execs", milliseconds(0));
  display.update("01:00 | 9 execs", milliseconds(60000));  // the deadline: a period has passed
  display.update("01:00 | 9 execs", milliseconds(60001), true);  // the forced final line, the same
  display.finish();
  EXPECT_EQ(out.str(), "campaign: 00:00 | 0 execs\ncampaign: 01:00 | 9 execs\n");
}

TEST(Progress, offATerminalARunPrintsAFewLinesWhateverItsLength) {
  EXPECT_EQ(plain_period(seconds(10)), seconds(60));
  EXPECT_EQ(plain_period(seconds(60)), seconds(60));
  EXPECT_EQ(plain_period(seconds(300)), seconds(75));
  EXPECT_EQ(plain_period(seconds(3600)), seconds(900));
  EXPECT_EQ(counted(1, "claim"), "1 claim");
  EXPECT_EQ(counted(0, "claim"), "0 claims");
  EXPECT_EQ(counted(1234, "new counterexample"), "1,234 new counterexamples");
}

}  // namespace
}  // namespace refsim::campaign
