// Free-threaded scenario files: what decodes, and what is refused with which reason (which
// extensions load on a free-threaded build, thread lifetimes, the format version).
#include <gtest/gtest.h>

#include <string>

#include "io/ft_scenario_json.h"

namespace refsim::ft {
namespace {

std::string doc(const std::string& version, const std::string& ops, const std::string& extra = "") {
  return R"({"format": "refsim-scenario/2", "runtime": {"version": ")" + version +
         R"(", "width": 64}, "threads": ["main", "worker"], "objects": [{"id": "o", "owner": "main"}])" + extra +
         R"(, "ops": )" + ops + "}";
}

/// The error of a document, or "" when it decodes.
std::string error_of(const std::string& text) {
  auto result = parse_ft_scenario(text, "t");
  if (const SpecError* e = std::get_if<SpecError>(&result)) return e->path + ": " + e->message;
  return "";
}

TEST(FtScenarioJson, decodesThreadsOwnersAndMerges) {
  const std::string text = doc("3.14t", R"([{"op": "incref", "obj": "o", "thread": "worker", "count": "3"},
      {"op": "merge", "thread": "main", "at": "gc"}, {"op": "refcnt", "obj": "o", "by": "ext-3.14t"}])");
  ASSERT_TRUE(names_free_threaded_runtime(text));
  auto result = parse_ft_scenario(text, "t");
  ASSERT_TRUE(std::holds_alternative<FtScenarioFile>(result)) << error_of(text);
  const FtScenario& s = std::get<FtScenarioFile>(result).scenario;
  EXPECT_EQ(s.threads.size(), 2u);
  ASSERT_EQ(s.ops.size(), 3u);
  EXPECT_EQ(s.ops[0].thread, 1u);
  EXPECT_EQ(s.ops[0].count, 3u);
  EXPECT_EQ(s.ops[1].at, MergeAt::Gc);
  EXPECT_FALSE(names_free_threaded_runtime(R"({"runtime": {"version": "3.14", "width": 64}})"));
}

TEST(FtScenarioJson, legacyAndDefaultBuildExtensionsAreRefusedWithTheReason) {
  const std::string legacy = error_of(doc("3.14t", R"([{"op": "incref", "obj": "o", "by": "ext-3.11"}])"));
  EXPECT_NE(legacy.find("ops[0].by: \"ext-3.11\" cannot run on 3.14t"), std::string::npos) << legacy;
  EXPECT_NE(legacy.find("ob_tid"), std::string::npos) << legacy;
  const std::string abi3 = error_of(doc("3.13t", R"([{"op": "decref", "obj": "o", "by": "ext-3.12"}])"));
  EXPECT_NE(abi3.find("abi3 extension of the default build does not load"), std::string::npos) << abi3;
  const std::string other = error_of(doc("3.14t", R"([{"op": "decref", "obj": "o", "by": "ext-3.13t"}])"));
  EXPECT_NE(other.find("built for one free-threaded version"), std::string::npos) << other;
  const std::string abi3t = error_of(doc("3.14t", R"([{"op": "decref", "obj": "o", "by": "abi3t"}])"));
  EXPECT_NE(abi3t.find("exists from 3.15t"), std::string::npos) << abi3t;
  EXPECT_EQ(error_of(doc("3.15t", R"([{"op": "decref", "obj": "o", "by": "abi3t"}])")), "");
}

