// Matrix: one fast-engine run per row at the family's largest n, keeping only the first event of
// each kind; the step of each first event converts exactly to the smallest n that contains it.
#include "analysis/matrix.h"

#include <algorithm>

#include "model/runtime.h"

namespace refsim::analysis {

namespace {

/// The largest n whose scenario has at most `steps` single operations.
std::uint64_t n_for_steps(Threat threat, std::uint64_t steps, const FamilyParams& params) {
  std::uint64_t lo = 0, hi = max_n(threat, params);
  while (lo < hi) {  // steps_of_n is increasing in n
    const std::uint64_t mid = lo + (hi - lo) / 2 + (hi - lo) % 2;
    if (steps_of_n(threat, mid, params) <= steps) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

Threshold threshold(const RowKey& key, const FamilyParams& params, std::uint64_t step) {
  return {n_of_step(key.threat, step, params), step};
}

}  // namespace

Selection Selection::headline() {
  Selection s;
  for (const auto& row : Names<Version>::rows) s.versions.push_back(row.value);
  s.widths = {64, 32};
  s.debug = {false};
  for (const auto& row : Names<Strategy>::rows) s.strategies.push_back(row.value);
  s.kinds = {Kind::None};
  for (const auto& row : Names<Threat>::rows) s.threats.push_back(row.value);
  return s;
}

RuntimeSpec runtime_of(const RowKey& key) {
  RuntimeSpec spec;
  spec.version = key.version;
  spec.width = Width{key.width};
  spec.debug = key.debug;
  spec.strategy = key.strategy;
  if (key.strategy == Strategy::PeriodicReset)
    spec.params.period = key.width >= 32 ? std::uint64_t{1} << 24 : std::uint64_t{1} << (key.width / 2 - 2);
  return spec;
}

std::vector<RowKey> rows_of(const Selection& s) {
  std::vector<RowKey> keys;
  for (const Threat threat : s.threats)
    for (const Kind kind : s.kinds)
      for (const Version version : s.versions)
        for (const unsigned width : s.widths)
          for (const bool debug : s.debug)
            for (const Strategy strategy : s.strategies)
              if (strategy_applies(strategy, version))
                keys.push_back({version, width, debug, strategy, kind, threat});
  return keys;
}

Row analyse(const RowKey& key, const FamilyParams& params, std::uint64_t n_top, EngineKind engine,
            std::uint64_t max_work) {
  Row row;
  row.key = key;
  row.runtime = runtime_of(key);
  row.max_n = n_top;
  const Scenario scenario = make_scenario(key.threat, row.runtime, key.kind, n_top, params);
  // Only the first event of each kind is needed: with none kept beyond those, the fast engine counts
  // whole cycles at once.
  const Outcome outcome =
      run(scenario, engine, RunLimits{.max_events = 0, .first_of_each_kind = true, .max_work = max_work});
  if (outcome.gave_up) {
    // The scenario for the largest n whose steps all ran is a prefix of this one: it costs at most
    // as much work, give or take the jumps a shorter count allows.
    const std::uint64_t reached = n_for_steps(key.threat, outcome.steps, params);
    const std::uint64_t more = max_work > UINT64_MAX / 2 ? UINT64_MAX : max_work * 2;
    Row shorter = analyse(key, params, std::min(reached, n_top - 1), engine, more);
    shorter.gave_up = true;
    return shorter;
  }
  const Runtime runtime(row.runtime);
  row.created_immortal = outcome.objects.at(0).created_immortal;
  row.steps = outcome.steps;
  row.events = outcome.events_total;
  for (const Event& e : outcome.events) {
    switch (e.kind) {
      case EventKind::Deimmortalized: row.mortal = threshold(key, params, e.step); break;
      case EventKind::Dealloc:
        row.dealloc = threshold(key, params, e.step);
        row.dealloc_action = e.action;
        break;
      case EventKind::SignedOverflow: row.overflow = threshold(key, params, e.step); break;
      case EventKind::Reimmortalized:
      case EventKind::AccidentalImmortal:
        if (!row.immortal || e.step < row.immortal->steps) row.immortal = threshold(key, params, e.step);
        break;
      default: break;
    }
  }
  if (outcome.stopped)
    row.crash = Crash{threshold(key, params, outcome.stopped->step), outcome.stopped->event, outcome.stopped->action};
  const ObjectState& end = outcome.objects.at(0);
  row.immortal_at_end = !end.freed && runtime.immortal(end.word);
  return row;
}

Row compute_row(const RowKey& key, const FamilyParams& params) {
  return analyse(key, params, max_n(key.threat, params), EngineKind::Fast, kRowWork);
}

std::vector<Row> compute(const Selection& selection) {
  std::vector<Row> rows;
  for (const RowKey& key : rows_of(selection)) rows.push_back(compute_row(key, selection.family));
  return rows;
}

}  // namespace refsim::analysis
