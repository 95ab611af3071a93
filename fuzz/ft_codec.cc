// The ft_engine fuzz target's decoder (the format is in ft_codec.h).
#include "fuzz/ft_codec.h"

#include <algorithm>
#include <string>
#include <vector>

namespace refsim::fuzz {
namespace {

using ft::FtOp;
using ft::FtOpCode;

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  std::uint8_t next() { return at_ < bytes_.size() ? bytes_[at_++] : 0; }
  bool done() const { return at_ >= bytes_.size(); }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t at_ = 0;
};

ft::FtObjectSpec object(Reader& in, const ft::FtBuild& b, std::size_t threads, std::size_t i) {
  ft::FtObjectSpec o;
  o.id = "o" + std::to_string(i);
  const unsigned kind = in.next() % 3;
  o.kind = kind == 1 ? ft::FtKind::Immortal
                     : (kind == 2 && b.info().deferred_modelled() ? ft::FtKind::Deferred : ft::FtKind::Heap);
  const std::size_t owner = in.next() % (threads + 1);
  o.owner = owner == threads ? ft::kUnowned : owner;
  o.refs = in.next() % 16;
  const std::uint8_t start = in.next();
  const Word distance = (start >> 2) % 4;
  if (o.kind == ft::FtKind::Immortal) return o;
  if ((start & 3) == 1) o.local = b.local_max() - (b.narrow() ? 0 : 1) - distance;
  if ((start & 3) == 2) {
    const std::int64_t edge = b.narrow() ? b.immortal_min_shared() : b.shared_count_max();
    o.shared = ft::shared_word(b, edge - 1 - static_cast<std::int64_t>(distance), (start >> 4) & 3);
  }
  return o;
}

constexpr std::uint64_t kOverBound = kMaxFtFuzzSteps + 1;

std::uint64_t work(const FtOp& op);

/// Single operations the stepwise reference runs for OPS (below), saturated at kOverBound.
std::uint64_t work(const std::vector<FtOp>& ops) {
  std::uint64_t total = 0;
  for (const FtOp& op : ops) total = std::min(kOverBound, total + work(op));
  return total;
}

/// Single operations the stepwise reference runs for OP: an incref or decref its count, any other
/// operation one (a merge or a Py_REFCNT read too, so that no repeat of them is free), a repeat its
/// iterations times its body; saturated at kOverBound.
std::uint64_t work(const FtOp& op) {
  switch (op.code) {
    case FtOpCode::Incref:
    case FtOpCode::Decref: return std::min(kOverBound, op.count);
    case FtOpCode::Repeat: {
      const std::uint64_t body = work(op.body);  // at most kOverBound, and count at most 65
      return std::min(kOverBound, body * op.count);
    }
    default: return 1;
  }
}

/// Reads operations, four bytes each, counting the groups it has read.
class OpReader {
 public:
  OpReader(Reader& in, std::size_t threads, std::size_t objects) : in_(in), threads_(threads), objects_(objects) {}

  bool more() const { return !in_.done() && groups_ < kMaxFtFuzzOps; }

  /// The operation at the next group: a single one, or the repeat its fourth byte opens (with as
  /// many of the body's further operations as the input and the group bound leave).
  FtOp next() {
    const std::uint8_t b0 = in_.next(), b1 = in_.next(), b2 = in_.next(), b3 = in_.next();
    ++groups_;
    FtOp op;
    op.code = static_cast<FtOpCode>(b0 % 5);
    op.thread = ((b0 >> 3) & 3) % threads_;
    op.obj = (b0 >> 5) % objects_;
    if (op.code == FtOpCode::Incref || op.code == FtOpCode::Decref) op.count = 1 + b1 + 256u * b2;
    if (op.code == FtOpCode::SetRefcnt) op.value = static_cast<std::int8_t>(b1);
    if (op.code == FtOpCode::Merge) op.at = static_cast<ft::MergeAt>(b1 % 3);
    if (b3 == 0) return op;
    FtOp repeat;
    repeat.code = FtOpCode::Repeat;
    repeat.count = 2 + (b3 >> 2);
    repeat.body.push_back(std::move(op));
    for (unsigned more_ops = b3 & 3; more_ops > 0 && more(); --more_ops) repeat.body.push_back(next());
    return repeat;
  }

 private:
  Reader& in_;
  std::size_t threads_, objects_, groups_ = 0;
};

}  // namespace

bool is_ft_engine_path(const std::filesystem::path& path) {
  for (const auto& part : path)
    if (part == "ft_engine") return true;
  return false;
}

std::variant<ft::FtScenario, SpecError> decode_ft(std::span<const std::uint8_t> bytes) {
  Reader in(bytes);
  ft::FtScenario s;
  s.name = "ft-fuzz";
  const std::uint8_t build = in.next();
  static constexpr unsigned kBits[] = {8, 16, 32, 64};
  s.build = ft::FtBuild{ft::kFtVersions[build & 3].version, kBits[(build >> 2) & 3], ((build >> 4) & 1) != 0};
  const std::uint8_t shape = in.next();
  const std::size_t threads = 1 + shape % 3, objects = 1 + (shape >> 2) % 2;
  for (std::size_t t = 0; t < threads; ++t) s.threads.push_back("t" + std::to_string(t));
  for (std::size_t i = 0; i < objects; ++i) s.objects.push_back(object(in, s.build, threads, i));
  OpReader ops(in, threads, objects);
  std::uint64_t steps = 0;
  while (ops.more()) {
    FtOp op = ops.next();
    steps += work(op);
    if (steps > kMaxFtFuzzSteps) break;
    s.ops.push_back(std::move(op));
  }
  if (auto error = ft::check(s)) return *error;
  return s;
}

}  // namespace refsim::fuzz
