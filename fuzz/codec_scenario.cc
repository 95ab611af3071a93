// Scenario layout (engine_equivalence, immortal_safety): objects, then the operation tree.
#include "fuzz/layouts.h"

#include "fuzz/parts.h"
#include "model/op_support.h"

namespace refsim::fuzz {

namespace {

enum OpByte : unsigned { kIncref = 0, kDecref = 1, kSet = 2, kGc = 3, kRepeat = 4, kEnd = 5, kRuntime = 6 };
constexpr unsigned kHasCount = 0x40;
/// The runtime's own operations (code 6), by their sub-code in bits 3-5.
constexpr OpCode kRuntimeOps[] = {OpCode::StackNew,     OpCode::StackSteal,     OpCode::StackDup,
                                  OpCode::StackClose,   OpCode::StealRelease,   OpCode::RefcntAdd,
                                  OpCode::StackNewMortal, OpCode::StackImmortal};

struct OpReader {
  Reader& in;
  const Scenario& s;
  const Boundaries& table;
  std::size_t ops = 0;

  /// Reads operations until an `end` byte (depth > 0) or the end of the input, which closes
  /// every open repeat.
  std::vector<Op> block(unsigned depth) {
    std::vector<Op> out;
    while (!in.done()) {
      const std::size_t at = in.offset();
      const std::uint8_t b = in.byte("an operation");
      const unsigned code = b & 7u;
      if (b & 0x80u) in.fail(at, "reserved bit 7 of an operation byte is set");
      if (code == kEnd) {
        if (depth == 0) in.fail(at, "end of a repeat block outside any repeat");
        if (b != kEnd) in.fail(at, "an end byte carries no origin or count bit");
        return out;
      }
      if (code > kRuntime) in.fail(at, "unknown operation code " + std::to_string(code));
      if (++ops > kMaxOps) in.fail(at, "more than " + std::to_string(kMaxOps) + " operations");
      Op op;
      if (code == kRuntime) {
        out.push_back(runtime_op(at, b));
        continue;
      }
      if (code == kGc || code == kRepeat) {
        if (b != code) in.fail(at, "gc and repeat bytes carry no origin or count bit");
        if (code == kGc) {
          op.code = OpCode::Gc;
        } else {
          if (depth + 1 > kMaxDepth) in.fail(at, "repeat blocks nested deeper than " + std::to_string(kMaxDepth));
          op.code = OpCode::Repeat;
          op.count = in.count(table, "a repeat count");
          op.body = block(depth + 1);
        }
        out.push_back(std::move(op));
        continue;
      }
      op.code = code == kIncref ? OpCode::Incref : code == kDecref ? OpCode::Decref : OpCode::SetRefcnt;
      op.by = static_cast<Origin>(in.row(kOriginField, (b >> 3) & 7u, count_of<Origin>(), at));
      const std::size_t obj_at = in.offset();
      op.obj = in.byte("an object index");
      if (op.obj >= s.objects.size())
        in.fail(obj_at, "object index " + std::to_string(op.obj) + " but only " +
                            std::to_string(s.objects.size()) + " objects");
      if (op.code == OpCode::SetRefcnt) {
        const std::size_t value_at = in.offset();
        op.value = in.count(table, "a set_refcnt value");
        if (op.value > s.runtime.width.mask())
          in.fail(value_at, "the value does not fit a " + std::to_string(s.runtime.width.bits) + "-bit word");
      }
      if (b & kHasCount) op.count = in.count(table, "a count");
      out.push_back(std::move(op));
    }
    return out;
  }

  std::size_t object_index() {
    const std::size_t at = in.offset();
    const std::size_t obj = in.byte("an object index");
    if (obj >= s.objects.size())
      in.fail(at, "object index " + std::to_string(obj) + " but only " + std::to_string(s.objects.size()) +
                      " objects");
    return obj;
  }
  std::size_t ref_index() {
    const std::size_t at = in.offset();
    const std::size_t ref = in.byte("a stack reference index");
    if (ref >= kMaxStackRefs) in.fail(at, "stack reference index " + std::to_string(ref) + " (must be 0 to 7)");
    return ref;
  }

