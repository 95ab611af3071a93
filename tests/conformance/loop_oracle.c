/* Loop oracle: runs the runtime's own reference code of one CPython header set on chosen words:
 * _Py_RefcntAdd (3.12 and later, internal/pycore_object.h) and, from 3.14, the interpreter loop's
 * stack references of the default (GIL) build (internal/pycore_stackref.h:
 * PyStackRef_FromPyObjectNew / _Steal / _NewMortal / _Immortal, PyStackRef_DUP, PyStackRef_CLOSE, which call
 * _Py_INCREF_MORTAL and Py_DECREF_MORTAL of internal/pycore_object.h).
 *
 * What it takes to compile internal headers standalone: Py_BUILD_CORE defined before Python.h (the
 * internal headers #error without it and include their own dependencies), and, for a Py_REF_DEBUG
 * build, the symbols _Py_RefcntAdd's reference total reaches: _Py_AddRefTotal (a stub here) and the
 * thread state it is given, read from the thread-local _Py_tss_tstate (3.12 reads ->interp from it,
 * so it points at a zeroed PyThreadState). Nothing needs a running interpreter: _Py_Dealloc and the
 * debug hooks are the stubs of real_code_stubs.h, as in oracle.c.
 *
 * A Py_REF_DEBUG build is a Py_DEBUG build here, as a --with-pydebug interpreter is: it keeps its
 * assert()s and PyStackRef_CheckValid (oracle.c keeps the assert()s too): a
 * failed one (!_Py_IsStaticImmortal in _Py_INCREF_MORTAL, Py_DECREF_MORTAL and
 * PyStackRef_CheckValid; _Py_IsImmortal in PyStackRef_FromPyObjectImmortal) is recorded as the debug
 * check firing, like _Py_NegativeRefcount (docs/SCENARIO-OPS.md). A counted reference to any word is
 * made as the GIL build holds one, the bare pointer (PyStackRef_FromPyObjectStealMortal would assert
 * that the word is mortal first). A release build defines NDEBUG.
 *
 * Usage: loop_oracle WORD...   (as oracle.c)
 * Output, one line each (words in zero-padded hex of the build's width):
 *   HEADERS <PY_VERSION> <PY_VERSION_HEX> <bits> <debug 0|1>
 *   HAS <refcnt_add 0|1> <stackrefs 0|1>
 *   <OP> <input word> <n or -> <result word> <dealloc 0|1> <negative 0|1> <counted 0|1|-> <immortal after 0|1>
 *     ADD     _Py_RefcntAdd(op, n)
 *     NEW     PyStackRef_FromPyObjectNew(op); counted: PyStackRef_RefcountOnObject of the reference
 *     STEAL   PyStackRef_FromPyObjectSteal(op); counted as for NEW
 *     RELEASE PyStackRef_CLOSE(PyStackRef_FromPyObjectSteal(op)) (a call's result released)
 *     DUPC, CLOSEC  PyStackRef_DUP / PyStackRef_CLOSE of a counted reference (FromPyObjectStealMortal)
 *     DUPU, CLOSEU  the same of an uncounted one (FromPyObjectBorrow)
 *     NEWM    PyStackRef_FromPyObjectNewMortal(op) (LOAD_CONST_MORTAL); NEWMC: opened then closed
 *     IMM     PyStackRef_FromPyObjectImmortal(op) (LOAD_CONST_IMMORTAL); IMMC: opened then closed
 */
#ifdef Py_REF_DEBUG
#define Py_DEBUG 1 /* PyStackRef_CheckValid is compiled only under Py_DEBUG (pycore_stackref.h:481) */
#elif !defined(NDEBUG)
#define NDEBUG
#endif
#define Py_BUILD_CORE 1
#include <Python.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(Py_GIL_DISABLED)
int main(void) {
  puts("UNSUPPORTED free-threaded header set (Py_GIL_DISABLED)");
  return 3;
}
#elif PY_VERSION_HEX < 0x030C0000
int main(void) {
  printf("UNSUPPORTED headers %s have no _Py_RefcntAdd and no stack references\n", PY_VERSION);
  return 3;
}
#else

#include "internal/pycore_object.h"
#if PY_VERSION_HEX >= 0x030E0000
#include "internal/pycore_stackref.h"
#define HAS_STACKREFS 1
#else
#define HAS_STACKREFS 0
#endif

#include "real_code_stubs.h"
#include "word_cell.h"

#include "assert_stub.h"

#ifdef Py_DEBUG
/* 3.12's _PyInterpreterState_GET checks the thread state under Py_DEBUG (_Py_EnsureTstateNotNULL);
   the oracle's is never NULL. */
void _Py_FatalErrorFunc(const char *func, const char *message) {
  fprintf(stderr, "loop_oracle: fatal error in %s: %s\n", func, message);
  abort();
}
#endif

#ifdef Py_REF_DEBUG
static PyThreadState oracle_tstate;
_Py_thread_local PyThreadState *_Py_tss_tstate = &oracle_tstate;
#if PY_VERSION_HEX < 0x030D0000
void _Py_AddRefTotal(PyInterpreterState *interp, Py_ssize_t n) {
  (void)interp;
  (void)n;
}
#else
void _Py_AddRefTotal(PyThreadState *tstate, Py_ssize_t n) {
  (void)tstate;
  (void)n;
}
#endif
#endif

static PyTypeObject oracle_type;
static PyObject *const op = &cell.obj;

