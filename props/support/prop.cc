// Prop: running a property under googletest, and printing what failed as a scenario file.
#include "props/support/prop.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/atomic_write.h"
#include "io/report_json.h"
#include "io/scenario_json.h"
#include "io/scenario_writer.h"

// RapidCheck's own encoder of the `reproduce` parameter (src/detail/Configuration.cpp). It is in
// librapidcheck but in no installed header.
namespace rc::detail {
std::string reproduceMapToString(const std::unordered_map<std::string, Reproduce>& reproduce_map);
}  // namespace rc::detail

namespace refsim::props {

namespace {

constexpr std::string_view kBegin = "--- counterexample: a refsim scenario (replay with `refsim run FILE`) ---\n";
constexpr std::string_view kEnd = "\n--- end of counterexample ---";

/// The scenario document inside a failure description, if any.
std::string embedded_scenario(const std::string& description) {
  const auto begin = description.find(kBegin);
  if (begin == std::string::npos) return {};
  const auto start = begin + kBegin.size();
  const auto end = description.find(kEnd, start);
  return description.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

std::string scenario_document(const Scenario& scenario) { return scenario_json(scenario).dump(2); }

void fail(const Scenario& scenario, const std::string& what) {
  throw rc::detail::CaseResult(rc::detail::CaseResult::Type::Failure,
                               what + "\n" + std::string(kBegin) + scenario_document(scenario) + std::string(kEnd));
}

void require_freed_at_last_release(const Scenario& s, const Outcome& out) {
  REFSIM_REQUIRE(!out.crashed && out.events.size() == 1, s, describe(out));
  const Event& e = out.events[0];
  REFSIM_REQUIRE(e.kind == EventKind::Dealloc && e.action == Action::Freed && !e.premature && e.step == out.steps, s,
                 describe(out));
  REFSIM_REQUIRE(out.objects[0].freed && out.objects[0].logical == 0, s, describe(out));
}

std::string describe(const Outcome& o) {
  std::ostringstream os;
  os << (o.crashed ? "crashed" : "survived") << ", " << o.steps << " steps, " << o.events_total << " events:";
  for (std::size_t i = 0; i < std::min<std::size_t>(o.events.size(), 8); ++i) {
    const Event& e = o.events[i];
    os << " " << name_of(e.kind) << "@" << e.step << "(obj " << e.obj << ", 0x" << std::hex << e.word_before << "->0x"
       << e.word_after << std::dec << (e.action ? ", " + std::string(name_of(*e.action)) : "")
       << (e.premature ? ", premature" : "") << ")";
  }
  if (o.events.size() > 8) os << " ...";
  return os.str();
}

std::string reproduce_params(const std::string& id, const rc::detail::Reproduce& reproduce) {
  return "reproduce=" + rc::detail::reproduceMapToString({{id, reproduce}});
}

void check_property(const std::string& suite, const std::string& name, int weight,
                    const rc::detail::Property& property) {
  rc::detail::TestMetadata metadata;
  metadata.id = suite + "/" + name;
  metadata.description = name;
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = std::max(1, params.maxSuccess / std::max(1, weight));
  const rc::detail::TestResult result = rc::detail::checkProperty(property, metadata, params);

  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  if (result.match(success)) {
    std::cout << "[ props    ] " << metadata.id << ": " << success.numSuccess << " cases";
    if (!success.distribution.empty()) {
      std::cout << "\n";
      rc::detail::printResultMessage(result, std::cout);
    }
    std::cout << std::endl;
    return;
  }
  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  if (result.match(failure)) {
    message << "\n\nReproduce this failure with:\n  RC_PARAMS=\"" << reproduce_params(metadata.id, failure.reproduce)
            << "\" ./refsim_props --gtest_filter=" << suite << "." << name << "\n";
    const std::string document = embedded_scenario(failure.description);
    if (!document.empty()) {
      std::error_code ec;
      std::filesystem::create_directories("props-counterexamples", ec);
      const std::filesystem::path path = std::filesystem::path("props-counterexamples") / (suite + "." + name + ".json");
      if (const auto reason = write_atomically(path, document + "\n"))
        message << "(the counterexample could not be written to " << path.string() << ": " << *reason << ")\n";
      message << "The counterexample is in " << std::filesystem::absolute(path).string()
              << "; replay it with: refsim run " << path.string() << "\n";
    }
  }
  ADD_FAILURE() << message.str();
}

}  // namespace refsim::props

namespace refsim {

void showValue(const Scenario& scenario, std::ostream& os) { os << scenario_json(scenario).dump(); }

void showValue(const RuntimeSpec& rt, std::ostream& os) {
  os << name_of(rt.version) << "/" << rt.width.bits << (rt.debug ? "/debug/" : "/release/") << name_of(rt.strategy);
  if (rt.strategy == Strategy::PeriodicReset)
    os << "(period " << rt.params.period << (rt.params.only_if_legacy ? ", only if legacy" : "") << ")";
}

}  // namespace refsim
