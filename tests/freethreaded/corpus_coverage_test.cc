// Issue 16 item 4: every event kind of the free-threaded model is expected, with hand-computed
// fields, by a corpus scenario on 3.14t 64-bit, except queue-released-at-once (a race: the owner
// merges between another thread's queueing and its call to _Py_brc_queue_object, which sequential
// scenarios cannot interleave; hand_cases_test.cc covers it), and the gh153202 draft has scenarios.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "io/read_file.h"
#include "model/freethreaded/ft_outcome.h"

namespace refsim::ft {
namespace {

namespace fs = std::filesystem;

TEST(FreeThreadedCorpus, everyEventKindIsExpectedOn314t64Bit) {
  std::set<std::string> expected;
  int draft = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(REFSIM_SOURCE_DIR) / "corpus" / "scenarios")) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("ft-gh153202-")) ++draft;
    if (!name.starts_with("ft-3.14t-64-")) continue;
    const FileRead file = read_file(entry.path());
    ASSERT_TRUE(file.ok()) << name;
    const auto doc = nlohmann::json::parse(file.bytes);
    ASSERT_TRUE(doc.contains("expect")) << name << " has no hand-computed expect";
    for (const auto& e : doc["expect"].value("events", nlohmann::json::array())) expected.insert(e.value("kind", ""));
  }
  for (const FtEventKind kind : values_of<FtEventKind>()) {
    if (kind == FtEventKind::QueueReleasedAtOnce) continue;
    EXPECT_TRUE(expected.contains(std::string(name_of(kind)))) << "no ft-3.14t-64-* scenario expects " << name_of(kind);
  }
  EXPECT_GE(draft, 5) << "the gh153202 draft's scenarios";
}

}  // namespace
}  // namespace refsim::ft