static const int digits = (int)(2 * sizeof(Py_ssize_t));

static Py_ssize_t add_n;
static int counted; /* -1: the operation makes no reference */

static void do_add(void) { _Py_RefcntAdd(op, add_n); }

#if HAS_STACKREFS
static void do_new(void) { counted = PyStackRef_RefcountOnObject(PyStackRef_FromPyObjectNew(op)); }
static void do_steal(void) { counted = PyStackRef_RefcountOnObject(PyStackRef_FromPyObjectSteal(op)); }
static void do_release(void) {
  const _PyStackRef ref = PyStackRef_FromPyObjectSteal(op);
  counted = PyStackRef_RefcountOnObject(ref);
  PyStackRef_CLOSE(ref);
}
/* A counted reference: the pointer with no tag bit. */
static _PyStackRef counted_ref(void) { return (_PyStackRef){.bits = (uintptr_t)op}; }
static void do_dup_counted(void) {
  counted = 1;
  counted = PyStackRef_RefcountOnObject(PyStackRef_DUP(counted_ref()));
}
static void do_dup_uncounted(void) { counted = PyStackRef_RefcountOnObject(PyStackRef_DUP(PyStackRef_FromPyObjectBorrow(op))); }
static void do_close_counted(void) {
  counted = 1;
  PyStackRef_CLOSE(counted_ref());
}
static void do_close_uncounted(void) {
  counted = 0;
  PyStackRef_CLOSE(PyStackRef_FromPyObjectBorrow(op));
}
/* The specialized LOAD_CONSTs (Python/bytecodes.c LOAD_CONST_MORTAL, LOAD_CONST_IMMORTAL). */
static void do_new_mortal(void) { counted = PyStackRef_RefcountOnObject(PyStackRef_FromPyObjectNewMortal(op)); }
static void do_new_mortal_closed(void) {
  const _PyStackRef ref = PyStackRef_FromPyObjectNewMortal(op);
  counted = PyStackRef_RefcountOnObject(ref);
  PyStackRef_CLOSE(ref);
}
static void do_immortal(void) { counted = PyStackRef_RefcountOnObject(PyStackRef_FromPyObjectImmortal(op)); }
static void do_immortal_closed(void) {
  const _PyStackRef ref = PyStackRef_FromPyObjectImmortal(op);
  counted = PyStackRef_RefcountOnObject(ref);
  PyStackRef_CLOSE(ref);
}
#endif

static void run(const char *name, unsigned long long word, int with_n, void (*operation)(void)) {
  put_word(word);
  dealloc_called = 0;
  negative_called = 0;
  counted = -1;
  if (setjmp(fatal) == 0) operation();
  const unsigned long long after = word_at(&cell);
  const int immortal = _Py_IsImmortal(op) ? 1 : 0;
  printf("%s %0*llx ", name, digits, word);
  if (with_n) printf("%llx ", (unsigned long long)(size_t)add_n);
  else printf("- ");
  printf("%0*llx %d %d ", digits, after, dealloc_called, negative_called);
  if (counted < 0) printf("- ");
  else printf("%d ", counted);
  printf("%d\n", immortal);
}

int main(int argc, char **argv) {
#ifdef Py_REF_DEBUG
  const int debug = 1;
#else
  const int debug = 0;
#endif
  /* n of _Py_RefcntAdd: small, a list repetition's, around the 32-bit immortal thresholds, and
     the largest the model takes (2^(bits-2), docs/SCENARIO-OPS.md). */
  const unsigned long long ns[] = {1, 2, 1000, 0x10000, 0x0fffffff, 0x3fffffff, 0x40000000,
                                   0x7fffffff, 0x80000000, 0xffffffff, 1ULL << 62};
  const unsigned long long n_max = 1ULL << (8 * sizeof(Py_ssize_t) - 2);
  oracle_type.tp_flags = 0;
  cell.obj.ob_type = &oracle_type;
  printf("HEADERS %s 0x%08lx %d %d\n", PY_VERSION, (unsigned long)PY_VERSION_HEX,
         (int)(8 * sizeof(Py_ssize_t)), debug);
  printf("HAS 1 %d\n", HAS_STACKREFS);
  for (int i = 1; i < argc; i++) {
    char *end = NULL;
    const unsigned long long word = (unsigned long long)(size_t)strtoull(argv[i], &end, 0);
    if (end == argv[i] || *end != '\0') {
      fprintf(stderr, "loop_oracle: not a word: %s\n", argv[i]);
      return 2;
    }
    for (size_t k = 0; k < sizeof ns / sizeof ns[0]; ++k) {
      if (ns[k] > n_max) continue;
      add_n = (Py_ssize_t)ns[k];
      run("ADD", word, 1, do_add);
    }
#if HAS_STACKREFS
    run("NEW", word, 0, do_new);
    run("STEAL", word, 0, do_steal);
    run("RELEASE", word, 0, do_release);
    run("DUPC", word, 0, do_dup_counted);
    run("DUPU", word, 0, do_dup_uncounted);
    run("CLOSEC", word, 0, do_close_counted);
    run("CLOSEU", word, 0, do_close_uncounted);
    run("NEWM", word, 0, do_new_mortal);
    run("NEWMC", word, 0, do_new_mortal_closed);
    run("IMM", word, 0, do_immortal);
    run("IMMC", word, 0, do_immortal_closed);
#endif
  }
  return 0;
}
#endif
