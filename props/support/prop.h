// Prop: how refsim's properties run under googletest. REFSIM_PROP is RC_GTEST_PROP with a weight
// (the property runs max_success / weight cases, so that the expensive ones share the budget that
// RC_PARAMS sets) and a counterexample printer: a failing property prints RapidCheck's message, the
// RC_PARAMS that reproduces it, and the failing scenario as a refsim scenario file.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <ostream>
#include <string>

#include "model/outcome.h"
#include "model/scenario.h"

namespace refsim::props {

/// Runs `property` as the current googletest test: max(1, max_success / weight) cases, with the
/// seed, size and reproduce map of RC_PARAMS. On failure, writes the counterexample's scenario to
/// props-counterexamples/<Suite>.<Name>.json and fails the test with everything needed to rerun it.
void check_property(const std::string& suite, const std::string& name, int weight,
                    const rc::detail::Property& property);

/// Fails the current case: `what`, then the scenario as a refsim scenario document.
[[noreturn]] void fail(const Scenario& scenario, const std::string& what);

/// Fails the current case unless the scenario's one object (paired references, all released) was
/// freed exactly at the last step, by the release of its last reference, and nothing else happened.
void require_freed_at_last_release(const Scenario& scenario, const Outcome& outcome);

/// The scenario as a refsim scenario document (what `refsim run` reads).
std::string scenario_document(const Scenario& scenario);

/// The outcome in a line or two, for failure messages.
std::string describe(const Outcome& outcome);

/// The RC_PARAMS value that replays this failure of the property `id` ("Suite/Name").
std::string reproduce_params(const std::string& id, const rc::detail::Reproduce& reproduce);

}  // namespace refsim::props

namespace refsim {
/// RapidCheck's printer for generated scenarios and specs (found by ADL).
void showValue(const Scenario& scenario, std::ostream& os);
void showValue(const RuntimeSpec& runtime, std::ostream& os);
}  // namespace refsim

/// Fails the case, printing the scenario, unless `condition` holds.
#define REFSIM_REQUIRE(condition, scenario, message)                                        \
  do {                                                                                      \
    if (!(condition))                                                                       \
      ::refsim::props::fail((scenario), std::string(__FILE__ ":") + std::to_string(__LINE__) + \
                                            ": " #condition ": " + (message));               \
  } while (false)

/// Defines a property as a googletest test that runs max_success / Weight cases.
#define REFSIM_PROP(Suite, Name, Weight, ArgList)                                            \
  void refsim_prop_##Suite##_##Name ArgList;                                                 \
  TEST(Suite, Name) {                                                                        \
    ::refsim::props::check_property(#Suite, #Name, Weight,                                   \
                                    ::rc::detail::toProperty(&refsim_prop_##Suite##_##Name)); \
  }                                                                                          \
  void refsim_prop_##Suite##_##Name ArgList
