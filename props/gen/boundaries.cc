// Boundaries: the named words of every version, from the facts table.
#include "props/gen/boundaries.h"

#include "props/support/facts.h"

namespace refsim::props::gen {

namespace {

unsigned bit_index(Word bit) {
  unsigned i = 0;
  while (bit > 1) {
    bit >>= 1;
    ++i;
  }
  return i;
}

void family_bounds(const RuntimeSpec& rt, Family family, std::vector<Boundary>& out) {
  const Layout& l = layout(rt.width.bits);
  const unsigned n = l.bits, half = n / 2;
  switch (family) {
    case Family::V311: out.push_back({"3.11-static-init", l.v311_static, n}); break;
    case Family::Draft:
      for (Version v : {Version::PEP683_R2, Version::PEP683_R3}) {
        if (rt.version != v && family_of(rt.version) == Family::Draft) continue;
        const Word bit = v == Version::PEP683_R2 ? l.r2_bit : l.r3_bit;
        const std::string tag = v == Version::PEP683_R2 ? "r2-" : "r3-";
        out.push_back({tag + "bit-on", bit, bit_index(bit) + 1});        // bit - 1 -> bit: immortal
        out.push_back({tag + "bit-off", 0, bit_index(bit) + 1});         // 2bit - 1 -> 2bit: mortal
        out.push_back({tag + "initial", bit + bit / 2, n});
        if (rt.strategy == Strategy::ResetOnMargin) out.push_back({tag + "margin", bit, n});
      }
      break;
    case Family::V312:
      if (l.split) {
        out.push_back({"3.12-immortal", l.v312_immortal, n});
        out.push_back({"3.12-lo-sign", l.v312_test_bit, half});
        out.push_back({"3.12-lo-saturated", l.half_mask, half});
      } else {
        out.push_back({"3.12-immortal-eq", l.v312_immortal, n});
      }
      break;
    case Family::V314:
      if (l.split) {
        out.push_back({"3.14-ratchet", l.v314_ratchet, half});
        out.push_back({"3.14-minimum", l.v314_minimum, half});
        out.push_back({"3.14-debug-window", l.v314_debug_lo_max + 1, half});
        out.push_back({"3.14-static-initial", l.v314_static, n});
        out.push_back({"3.14-runtime-initial", l.v314_runtime, n});
      } else {
        out.push_back({"3.14-minimum", l.v314_minimum, n});
        out.push_back({"3.14-runtime-initial", l.v314_runtime, n});
        out.push_back({"3.14-static-minimum", l.v314_minimum + l.v314_minimum / 2, n});
        out.push_back({"3.14-static-initial", l.v314_static, n});
      }
      break;
  }
}

}  // namespace

std::vector<Boundary> boundaries(const RuntimeSpec& rt) {
  const Layout& l = layout(rt.width.bits);
  const unsigned n = l.bits;
  std::vector<Boundary> out;
  const Family own = family_of(rt.version);
  family_bounds(rt, own, out);
  const Word sign = Word{1} << (n - 1);
  out.push_back({"zero", 0, n});
  out.push_back({"one", 1, n});
  out.push_back({"signed-max", sign - 1, n});
  out.push_back({"sign", sign, n});
  out.push_back({"all-ones", Width{n}.mask(), n});
  if (l.split) {
    out.push_back({"lo-zero", 0, n / 2});
    out.push_back({"lo-max", l.half_mask, n / 2});
  }
  // The extension code a runtime may run brings the 3.12 and 3.14 header arithmetic.
  for (Family f : {Family::V312, Family::V314})
    if (f != own) {
      std::vector<Boundary> ext;
      family_bounds(rt, f, ext);
      for (Boundary& b : ext) out.push_back({"ext-" + b.name, b.value, b.mod_bits});
    }
  return out;
}

Word distance(const Boundary& b, Word word, bool up, Width width) {
  const unsigned bits = b.mod_bits < width.bits ? b.mod_bits : width.bits;
  const Word mask = bits >= 64 ? ~Word{0} : (Word{1} << bits) - 1;
  return (up ? b.value - word : word - b.value) & mask;
}

std::string near_boundary(const std::vector<Boundary>& bounds, Word word, Width width) {
  for (const Boundary& b : bounds)
    if (distance(b, word, true, width) <= 1 || distance(b, word, false, width) <= 1) return b.name;
  return "";
}

std::string landing_tag(const Scenario& scenario, const Outcome& outcome) {
  const std::vector<Boundary> bounds = boundaries(scenario.runtime);
  const Width w = scenario.runtime.width;
  for (const Boundary& b : bounds) {
    const auto near = [&](Word word) {
      return distance(b, word, true, w) <= 1 || distance(b, word, false, w) <= 1;
    };
    for (const Event& e : outcome.events)
      if (near(e.word_after) || near(e.word_before)) return b.name;
    for (const ObjectState& o : outcome.objects)
      if (near(o.word)) return b.name;
  }
  return "no boundary";
}

}  // namespace refsim::props::gen
