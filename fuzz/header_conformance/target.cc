// header_conformance: a fuzz target that can fail on a model bug. It decodes a sequence of
// operations on one object, runs each single operation through the real inline code of a CPython
// header set and through the model, and aborts on the first difference in the word, the
// immortality test, a dealloc request or the debug check. The 64-bit builds of the header sets are
// compiled into the target (real_ops.c); the 32-bit builds run in -m32 server processes started
// with the target (remote.h), which answer each run of operations with the hash of its trace.
//
// Input: byte 0 picks the header variant (modulo their number: the compiled-in ones, then the
// 32-bit servers); byte 1 picks the start word: < 0x80 indexes the words next to the model's
// boundaries for that runtime (byte 2), else 8 bytes follow (little-endian, cut to the width). Then
// operations of 3 bytes: the code and a 16-bit little-endian field. The code is the byte modulo 6
// where the headers have stack references (3.14+), 4 where they have only _Py_RefcntAdd (3.12,
// 3.13), else 3: 0 incref and 1 decref, field + 1 times (counts up to 2^16); 2 Py_SET_REFCNT(field);
// 3 _Py_RefcntAdd(op, field + 1); 4 a stolen reference released at once, field + 1 times; 5 a stack
// reference r<field & 7>: when closed it is opened by PyStackRef_FromPyObjectNew (field bit 3
// clear) or _Steal (set), or with field bit 5 set by the specialized LOAD_CONSTs' code,
// _PyStackRef_FromPyObjectNewMortal (LOAD_CONST_MORTAL, bit 3 clear) or PyStackRef_FromPyObjectImmortal
// (LOAD_CONST_IMMORTAL, set), whatever the word; when open it is duplicated with PyStackRef_DUP into
// the first closed reference if field bit 4 is set and one is closed, else closed with
// PyStackRef_CLOSE. Whether a reference is counted is the model's (checked against the real code
// when it was opened). At most 2^20 single operations per input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/header_conformance/real_ops.h"
#include "fuzz/header_conformance/remote.h"
#include "model/runtime.h"
#include "model/semantics/loop.h"
#include "tests/conformance/header_model.h"

