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

TEST(ChildProcess, aMissingProgramIsAReasonNotACrash) {
  auto started = ChildProcess::start({"/nonexistent/fuzzer"}, {});
  ASSERT_EQ(started.index(), 1u);
  EXPECT_NE(std::get<1>(started).find("/nonexistent/fuzzer: No such file"), std::string::npos);
}

}  // namespace
}  // namespace refsim::campaign
