/* Free-threaded oracle: runs the real inline Py_INCREF, Py_DECREF, Py_REFCNT and Py_SET_REFCNT of a
 * CPython header set, compiled with -DPy_GIL_DISABLED (and -DPy_REF_DEBUG for debug), on a fake
 * object. Each argument is one case "OP,LOCAL,SHARED,OWNED,VALUE" (numbers in hex; OP is I, D, R or
 * S; OWNED 1 makes the calling thread the owner). Prints one line per case:
 * "LOCAL SHARED TID CALL REFCNT" with TID o (caller), x (another thread) or u (0), CALL the runtime
 * function the inline code reached (- none, M merge, S shared decref, N negative refcount, A a failed
 * assert(): a debug build is compiled without NDEBUG, as a Py_DEBUG interpreter's code is, and
 * __assert_fail is defined here to record it and return to the case like _Py_NegativeRefcount).
 * The runtime functions are stubs that record the call: object.c's own code is not tested here. */
#include <Python.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char call = '-';
static jmp_buf fatal;
static __thread char thread_marker;

uintptr_t _Py_GetThreadLocal_Addr(void) { return (uintptr_t)&thread_marker; }
void _Py_MergeZeroLocalRefcount(PyObject *op) { (void)op; call = 'M'; }
void _Py_DecRefShared(PyObject *op) { (void)op; call = 'S'; }
void _Py_DecRefSharedDebug(PyObject *op, const char *f, int l) { (void)op; (void)f; (void)l; call = 'S'; }
void _Py_Dealloc(PyObject *op) { (void)op; call = 'F'; }
void _Py_INCREF_IncRefTotal(void) {}
void _Py_DECREF_DecRefTotal(void) {}
void _Py_NegativeRefcount(const char *f, int l, PyObject *op) {
  (void)f; (void)l; (void)op;
  call = 'N';
  longjmp(fatal, 1); /* the real one is a fatal error: it never returns */
}
#ifndef NDEBUG
/* glibc's assert() calls __assert_fail; the program's own definition is the one its calls reach. */
void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function) {
  (void)assertion; (void)file; (void)line; (void)function;
  call = 'A';
  longjmp(fatal, 1);
}
#endif

int main(int argc, char **argv) {
  static PyObject object;
  const uintptr_t self = _Py_ThreadId();
  for (int i = 1; i < argc; i++) {
    char op = 0;
    unsigned long long local, shared, owned, value;
    if (sscanf(argv[i], "%c,%llx,%llx,%llx,%llx", &op, &local, &shared, &owned, &value) != 5) return 2;
    memset(&object, 0, sizeof object);
    object.ob_tid = owned ? self : self ^ 0x40;
    object.ob_ref_local = (uint32_t)local;
    object.ob_ref_shared = (Py_ssize_t)shared;
    call = '-';
    Py_ssize_t reported = 0;
    if (setjmp(fatal) == 0) {
      switch (op) {
        case 'I': Py_INCREF(&object); break;
        case 'D': Py_DECREF(&object); break;
        case 'R': reported = Py_REFCNT(&object); break;
        case 'S': Py_SET_REFCNT(&object, (Py_ssize_t)value); break;
        default: return 2;
      }
    }
    const char tid = object.ob_tid == self ? 'o' : object.ob_tid == 0 ? 'u' : 'x';
    printf("%llx %llx %c %c %lld\n", (unsigned long long)object.ob_ref_local,
           (unsigned long long)(size_t)object.ob_ref_shared, tid, call, (long long)reported);
  }
  return 0;
}
