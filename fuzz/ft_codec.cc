// The ft_engine fuzz target's decoder (the format is in ft_codec.h).
#include "fuzz/ft_codec.h"

#include <string>

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
                     : (kind == 2 && b.info().deferred != ft::DeferredScheme::kNotModelled ? ft::FtKind::Deferred
                                                                                          : ft::FtKind::Heap);
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
  std::uint64_t steps = 0;
  while (!in.done() && s.ops.size() < kMaxFtFuzzOps) {
    const std::uint8_t b0 = in.next(), b1 = in.next(), b2 = in.next();
    in.next();  // reserved
    FtOp op;
    op.code = static_cast<FtOpCode>(b0 % 5);
    op.thread = ((b0 >> 3) & 3) % threads;
    op.obj = (b0 >> 5) % objects;
    if (op.code == FtOpCode::Incref || op.code == FtOpCode::Decref) op.count = 1 + b1 + 256u * b2;
    if (op.code == FtOpCode::SetRefcnt) op.value = static_cast<std::int8_t>(b1);
    if (op.code == FtOpCode::Merge) op.at = static_cast<ft::MergeAt>(b1 % 3);
    steps += op.code == FtOpCode::Merge ? 0 : op.count;
    if (steps > kMaxFtFuzzSteps) break;
    s.ops.push_back(std::move(op));
  }
  if (auto error = ft::check(s)) return *error;
  return s;
}

}  // namespace refsim::fuzz
