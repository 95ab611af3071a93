/* Oracle: runs the real inline refcount code of one CPython header set on chosen words.
 *
 * Built by the conformance test (conformance_test.cc) against each header set it finds, as an
 * extension would be built (no Py_BUILD_CORE, no Py_LIMITED_API), release or -DPy_REF_DEBUG, and
 * linked without libpython: _Py_Dealloc, the type's tp_dealloc and the debug hooks are stubs here.
 * _Py_NegativeRefcount is fatal in CPython; the stub records the call and longjmps out of the
 * Py_DECREF, so the word is left exactly as the C code left it when the check fired. A debug build
 * is compiled without NDEBUG, as a Py_DEBUG interpreter's code is: a failed assert() (3.14's
 * `assert(refcnt >= 0)` in Py_SET_REFCNT, Include/refcount.h) is the same kind of debug check, so
 * __assert_fail is defined here, records it as the check firing and longjmps out the same way.
 *
 * Usage: oracle WORD...   (each WORD in hex "0x..." or decimal; truncated to Py_ssize_t)
 * Output, one line each (words in zero-padded hex of the build's width):
 *   HEADERS <PY_VERSION> <PY_VERSION_HEX> <bits> <debug 0|1>
 *   HEAD_INIT <word of a static object made with PyObject_HEAD_INIT>
 *   INC|DEC|SET5|SETM1 <input word> <result word> <dealloc called 0|1> <debug check fired 0|1>
 *     (SET5: Py_SET_REFCNT(op, 5); SETM1: Py_SET_REFCNT(op, -1))
 *   IMM <input word> <_Py_IsImmortal 0|1>          (3.12 and later headers only)
 *   REFCNT <input word> <Py_REFCNT as a signed decimal>
 */
#include <Python.h>

#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef Py_GIL_DISABLED
int main(void) {
  puts("UNSUPPORTED free-threaded header set (Py_GIL_DISABLED)");
  return 3;
}
#else

#include "real_code_stubs.h"
#include "word_cell.h"

#include "assert_stub.h"

static void oracle_tp_dealloc(PyObject *op) {
  (void)op;
  dealloc_called = 1;
}

static PyTypeObject oracle_type;
static PyObject *const op = &cell.obj;

static const int digits = (int)(2 * sizeof(Py_ssize_t));

static void do_incref(void) { Py_INCREF(op); }
static void do_decref(void) { Py_DECREF(op); }
static void do_set5(void) {
#if PY_VERSION_HEX >= 0x03090000
  Py_SET_REFCNT(op, 5);
#else
  Py_REFCNT(op) = 5;
#endif
}
static void do_set_minus1(void) {
#if PY_VERSION_HEX >= 0x03090000
  Py_SET_REFCNT(op, -1);
#else
  Py_REFCNT(op) = -1;
#endif
}

static void run(const char *name, unsigned long long word, void (*operation)(void)) {
  put_word(word);
  dealloc_called = 0;
  negative_called = 0;
  if (setjmp(fatal) == 0) operation();
  printf("%s %0*llx %0*llx %d %d\n", name, digits, word, digits, word_at(&cell), dealloc_called,
         negative_called);
}

int main(int argc, char **argv) {
  static PyVarObject head_init = {PyObject_HEAD_INIT(NULL) 0};
#ifdef Py_REF_DEBUG
  const int debug = 1;
#else
  const int debug = 0;
#endif
  if (offsetof(PyObject, ob_type) != sizeof(Py_ssize_t)) {
    fprintf(stderr, "oracle: unexpected PyObject layout (Py_TRACE_REFS?)\n");
    return 2;
  }
  oracle_type.tp_dealloc = oracle_tp_dealloc;
  cell.obj.ob_type = &oracle_type;

  printf("HEADERS %s 0x%08lx %d %d\n", PY_VERSION, (unsigned long)PY_VERSION_HEX,
         (int)(8 * sizeof(Py_ssize_t)), debug);
  printf("HEAD_INIT %0*llx\n", digits, word_at(&head_init));
  for (int i = 1; i < argc; i++) {
    char *end = NULL;
    const unsigned long long word = (unsigned long long)(size_t)strtoull(argv[i], &end, 0);
    if (end == argv[i] || *end != '\0') {
      fprintf(stderr, "oracle: not a word: %s\n", argv[i]);
      return 2;
    }
    run("INC", word, do_incref);
    run("DEC", word, do_decref);
    run("SET5", word, do_set5);
    run("SETM1", word, do_set_minus1);
#if PY_VERSION_HEX >= 0x030C0000
    put_word(word);
    printf("IMM %0*llx %d\n", digits, word, _Py_IsImmortal(op) ? 1 : 0);
#endif
    put_word(word);
    printf("REFCNT %0*llx %lld\n", digits, word, (long long)Py_REFCNT(op));
  }
  return 0;
}
#endif
