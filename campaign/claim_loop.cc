// Claim loop: pick a claim, generate or mutate an input for it, check, keep what broke something
// new; the clock and the stop flag are looked at every 256 executions.
#include "campaign/claim_loop.h"

#include <time.h>

#include <algorithm>
#include <random>

#include "campaign/progress.h"
#include "campaign/violation.h"
#include "fuzz/regression.h"
#include "io/atomic_write.h"

namespace refsim::campaign {

namespace {

using Bytes = std::vector<std::uint8_t>;
using Clock = std::chrono::steady_clock;

/// Count tags the decoder gives meaning to (claim_input.cc): small literals, 2^k, the boundary
/// table, the scope's bound.
constexpr std::uint8_t kTags[] = {0x00, 0x01, 0x3f, 0x5f, 0x60, 0x7e, 0x80, 0xbf, 0xc7, 0xff};

class Generator {
 public:
  Generator(const ClaimSet& set, std::uint32_t seed) : set_(set), rng_(seed) {}

  /// A fresh input for a claim: header bytes, then operations.
  Bytes fresh(std::size_t claim) {
    const Claim& c = set_.claims()[claim];
    const std::size_t length = 5 + rng_() % (4 + 6 * (c.ft_scope ? c.ft_scope->max_ops : c.scope.max_ops));
    Bytes b(length);
    for (auto& byte : b) byte = random_byte();
    b[0] = static_cast<std::uint8_t>(claim);
    return b;
  }

  /// One to four edits of `b`: a byte replaced (often by a count tag), inserted, erased, a block
  /// copied, or the input cut short.
  Bytes mutate(Bytes b) {
    const unsigned edits = 1 + rng_() % 4;
    for (unsigned i = 0; i < edits; ++i) {
      const std::size_t at = 1 + rng_() % std::max<std::size_t>(b.size() - 1, 1);
      switch (rng_() % 6) {
        case 0:
        case 1: if (at < b.size()) b[at] = random_byte(); break;
        case 2: b.insert(b.begin() + static_cast<std::ptrdiff_t>(std::min(at, b.size())), random_byte()); break;
        case 3: if (b.size() > 6 && at < b.size()) b.erase(b.begin() + static_cast<std::ptrdiff_t>(at)); break;
        case 4: {
          const std::size_t from = rng_() % b.size(), n = std::min<std::size_t>(1 + rng_() % 8, b.size() - from);
          Bytes block(b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(from + n));
          b.insert(b.begin() + static_cast<std::ptrdiff_t>(std::min(at, b.size())), block.begin(), block.end());
          break;
        }
        default: if (b.size() > 6) b.resize(std::max<std::size_t>(6, at)); break;
      }
    }
    if (b.size() > 512) b.resize(512);
    return b;
  }

  std::uint64_t next() { return rng_(); }

 private:
  std::uint8_t random_byte() {
    return rng_() % 4 == 0 ? kTags[rng_() % std::size(kTags)] : static_cast<std::uint8_t>(rng_());
  }

  const ClaimSet& set_;
  std::mt19937_64 rng_;
};

std::int64_t cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1000000 + t.tv_nsec / 1000;
}

}  // namespace

LoopResult run_claim_loop(const ClaimSet& set, const LoopOptions& o, std::ostream& progress) {
  LoopResult result;
  result.per_claim.assign(set.claims().size(), 0);
  result.gave_up.assign(set.claims().size(), 0);
  result.first_wall_us.assign(set.claims().size(), -1);
  result.first_cpu_us.assign(set.claims().size(), -1);
  const std::int64_t cpu_begin = cpu_us();
  Generator generate(set, o.seed);
  // Per claim, the inputs that broke something new: mutated from then on, half of that claim's turns.
  std::vector<std::vector<Bytes>> kept(set.claims().size());
  ProgressDisplay display(progress, o.terminal, std::chrono::milliseconds(250), plain_period(o.time));
  const Clock::time_point begin = Clock::now(), deadline = begin + o.time;
  std::set<std::string> claims_broken;
  auto status = [&] {
    FuzzerStatus s;
    s.execs = result.execs;
    s.findings = claims_broken.size();
    return status_line(s, result.elapsed, o.time);
  };
  for (;;) {
    if ((result.execs & 0xff) == 0) {
      const Clock::time_point now = Clock::now();
      result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - begin);
      display.update(status(), result.elapsed);
      if (o.stop && *o.stop) {
        result.interrupted = true;
        break;
      }
      if (now >= deadline) break;
    }
    // Claims take turns at random, so a claim that holds gets as many executions as one that broke.
    const std::size_t claim = generate.next() % set.claims().size();
    const std::vector<Bytes>& mine = kept[claim];
    const Bytes input = mine.empty() || generate.next() % 2 == 0 ? generate.fresh(claim)
                                                                 : generate.mutate(mine[generate.next() % mine.size()]);
    ++result.execs;
    const auto checked = check_claim_input(set, input);
    if (!checked) continue;
    ++result.per_claim[checked->claim];
    result.gave_up[checked->claim] += checked->gave_up;
    for (const Violation& v : checked->violations) {
      if (!result.signatures.insert(v.signature).second) continue;
      if (claims_broken.insert(set.claims()[checked->claim].id).second) {
        result.first_wall_us[checked->claim] =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - begin).count();
        result.first_cpu_us[checked->claim] = cpu_us() - cpu_begin;
      }
      kept[claim].push_back(input);
      const std::string name = "crash-" + fuzz::sha1_hex(input);
      if (auto reason = write_atomically(o.artifacts / name, std::string_view(reinterpret_cast<const char*>(input.data()), input.size())))
        result.error = (o.artifacts / name).string() + ": " + *reason;
    }
    if (!result.error.empty()) break;
    if (o.until_broken && claims_broken.size() == set.claims().size()) break;
  }
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - begin);
  display.update(status(), result.elapsed, true);
  display.finish();
  return result;
}

}  // namespace refsim::campaign
