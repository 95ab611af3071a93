/* Real server: one header set's real_ops.c (built with -DHC_NAME=hc_server) as a process of its own,
 * for the widths the fuzz target cannot link in: header_conformance compiles it with -m32 at start
 * (fuzz/header_conformance/remote.cc) and sends it runs of operations on a pipe.
 *
 * Protocol, native 64-bit unsigned integers on stdin and stdout:
 *   hello (server):   major, minor, debug, bits, has_refcnt_add, has_stack_refs, then PY_VERSION in 32 bytes (NUL padded)
 *   request (client): op (enum hc_op), value, count, word, verbose
 *   reply (server):   verbose 0: trace hash, last word; verbose 1: count records of
 *                     (immortal before the step, word after, dealloc, negative check, counted)
 * Each run applies `count` single operations from `word`, each to the word the previous one left.
 * The hash is hc_trace_hash over every record (fuzz/header_conformance/real_ops.h). */
#include <stdio.h>
#include <string.h>

#include "real_ops.h"

extern const struct hc_header hc_server;

static int put(const unsigned long long *values, size_t n) { return fwrite(values, sizeof *values, n, stdout) == n; }

int main(void) {
  unsigned long long hello[6] = {(unsigned long long)hc_server.major, (unsigned long long)hc_server.minor,
                                 (unsigned long long)hc_server.debug, (unsigned long long)hc_server.bits,
                                 (unsigned long long)hc_server.has_refcnt_add, (unsigned long long)hc_server.has_stack_refs};
  char version[32] = {0};
  strncpy(version, hc_server.version, sizeof version - 1);
  if (!put(hello, 6) || fwrite(version, 1, sizeof version, stdout) != sizeof version) return 1;
  fflush(stdout);
  unsigned long long request[5];
  while (fread(request, sizeof *request, 5, stdin) == 5) {
    const int op = (int)request[0];
    const long long value = (long long)request[1];
    unsigned long long word = request[3];
    const int verbose = request[4] != 0;
    unsigned long long hash = HC_TRACE_HASH_START;
    for (unsigned long long i = 0; i < request[2]; ++i) {
      struct hc_step step;
      const int immortal = hc_server.immortal(word);
      hc_server.step(op, word, value, &step);
      const unsigned long long record[HC_RECORD_FIELDS] = {(unsigned long long)(long long)immortal, step.word,
                                                           (unsigned long long)step.dealloc, (unsigned long long)step.negative,
                                                           (unsigned long long)(long long)step.counted};
      if (verbose && !put(record, HC_RECORD_FIELDS)) return 1;
      hash = hc_trace_hash(hash, record);
      word = step.word;
    }
    const unsigned long long reply[2] = {hash, word};
    if (!verbose && !put(reply, 2)) return 1;
    fflush(stdout);
  }
  return 0;
}
