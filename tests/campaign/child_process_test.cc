// Child process: output of both streams as lines, exit statuses, and stopping a whole group.
#include <signal.h>

#include <chrono>

#include <gtest/gtest.h>

#include "campaign/child_process.h"

namespace refsim::campaign {
namespace {

TEST(ChildProcess, readsBothStreamsAsLinesAndTheExitStatus) {
  auto started = ChildProcess::start({"/bin/sh", "-c", "echo one; echo two >&2; echo \"$REFSIM_X\"; printf tail; exit 3"},
                                     {{"REFSIM_X", "three"}});
  ASSERT_EQ(started.index(), 0u) << std::get<1>(started);
  ChildProcess& child = std::get<0>(started);
  const std::vector<std::string> lines = child.wait();
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "three", "tail"}));
  ASSERT_TRUE(child.exit_status());
  EXPECT_TRUE(child.exit_status()->exited);
  EXPECT_EQ(child.exit_status()->code, 3);
  EXPECT_EQ(child.exit_status()->describe(), "exit status 3");
}

TEST(ChildProcess, signalGroupStopsTheChildAndItsChildren) {
  auto started = ChildProcess::start({"/bin/sh", "-c", "sleep 30 & sleep 30; wait"}, {});
  ASSERT_EQ(started.index(), 0u);
  ChildProcess& child = std::get<0>(started);
  const auto begin = std::chrono::steady_clock::now();
  child.read_lines(std::chrono::milliseconds(100));
  child.signal_group(SIGTERM);
  child.wait();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(10));
  ASSERT_TRUE(child.exit_status());
  EXPECT_FALSE(child.exit_status()->exited);
  EXPECT_EQ(child.exit_status()->code, SIGTERM);
}

// read_until_exit's silence limit: a child that goes quiet is stopped, one that keeps printing is
// not, however long it runs; closing its output does not make a child that lives on look finished.
TEST(ChildProcess, aChildThatPrintsNothingForTheLimitIsStopped) {
  auto started = ChildProcess::start({"/bin/sh", "-c", "echo before; sleep 30; echo after"}, {});
  ASSERT_EQ(started.index(), 0u);
  ChildProcess& child = std::get<0>(started);
  std::vector<std::string> lines;
  const bool ended = child.read_until_exit(std::chrono::milliseconds(500), [&](std::string&& l) { lines.push_back(l); });
  EXPECT_FALSE(ended);
  EXPECT_EQ(lines, std::vector<std::string>{"before"});
  ASSERT_TRUE(child.exit_status()) << "stopped and reaped";
  EXPECT_FALSE(child.exit_status()->exited);
  EXPECT_EQ(child.exit_status()->code, SIGKILL);
}

TEST(ChildProcess, aChildThatClosesItsOutputAndLivesOnIsStoppedToo) {
  auto started = ChildProcess::start({"/bin/sh", "-c", "echo closing; exec >&- 2>&-; sleep 30"}, {});
  ASSERT_EQ(started.index(), 0u);
  ChildProcess& child = std::get<0>(started);
  std::vector<std::string> lines;
  EXPECT_FALSE(child.read_until_exit(std::chrono::milliseconds(500), [&](std::string&& l) { lines.push_back(l); }));
  EXPECT_EQ(lines, std::vector<std::string>{"closing"});
  ASSERT_TRUE(child.exit_status());
  EXPECT_EQ(child.exit_status()->code, SIGKILL);
}

TEST(ChildProcess, aChildThatKeepsPrintingRunsPastTheLimitToItsEnd) {
  // Six lines 0.2 s apart: 1.2 s in all, more than twice the limit, never quiet for as long as it.
  auto started = ChildProcess::start(
      {"/bin/sh", "-c", "for i in 1 2 3 4 5 6; do echo $i; sleep 0.2; done; exit 4"}, {});
  ASSERT_EQ(started.index(), 0u);
  ChildProcess& child = std::get<0>(started);
  std::vector<std::string> lines;
  EXPECT_TRUE(child.read_until_exit(std::chrono::milliseconds(600), [&](std::string&& l) { lines.push_back(l); }));
  EXPECT_EQ(lines, (std::vector<std::string>{"1", "2", "3", "4", "5", "6"}));
  ASSERT_TRUE(child.exit_status());
  EXPECT_TRUE(child.exit_status()->exited);
  EXPECT_EQ(child.exit_status()->code, 4);
}

TEST(ChildProcess, aMissingProgramIsAReasonNotACrash) {
  auto started = ChildProcess::start({"/nonexistent/fuzzer"}, {});
  ASSERT_EQ(started.index(), 1u);
  EXPECT_NE(std::get<1>(started).find("/nonexistent/fuzzer: No such file"), std::string::npos);
}

}  // namespace
}  // namespace refsim::campaign
