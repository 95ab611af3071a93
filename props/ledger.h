// Ledger: the reference-ledger model for stateful tests. Code that is "paired" takes a reference
// (an incref) and releases it exactly once later (a decref), in any order, by any origin: the
// extension may hand a new reference to the core, which releases it. The model keeps every
// outstanding reference with the origin that took it; the system under test is the scenario built
// from the commands, run through the engine. With the ledger, "freed while references remain" and
// "alive with none left" become properties instead of judgements.
#pragma once

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <array>
#include <functional>
#include <memory>
#include <ostream>
#include <vector>

#include "model/outcome.h"
#include "model/scenario.h"

namespace refsim::props::ledger {

using U128 = unsigned __int128;

/// The model: references outstanding on the one object, by the origin that took them.
struct Ledger {
  std::array<U128, count_of<Origin>()> held{};  ///< indexed by Origin
  U128 peak = 0;  ///< the largest outstanding total so far

  U128 outstanding() const;
};

class Sut;

/// Where a ledger test draws its commands from, and what it checks after each one.
struct Space {
  RuntimeSpec runtime;
  Kind kind = Kind::Heap;
  Int128 initial_refs = 1;               ///< taken by the core before the first command
  std::vector<Origin> origins;           ///< who takes and who releases (element order: shrink order)
  std::uint64_t cap = 1 << 20;           ///< the largest count of one command
  U128 peak_limit = ~U128{0};            ///< no take beyond this many outstanding references
  bool aim = true;                       ///< counts aimed at boundaries; false: log-uniform
  /// Called after every command with the scenario so far (empty: nothing is run until the end).
  std::function<void(const Sut&)> after_each;
};

/// The system under test: the scenario the commands have built (adjacent operations of the same
/// kind and origin merge into one), with the logical count the ledger implies.
class Sut {
 public:
  explicit Sut(const Space& space);
  void incref(Origin by, std::uint64_t count);
  void decref(Origin by, std::uint64_t count);
  const Scenario& scenario() const { return scenario_; }
  U128 outstanding() const { return outstanding_; }
  const Space& space() const { return *space_; }
  /// The origin that closes the ledger: the last releaser; if nothing was released, the other
  /// origin than the last taker (a reference handed across: the extension returns it to the core,
  /// or the core passes it to the extension); with no command at all, the core (the creator).
  Origin closer() const;
  /// The scenario with every outstanding reference released by closer().
  Scenario closed() const;

 private:
  void append(OpCode code, Origin by, std::uint64_t count);
  const Space* space_;
  Scenario scenario_;
  U128 outstanding_;
  std::optional<Origin> last_releaser_;
  std::optional<Origin> last_taker_;
};

using Command = rc::state::Command<Ledger, Sut>;

/// Some origin takes `count` references (an incref of that many).
struct Take : Command {
  Origin by = Origin::Core;
  std::uint64_t count = 1;
  std::shared_ptr<const Space> space;  ///< shared: shrinking replays commands after their test returned
  Take(const Ledger& model, const std::shared_ptr<const Space>& space);
  std::uint64_t effective(const Ledger& model) const;
  void checkPreconditions(const Ledger& model) const override;
  void apply(Ledger& model) const override;
  void run(const Ledger& model, Sut& sut) const override;
  void show(std::ostream& os) const override;
};

/// Some origin releases `count` references that some origin took (never the last one: closing the
/// ledger is the end of the test's job).
struct Release : Command {
  Origin taker = Origin::Core;
  Origin by = Origin::Core;
  std::uint64_t count = 1;
  std::shared_ptr<const Space> space;
  Release(const Ledger& model, const std::shared_ptr<const Space>& space);
  std::uint64_t effective(const Ledger& model) const;
  void checkPreconditions(const Ledger& model) const override;
  void apply(Ledger& model) const override;
  void run(const Ledger& model, Sut& sut) const override;
  void show(std::ostream& os) const override;
};

/// Generates a command sequence (inside a property), runs it on a fresh Sut and closes the ledger:
/// the scenario in which every reference was released exactly once. `length_scale` scales the
/// number of commands (RapidCheck's size; 1.0 gives up to max_size + 1).
Scenario paired_scenario(const std::shared_ptr<const Space>& space, double length_scale = 0.2);

/// Whether the scenario's operations include both origins.
bool uses(const Scenario& scenario, Origin origin);

}  // namespace refsim::props::ledger
