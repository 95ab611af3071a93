// Remote header sets: the 32-bit builds of the header sets for header_conformance, which is a
// 64-bit program and cannot link -m32 code. At start each set is compiled with real_server.c at
// -m32 (the conformance test's oracle build: a retargeted pyconfig.h where needed) and started
// as a process (natively, or under qemu-i386-static); runs of operations go to it over a pipe.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace refsim::hc {

/// One step of a trace, as real_server.c writes it.
struct Record {
  unsigned long long immortal;  ///< _Py_IsImmortal before the step: 0, 1, or all ones (-1: before 3.12)
  unsigned long long word;      ///< the word after the step
  unsigned long long dealloc;   ///< 0 or 1
  unsigned long long negative;  ///< 0 or 1
  unsigned long long counted;   ///< stack-reference ops: 0 or 1; else all ones (-1)
};

/// A running real_server.c process.
struct RemoteHeader {
  std::string version;  ///< PY_VERSION
  int major = 0, minor = 0;
  int debug = 0;
  int bits = 0;
  int has_refcnt_add = 0, has_stack_refs = 0;  ///< as in hc_header (real_ops.h)
  pid_t pid = -1;
  int to = -1, from = -1;  ///< its stdin and stdout
};

/// The servers, started on the first call: every 3.11+ GIL header set found at configure time
/// (tests/conformance_tests.cmake), release and Py_REF_DEBUG, at 32 bits. What cannot be built
/// or run here (no -m32 libc, a set configured for 64 bits only) is named once on stderr.
const std::vector<RemoteHeader>& remote_headers();

/// The hash (hc_trace_hash) of `count` real operations from `word`, and the last word.
struct RunReply {
  unsigned long long hash = 0;
  unsigned long long word = 0;
};
RunReply run(const RemoteHeader& header, int op, long long value, unsigned long long count, unsigned long long word);

/// Every record of the same run.
std::vector<Record> trace(const RemoteHeader& header, int op, long long value, unsigned long long count,
                          unsigned long long word);

}  // namespace refsim::hc