namespace {

using namespace refsim;

struct Reader {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t at = 0;
  bool done() const { return at >= size; }
  std::uint8_t byte() { return at < size ? data[at++] : 0; }
};

/// Words next to every boundary of the runtime (and its width's ends).
std::vector<Word> boundary_words(const Runtime& rt) {
  std::vector<Word> out;
  const Width w = rt.width();
  for (const Cut& cut : rt.cuts())
    for (int d = -2; d <= 2; ++d) out.push_back(w.wrap(cut.value + static_cast<Word>(d)));
  out.push_back(w.mask());
  return out;
}

/// What the messages name of a header variant.
struct Variant {
  const char* version;
  int major, minor, debug, bits, has_refcnt_add, has_stack_refs;
};

[[noreturn]] void differ(const Variant& h, const char* what, int op, Word before, unsigned long long real,
                         unsigned long long model) {
  std::fprintf(stderr,
               "header_conformance: headers %s (%s, %d-bit): %s differs after op %d on 0x%llx: real 0x%llx, "
               "model 0x%llx\n",
               h.version, h.debug ? "Py_REF_DEBUG" : "release", h.bits, what, op,
               static_cast<unsigned long long>(before), real, model);
  std::abort();
}

/// The model's result of one operation (hc_op) with its value, and whether its reference is counted
/// (-1: no reference, also when a debug check stops the code that makes it). The runtime's own
/// operations run the core code.
StepResult model_result(const Runtime& rt, const Code& code, int op, long long value, Word word, int& counted) {
  const Width w = rt.width();
  const Code& core = rt.code(Origin::Core);
  counted = -1;
  switch (op) {
    case HC_INCREF: return incref(code, w, word);
    case HC_DECREF: return decref(code, w, word);
    case HC_SET: return set_refcnt(code, w, word, static_cast<Word>(value));
    case HC_REFCNT_ADD: return refcnt_add(core, w, word, static_cast<Word>(value));
    case HC_STEAL_RELEASE: {
      const StepResult stolen = loop_steal(core, w, word);
      counted = conformance::counted_flag(stolen);
      return loop_steal_release(core, w, word);
    }
    case HC_STACK_NEW:
    case HC_STACK_STEAL:
    case HC_STACK_NEW_MORTAL:
    case HC_STACK_IMMORTAL: {
      const StepResult r = op == HC_STACK_NEW     ? loop_new(core, w, word)
                           : op == HC_STACK_STEAL ? loop_steal(core, w, word)
                           : op == HC_STACK_NEW_MORTAL ? loop_new_mortal(core, w, word)
                                                       : loop_immortal(core, w, word);
      counted = conformance::counted_flag(r);
      return r;
    }
    default:  // HC_STACK_DUP, HC_STACK_CLOSE: `value` is the reference's counted flag
      counted = value ? 1 : 0;
      if (!value) return {.word = word, .skipped = true};
      return op == HC_STACK_DUP ? loop_dup_counted(core, w, word) : loop_close_counted(core, w, word);
  }
}

/// The model's record of one step (as real_server.c writes the real one), and the word after it.
hc::Record model_step(const Variant& h, const Runtime& rt, const Code& code, int op, long long value, Word word) {
  int counted = -1;
  const StepResult m = model_result(rt, code, op, value, word, counted);
  return {h.minor >= 12 ? (rt.immortal(word) ? 1ull : 0ull) : ~0ull, m.word, m.dealloc ? 1ull : 0ull,
          m.negative ? 1ull : 0ull, static_cast<unsigned long long>(static_cast<long long>(counted))};
}

/// Aborts on the first field where the real step and the model's differ.
void check_step(const Variant& h, int op, Word before, const hc::Record& real, const hc::Record& m) {
  if (real.immortal != m.immortal) differ(h, "_Py_IsImmortal", op, before, real.immortal, m.immortal);
  if (real.word != m.word) differ(h, "the word", op, before, real.word, m.word);
  if (real.dealloc != m.dealloc) differ(h, "the dealloc request", op, before, real.dealloc, m.dealloc);
  if (real.negative != m.negative) differ(h, "the debug check", op, before, real.negative, m.negative);
  if (real.counted != m.counted) differ(h, "whether the reference is counted", op, before, real.counted, m.counted);
}

/// One run of `count` operations on a 32-bit server: the hashes of both traces first; when they
/// differ, the server's records step by step against the model's. The model's last word.
Word run_remote(const hc::RemoteHeader& r, const Variant& h, const Runtime& rt, const Code& code, int op,
                long long field, std::uint64_t count, Word word) {
  const Word start = word;
  unsigned long long hash = HC_TRACE_HASH_START;
  for (std::uint64_t i = 0; i < count; ++i) {
    const hc::Record m = model_step(h, rt, code, op, field, word);
    const unsigned long long fields[HC_RECORD_FIELDS] = {m.immortal, m.word, m.dealloc, m.negative, m.counted};
    hash = hc_trace_hash(hash, fields);
    word = m.word;
  }
  if (hc::run(r, op, field, count, start).hash == hash) return word;
  word = start;
  for (const hc::Record& real : hc::trace(r, op, field, count, start)) {
    const hc::Record m = model_step(h, rt, code, op, field, word);
    check_step(h, op, word, real, m);
    word = m.word;
  }
  differ(h, "the trace hash (records equal: a server bug)", op, start, 0, hash);
}

/// The stack references r0..r7 of one input: open or not, and counted or not (the model's flag).
struct StackRefs {
  bool open[8] = {};
  bool counted[8] = {};
};

/// The hc_op and value of operation code 5 on `field`, updating `refs` by the model's result
/// afterwards (the caller passes that to settle()).
struct StackOp {
  int op;
  long long value;
  int slot, to;  ///< the reference used, and (HC_STACK_DUP) the one it opens
};

StackOp stack_op(const StackRefs& refs, unsigned field) {
  const int slot = static_cast<int>(field & 7);
  if (!refs.open[slot]) {
    const bool specialized = field & 32, second = field & 8;
    const int op = specialized ? (second ? HC_STACK_IMMORTAL : HC_STACK_NEW_MORTAL) : (second ? HC_STACK_STEAL : HC_STACK_NEW);
    return {op, 0, slot, -1};
  }
  if (field & 16)
    for (int to = 0; to < 8; ++to)
      if (!refs.open[to]) return {HC_STACK_DUP, refs.counted[slot] ? 1 : 0, slot, to};
  return {HC_STACK_CLOSE, refs.counted[slot] ? 1 : 0, slot, -1};
}

void settle(StackRefs& refs, const StackOp& s, const hc::Record& model) {
  const bool counted = model.counted == 1;
  if (s.op == HC_STACK_CLOSE) refs.open[s.slot] = false;
  const int opened = s.op == HC_STACK_DUP ? s.to : s.op == HC_STACK_CLOSE ? -1 : s.slot;
  if (opened >= 0) refs.open[opened] = true, refs.counted[opened] = counted;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  hc::remote_headers();  // compiles and starts the 32-bit servers once, before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& remote = hc::remote_headers();
  const std::size_t variants = static_cast<std::size_t>(hc_header_count) + remote.size();
  if (variants == 0 || size < 2) return 0;
  Reader in{data, size};
  const std::size_t pick = in.byte() % variants;
  const hc::RemoteHeader* r = pick < static_cast<std::size_t>(hc_header_count) ? nullptr : &remote[pick - hc_header_count];
  const hc_header* local = r ? nullptr : hc_headers[pick];
  const Variant h = r ? Variant{r->version.c_str(), r->major, r->minor, r->debug, r->bits, r->has_refcnt_add, r->has_stack_refs}
                      : Variant{local->version, local->major, local->minor, local->debug, local->bits,
                                local->has_refcnt_add, local->has_stack_refs};
  const auto model = conformance::header_model(h.version, h.major, h.minor, static_cast<unsigned>(h.bits), h.debug);
  if (!model) return 0;
  const Runtime rt(conformance::runtime_spec(*model));
  const Code& code = rt.code(model->origin);
  const Width w = model->width;

  Word word = 0;
  if (const std::uint8_t how = in.byte(); how < 0x80) {
    static thread_local std::vector<Word> table;
    table = boundary_words(rt);
    word = table[in.byte() % table.size()];
  } else {
    for (int i = 0; i < 8; ++i) word |= Word{in.byte()} << (8 * i);
    word = w.wrap(word);
  }

  const int codes = h.has_stack_refs ? 6 : h.has_refcnt_add ? 4 : 3;
  StackRefs refs;
  std::uint64_t budget = std::uint64_t{1} << 20;
  while (!in.done() && budget > 0) {
    const int code_byte = in.byte() % codes;
    const unsigned field = in.byte() | (unsigned{in.byte()} << 8);
    const std::uint64_t repeat = std::min<std::uint64_t>(field + 1u, budget);
    StackOp stack{-1, 0, -1, -1};
    int op = code_byte;
    long long value = field;
    std::uint64_t count = 1;
    if (code_byte == HC_INCREF || code_byte == HC_DECREF) count = repeat;
    else if (code_byte == 3) op = HC_REFCNT_ADD, value = field + 1;
    else if (code_byte == 4) op = HC_STEAL_RELEASE, count = repeat;
    else if (code_byte == 5) stack = stack_op(refs, field), op = stack.op, value = stack.value;
    if (r) {
      const Word before = word;
      word = run_remote(*r, h, rt, code, op, value, count, word);
      budget -= count;
      if (stack.op >= 0) settle(refs, stack, model_step(h, rt, code, op, value, before));
      continue;
    }
    for (std::uint64_t i = 0; i < count; ++i, --budget) {
      const long long immortal = local->immortal(word);  // -1: no _Py_IsImmortal before 3.12
      hc_step step{};
      local->step(op, word, value, &step);
      const hc::Record real{static_cast<unsigned long long>(immortal), w.wrap(step.word),
                            static_cast<unsigned long long>(step.dealloc != 0),
                            static_cast<unsigned long long>(step.negative != 0),
                            static_cast<unsigned long long>(static_cast<long long>(step.counted))};
      const hc::Record m = model_step(h, rt, code, op, value, word);
      check_step(h, op, word, real, m);
      if (stack.op >= 0) settle(refs, stack, m);
      word = m.word;
    }
  }
  return 0;
}