  /// A runtime operation (code 6): bits 3-5 its sub-code, bit 6 a count (bulk operations only).
  Op runtime_op(std::size_t at, std::uint8_t b) {
    const unsigned sub = (b >> 3) & 7u;
    if (sub >= std::size(kRuntimeOps)) in.fail(at, "unknown runtime operation " + std::to_string(sub));
    Op op;
    op.code = kRuntimeOps[sub];
    const bool bulk = op.code == OpCode::StealRelease || op.code == OpCode::RefcntAdd;
    if ((b & kHasCount) && !bulk) in.fail(at, "a stack reference operation carries no count");
    if (op.code == OpCode::StackDup || op.code == OpCode::StackClose) {
      op.ref = ref_index();
      if (op.code == OpCode::StackDup) op.ref_to = ref_index();
    } else {
      op.obj = object_index();
      if (!bulk) op.ref = ref_index();
    }
    if (op.code == OpCode::RefcntAdd) {
      const std::size_t n_at = in.offset();
      op.value = in.count(table, "a refcnt_add n");
      if (op.value == 0 || op.value > refcnt_add_max(s.runtime.width))
        in.fail(n_at, "n must be between 1 and 2^" + std::to_string(s.runtime.width.bits - 2));
    }
    if (b & kHasCount) op.count = in.count(table, "a count");
    return op;
  }
};

/// Writes a runtime operation; false when the layout cannot say it.
bool write_runtime_op(Writer& out, const Op& op, const Boundaries& table) {
  unsigned sub = 0;
  while (kRuntimeOps[sub] != op.code) ++sub;
  const bool bulk = op.code == OpCode::StealRelease || op.code == OpCode::RefcntAdd;
  if (op.ref >= kMaxStackRefs || op.ref_to >= kMaxStackRefs || op.obj > 255 || (!bulk && op.count != 1)) return false;
  out.byte(static_cast<std::uint8_t>(kRuntime | (sub << 3) | (op.count != 1 ? kHasCount : 0u)));
  if (op.code == OpCode::StackDup || op.code == OpCode::StackClose) {
    out.byte(static_cast<std::uint8_t>(op.ref));
    if (op.code == OpCode::StackDup) out.byte(static_cast<std::uint8_t>(op.ref_to));
  } else {
    out.byte(static_cast<std::uint8_t>(op.obj));
    if (!bulk) out.byte(static_cast<std::uint8_t>(op.ref));
  }
  if (op.code == OpCode::RefcntAdd) out.count(op.value, table);
  if (op.count != 1) out.count(op.count, table);
  return true;
}

bool write_block(Writer& out, const std::vector<Op>& ops, const Scenario& s, unsigned depth, std::size_t& n) {
  const Boundaries& table = current_boundaries(s.runtime);
  for (const Op& op : ops) {
    if (++n > kMaxOps) return false;
    switch (op.code) {
      case OpCode::Gc: out.byte(kGc); break;
      case OpCode::Repeat:
        if (depth + 1 > kMaxDepth) return false;
        out.byte(kRepeat);
        out.count(op.count, table);
        if (!write_block(out, op.body, s, depth + 1, n)) return false;
        out.byte(kEnd);
        break;
      case OpCode::Incref:
      case OpCode::Decref:
      case OpCode::SetRefcnt: {
        const unsigned code = op.code == OpCode::Incref ? kIncref : op.code == OpCode::Decref ? kDecref : kSet;
        const auto origin = static_cast<std::size_t>(op.by);
        if (!row_expressible(kOriginField, origin)) return false;
        out.byte(static_cast<std::uint8_t>(code | (field_value(kOriginField, origin) << 3) |
                                           (op.count != 1 ? kHasCount : 0u)));
        out.row_extension(kOriginField, origin);
        out.byte(static_cast<std::uint8_t>(op.obj));
        if (op.code == OpCode::SetRefcnt) out.count(op.value, table);
        if (op.count != 1) out.count(op.count, table);
        break;
      }
      default:
        if (!write_runtime_op(out, op, table)) return false;
        break;
    }
  }
  return true;
}

}  // namespace

Scenario read_scenario_layout(Reader& in) {
  Scenario s;
  const Header header = read_header(in);
  s.runtime = header.runtime;
  const std::size_t n_at = in.offset();
  const std::uint8_t n = in.byte("the object count");
  if (n == 0 || n > kMaxObjects)
    in.fail(n_at, "object count " + std::to_string(n) + " (must be 1 to " + std::to_string(kMaxObjects) + ")");
  for (unsigned i = 0; i < n; ++i) s.objects.push_back(read_object(in, header, s.objects));
  OpReader reader{in, s, *header.boundaries};
  s.ops = reader.block(0);
  for (std::size_t r = 0; r < kMaxStackRefs; ++r) s.refs.push_back("r" + std::to_string(r));
  return s;
}

std::optional<std::vector<std::uint8_t>> write_scenario_layout(const Scenario& s) {
  if (!header_expressible(s.runtime) || s.objects.empty() || s.objects.size() > kMaxObjects ||
      s.refs.size() > kMaxStackRefs)
    return std::nullopt;
  Writer out;
  write_header(out, s.runtime);
  out.byte(static_cast<std::uint8_t>(s.objects.size()));
  for (const ObjectSpec& o : s.objects) {
    if (o.refs < 0 || o.refs > Int128{INT64_MAX} || (o.word && *o.word > s.runtime.width.mask()))
      return std::nullopt;
    write_object(out, o, s.runtime);
  }
  std::size_t n = 0;
  if (!write_block(out, s.ops, s, 0, n)) return std::nullopt;
  return out.take();
}

}  // namespace refsim::fuzz