TEST(FtScenarioJson, threadLifetimesAndRangesAreChecked) {
  EXPECT_EQ(error_of(doc("3.14t", R"([{"op": "merge", "thread": "worker", "at": "thread-exit"},
      {"op": "incref", "obj": "o", "thread": "worker"}])")),
            "ops[1].thread: thread \"worker\" has exited");
  EXPECT_EQ(error_of(doc("3.14t", R"([{"op": "repeat", "count": 2, "ops": [
      {"op": "merge", "thread": "worker", "at": "thread-exit"}]}])")),
            "ops[0].ops[0].at: a thread exits once: not inside a repeat");
  EXPECT_EQ(error_of(doc("3.14t", R"([{"op": "incref", "obj": "o", "thread": "nobody"}])")),
            "ops[0].thread: unknown thread \"nobody\"");
  EXPECT_EQ(error_of(doc("3.14t", R"([{"op": "gc"}])")), "ops[0].op: unknown op \"gc\" on a free-threaded runtime");
  EXPECT_EQ(error_of(R"({"format": "refsim-scenario/2", "runtime": {"version": "gh153202-proto", "width": 64},
      "objects": [{"id": "f", "kind": "deferred"}]})"),
            "objects[0].kind: deferred reference counting is not modelled on gh153202-proto (docs/FREE-THREADED.md)");
  EXPECT_EQ(error_of(R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14t", "width": 64}})"),
            "format: a free-threaded runtime needs format \"refsim-scenario/2\"");
  EXPECT_EQ(error_of(R"({"format": "refsim-scenario/2", "runtime": {"version": "3.14t", "width": 16},
      "objects": [{"id": "o", "local": 256}]})"),
            "objects[0].local: 256 does not fit ob_ref_local (0..255)");
  EXPECT_EQ(error_of(doc("3.14t", R"([{"op": "set_refcnt", "obj": "o", "value": "9223372036854775808"}])")),
            "ops[0].value: \"9223372036854775808\" is not an integer in -9223372036854775808..9223372036854775807");
}

TEST(FtScenarioJson, theNameTablesAreTheFormatsNames) {
  // docs/SCENARIO-THREADS.md's names, read and written through Names<FtKind>, Names<MergeAt> and
  // Names<FtOpCode> (model/freethreaded/ft_scenario.h) and Names<FtVersion> (ft_build.h).
  EXPECT_EQ(error_of(R"({"format": "refsim-scenario/2", "runtime": {"version": "3.14t", "width": 64},
      "objects": [{"id": "o", "kind": "static"}]})"),
            R"(objects[0].kind: expected "heap", "immortal" or "deferred")");
  EXPECT_EQ(error_of(doc("3.14t", R"([{"op": "merge", "thread": "main", "at": "exit"}])")),
            R"(ops[0].at: expected "eval-breaker", "gc" or "thread-exit")");
  EXPECT_EQ(error_of(R"({"format": "refsim-scenario/2", "runtime": {"version": "3.16t", "width": 64}})"),
            R"(runtime.version: unknown version "3.16t")");
  const std::pair<const char*, MergeAt> merges[] = {
      {"eval-breaker", MergeAt::EvalBreaker}, {"gc", MergeAt::Gc}, {"thread-exit", MergeAt::ThreadExit}};
  for (const auto& [name, at] : merges) {
    auto result = parse_ft_scenario(doc("3.14t", std::string(R"([{"op": "merge", "thread": "worker", "at": ")") + name + "\"}]"), "t");
    ASSERT_TRUE(std::holds_alternative<FtScenarioFile>(result)) << name;
    EXPECT_EQ(std::get<FtScenarioFile>(result).scenario.ops[0].at, at) << name;
  }
  const std::pair<const char*, FtOpCode> ops[] = {{"incref", FtOpCode::Incref}, {"decref", FtOpCode::Decref},
                                                  {"set_refcnt", FtOpCode::SetRefcnt}, {"refcnt", FtOpCode::Refcnt}};
  for (const auto& [name, code] : ops) {
    const std::string value = code == FtOpCode::SetRefcnt ? R"(, "value": 1)" : "";
    auto result = parse_ft_scenario(doc("3.14t", std::string(R"([{"op": ")") + name + R"(", "obj": "o")" + value + "}]"), "t");
    ASSERT_TRUE(std::holds_alternative<FtScenarioFile>(result)) << name;
    EXPECT_EQ(std::get<FtScenarioFile>(result).scenario.ops[0].code, code) << name;
  }
  const std::pair<const char*, FtVersion> versions[] = {{"3.13t", FtVersion::v313t}, {"3.14t", FtVersion::v314t},
                                                        {"3.15t", FtVersion::v315t}, {"gh153202-proto", FtVersion::gh153202}};
  for (const auto& [name, version] : versions) {
    auto result = parse_ft_scenario(doc(name, "[]"), "t");
    ASSERT_TRUE(std::holds_alternative<FtScenarioFile>(result)) << name;
    EXPECT_EQ(std::get<FtScenarioFile>(result).scenario.build.version, version) << name;
    EXPECT_EQ(std::get<FtScenarioFile>(result).scenario.build.info().name, std::string(name));  // kFtVersions agrees
  }
}

}  // namespace
}  // namespace refsim::ft
