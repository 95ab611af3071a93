// Boundaries: the references of formats 1 and 2 on one runtime, for the reader and the writer.
#include "fuzz/boundaries.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>

#include "fuzz/bytes.h"
#include "model/runtime.h"

namespace refsim::fuzz {

namespace {

constexpr std::size_t kMaxIndex = 1u << 14;  // format 1: 14 index bits
constexpr unsigned kOriginShift = 2;         // format 2: tag bits 2-5 hold the origin
constexpr std::size_t kMaxOrigins = 16;
enum Form : unsigned { kPower = 0, kCut = 1, kDown = 2, kUp = 3 };

Word modulus_mask(const Cut& cut) { return cut.mod_bits >= 64 ? ~Word{0} : (Word{1} << cut.mod_bits) - 1; }
Word down_to(const Cut& cut, Word start) { return (start - cut.value) & modulus_mask(cut); }
Word up_to(const Cut& cut, Word start) { return (cut.value - start) & modulus_mask(cut); }

std::uint8_t tag(Form form, std::size_t origin) {
  return static_cast<std::uint8_t>(0x80u | form | (origin << kOriginShift));
}

}  // namespace

Boundaries::Boundaries(std::uint8_t format, const RuntimeSpec& spec) : format_(format), mask_(spec.width.mask()) {
  const Runtime rt(spec);
  if (format == 1) {
    // Powers of two, then for each cut its value and each kind's distances to it, both ways;
    // sorted, unique, zero dropped. Only the rows format 1 knew take part.
    for (unsigned k = 0; k < 64; ++k) table_.push_back(Word{1} << k);
    for (std::size_t o = 0; o < kFormat1Origins; ++o)
      for (const Cut& cut : rt.cuts(static_cast<Origin>(o))) {
        table_.push_back(cut.value & mask_);
        for (std::size_t k = 0; k < kFormat1Kinds; ++k) {
          const Word start = rt.initial_word(static_cast<Kind>(k), 1);
          table_.push_back(down_to(cut, start));
          table_.push_back(up_to(cut, start));
        }
      }
    std::sort(table_.begin(), table_.end());
    table_.erase(std::unique(table_.begin(), table_.end()), table_.end());
    table_.erase(std::remove(table_.begin(), table_.end(), Word{0}), table_.end());
    if (table_.size() > kMaxIndex) table_.resize(kMaxIndex);
    for (std::size_t i = 0; i < table_.size(); ++i)
      add(table_[i], {{static_cast<std::uint8_t>(0x80u | (i >> 8)), static_cast<std::uint8_t>(i & 0xff)}, 2, 0});
  } else {
    for (unsigned k = 0; k < 64; ++k) add(Word{1} << k, {{tag(kPower, 0), static_cast<std::uint8_t>(k)}, 2, 0});
    for (Origin origin : values_of<Origin>()) origin_cuts_.push_back(rt.cuts(origin));
    for (Kind kind : values_of<Kind>()) starts_.push_back(rt.initial_word(kind, 1));
    for (std::size_t o = 0; o < std::min(origin_cuts_.size(), kMaxOrigins); ++o) {
      const Cuts& cuts = origin_cuts_[o];
      for (std::size_t i = 0; i < std::min<std::size_t>(cuts.size(), 256); ++i) {
        const auto index = static_cast<std::uint8_t>(i);
        add(cuts[i].value & mask_, {{tag(kCut, o), index}, 2, 0});
        for (std::size_t k = 0; k < std::min<std::size_t>(starts_.size(), 256); ++k) {
          const auto kind = static_cast<std::uint8_t>(k);
          add(down_to(cuts[i], starts_[k]), {{tag(kDown, o), kind, index}, 3, 0});
          add(up_to(cuts[i], starts_[k]), {{tag(kUp, o), kind, index}, 3, 0});
        }
      }
    }
  }
  std::stable_sort(spellings_.begin(), spellings_.end(), [](const Spelling& a, const Spelling& b) {
    return std::tie(a.value, a.size) < std::tie(b.value, b.size);
  });
  for (const Spelling& s : spellings_)
    if (s.value != 0 && (values_.empty() || values_.back() != s.value)) values_.push_back(s.value);
}

void Boundaries::add(Word value, Spelling spelling) {
  spelling.value = value;
  spellings_.push_back(spelling);
}

const Boundaries& Boundaries::of(std::uint8_t format, const RuntimeSpec& spec) {
  // The references follow from the code each origin runs and the initial words, which the
  // version, width, debug build and strategy decide; periodic-reset parameters change neither.
  using Key = std::tuple<int, int, unsigned, bool, int>;
  static std::mutex mutex;
  static std::map<Key, Boundaries> cache;
  const Key key{format, static_cast<int>(spec.version), spec.width.bits, spec.debug, static_cast<int>(spec.strategy)};
  std::lock_guard lock(mutex);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, Boundaries(format, spec)).first;
  return it->second;
}

