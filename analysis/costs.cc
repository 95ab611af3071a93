// Costs: the hot-path cost of each strategy, read off its algorithm (one row per strategy).
#include "analysis/costs.h"

namespace refsim::analysis {

const std::vector<StrategyCost>& strategy_costs() {
  static const std::vector<StrategyCost> rows = {
      {Strategy::AsShipped,
       "+1 test and branch (3.12/3.13 64-bit: the saturating add's zero test on the low half; 3.14 "
       "64-bit: lo32 >= 0xC0000000; 32-bit: the immortality compare)",
       "+1 test and branch (the immortality test before the decrement; the zero test stays)",
       "0 bytes", "tp_dealloc of None, bool, NotImplemented, Ellipsis, small int and str checks for its "
                  "immortal instances and resets them (cold path)"},
      {Strategy::NoReset, "as as-shipped", "as as-shipped", "0 bytes",
       "none: tp_dealloc keeps 3.11's code (fatal or free of static memory)"},
      {Strategy::ResetAll, "as as-shipped", "as as-shipped", "0 bytes",
       "as-shipped plus an identity/flag test in the tp_dealloc of static types, bytes singletons, the "
       "empty tuple and extensions' static objects (cold path)"},
      {Strategy::ResetExceptInt, "as as-shipped", "as as-shipped", "0 bytes",
       "as-shipped minus the small-int test in int's tp_dealloc (the one reset on a hot dealloc path)"},
      {Strategy::PeriodicReset, "as as-shipped", "as as-shipped", "0 bytes",
       "one word written per immortal object every period (refsim: 2^24 operations), plus the walk over "
       "the tracked immortal objects"},
      {Strategy::ResetOnMargin, "0 (a plain ++ that never skips)",
       "0 extra on the common path: the zero test becomes (W & ~B) == 0, and a second branch runs only "
       "when it holds",
       "one word (8 bytes on 64-bit, 4 on 32-bit) per incref and decref: immortal objects are written like "
       "mortal ones, so they are not immutable",
       "none"},
      {Strategy::NoImmortals, "0 (3.11's ++)", "0 (3.11's -- and zero test)",
       "one word per incref and decref (no object is immortal)", "none; loses every benefit of immortality"},
  };
  return rows;
}

}  // namespace refsim::analysis