const std::vector<Word>& boundary_table(const RuntimeSpec& runtime) { return Boundaries::of(2, runtime).values(); }

Word Boundaries::read(Reader& in, std::uint8_t tag_byte, std::size_t at, const char* what) const {
  return format_ == 1 ? read_v1(in, tag_byte, at, what) : read_v2(in, tag_byte, at, what);
}

Word Boundaries::read_v1(Reader& in, std::uint8_t tag_byte, std::size_t at, const char* what) const {
  const std::size_t index = (std::size_t{tag_byte & 0x3fu} << 8) | in.byte(what);
  if (index >= table_.size())
    in.fail(at, "boundary index " + std::to_string(index) + " beyond the table's " + std::to_string(table_.size()) +
                    " values");
  return table_[index];
}

Word Boundaries::read_v2(Reader& in, std::uint8_t tag_byte, std::size_t at, const char* what) const {
  const auto form = static_cast<Form>(tag_byte & 3u);
  const std::size_t origin = (tag_byte >> kOriginShift) & 15u;
  if (form == kPower) {
    if (origin != 0) in.fail(at, "a power-of-two reference carries no origin (tag bits 2-5)");
    const unsigned exponent = in.byte(what);
    if (exponent >= 64) in.fail(at, "2^" + std::to_string(exponent) + " leaves the 64-bit range");
    return Word{1} << exponent;
  }
  if (origin >= origin_cuts_.size()) in.fail(at, "a boundary of unknown origin " + std::to_string(origin));
  const std::size_t kind = form == kCut ? 0 : in.byte(what);
  if (kind >= starts_.size()) in.fail(at, "a distance from unknown kind " + std::to_string(kind));
  const std::size_t index = in.byte(what);
  const Cuts& cuts = origin_cuts_[origin];
  if (index >= cuts.size())
    in.fail(at, "cut " + std::to_string(index) + " of origin \"" + std::string(name_of(static_cast<Origin>(origin))) +
                    "\", which has " + std::to_string(cuts.size()));
  const Cut& cut = cuts[index];
  if (form == kCut) return cut.value & mask_;
  return form == kDown ? down_to(cut, starts_[kind]) : up_to(cut, starts_[kind]);
}

std::optional<Boundaries::Spelling> Boundaries::nearest(Word value) const {
  const Word lo = value >= 127 ? value - 127 : 0;
  const Word hi = value <= ~Word{0} - 128 ? value + 128 : ~Word{0};
  const auto first = std::lower_bound(spellings_.begin(), spellings_.end(), lo,
                                      [](const Spelling& s, Word v) { return s.value < v; });
  std::optional<Spelling> best;
  Word best_distance = 0;
  for (auto it = first; it != spellings_.end() && it->value <= hi; ++it) {
    const Word distance = it->value > value ? it->value - value : value - it->value;
    if (!best || distance < best_distance || (distance == best_distance && it->size < best->size)) {
      best = *it;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace refsim::fuzz
