/* Real loop ops: one header set's own reference code that extensions do not run, compiled with
 * Py_BUILD_CORE (the internal headers require it; as tests/conformance/loop_oracle.c does, which
 * says what else they need): _Py_RefcntAdd (3.12+, internal/pycore_object.h) and the GIL build's
 * stack references (3.14+, internal/pycore_stackref.h; the specialized LOAD_CONSTs' _NewMortal and
 * _Immortal among them, whose asserts NDEBUG drops as the release interpreter does). Built with real_ops.c under the same
 * HC_NAME, whose step() calls hc_loop_step here for the operations from HC_REFCNT_ADD on.
 * A stack reference is rebuilt from its counted flag (the caller's `value`): a counted one is the
 * bare pointer, an uncounted one is tagged with Py_TAG_REFCNT (PyStackRef_FromPyObjectBorrow),
 * which is all a GIL-build reference holds besides the pointer.
 * The debug builds are Py_DEBUG builds here, as a --with-pydebug interpreter is (asserts and
 * PyStackRef_CheckValid on): a failed assert
 * (!_Py_IsStaticImmortal of a counted reference, _Py_IsImmortal in PyStackRef_FromPyObjectImmortal)
 * is the debug check firing (assert_hook.c; docs/SCENARIO-OPS.md). The release builds define
 * NDEBUG. (real_ops.c keeps NDEBUG in every build.) */
#define HC_CAT2(a, b) a##b
#define HC_CAT(a, b) HC_CAT2(a, b)
#define HC(name) HC_CAT(HC_NAME, name)

#define _Py_Dealloc HC(_loop_dealloc)
#define _Py_NegativeRefcount HC(_loop_negative)
#define _Py_INCREF_IncRefTotal HC(_loop_inc_total)
#define _Py_DECREF_DecRefTotal HC(_loop_dec_total)
#define _Py_AddRefTotal HC(_loop_add_total)
#define _Py_tss_tstate HC(_loop_tstate)
#define _Py_RefTotal HC(_loop_ref_total)
#define _Py_IncRef HC(_loop_incref_fn)
#define _Py_DecRef HC(_loop_decref_fn)

#define _Py_FatalErrorFunc HC(_loop_fatal_error)
#ifdef Py_REF_DEBUG
#undef NDEBUG
#define Py_DEBUG 1 /* PyStackRef_CheckValid is compiled only under Py_DEBUG (3.14.7 pycore_stackref.h:481) */
#elif !defined(NDEBUG)
#define NDEBUG
#endif
#define Py_BUILD_CORE 1
#include <Python.h>
#include <string.h>

#include "real_ops.h"

#if PY_VERSION_HEX >= 0x030C0000 && !defined(Py_GIL_DISABLED)
#include "internal/pycore_object.h"
#if PY_VERSION_HEX >= 0x030E0000
#include "internal/pycore_stackref.h"
#endif

#include "real_code_stubs.h"
#include "word_cell.h"

#ifdef Py_REF_DEBUG
static PyThreadState hc_tstate; /* _Py_RefcntAdd's reference total reads it (3.12: ->interp) */
_Py_thread_local PyThreadState *_Py_tss_tstate = &hc_tstate;
#if PY_VERSION_HEX < 0x030D0000
void _Py_AddRefTotal(PyInterpreterState *interp, Py_ssize_t n) { (void)interp, (void)n; }
#else
void _Py_AddRefTotal(PyThreadState *tstate, Py_ssize_t n) { (void)tstate, (void)n; }
#endif
#endif

#ifdef Py_DEBUG
/* 3.12's _PyInterpreterState_GET checks the thread state under Py_DEBUG; this one is never NULL. */
void HC(_loop_fatal_error)(const char *func, const char *message) {
  (void)func;
  (void)message;
  abort();
}
#endif

extern jmp_buf *hc_assert_jump;      /* assert_hook.c */
extern volatile int *hc_assert_flag;

void HC(_loop_step)(int op, unsigned long long word, long long value, struct hc_step *out) {
  PyObject *const o = &cell.obj;
  put_word(word);
  dealloc_called = 0;
  negative_called = 0;
  out->counted = -1;
  hc_assert_jump = &fatal;
  hc_assert_flag = &negative_called;
  if (setjmp(fatal) == 0) {
    if (op == HC_REFCNT_ADD) _Py_RefcntAdd(o, (Py_ssize_t)value);
#if PY_VERSION_HEX >= 0x030E0000
    else if (op == HC_STACK_NEW) out->counted = PyStackRef_RefcountOnObject(PyStackRef_FromPyObjectNew(o));
    else if (op == HC_STACK_STEAL) out->counted = PyStackRef_RefcountOnObject(PyStackRef_FromPyObjectSteal(o));
    else if (op == HC_STACK_NEW_MORTAL) out->counted = PyStackRef_RefcountOnObject(PyStackRef_FromPyObjectNewMortal(o));
    else if (op == HC_STACK_IMMORTAL) out->counted = PyStackRef_RefcountOnObject(PyStackRef_FromPyObjectImmortal(o));
    else if (op == HC_STEAL_RELEASE) {
      const _PyStackRef ref = PyStackRef_FromPyObjectSteal(o);
      out->counted = PyStackRef_RefcountOnObject(ref);
      PyStackRef_CLOSE(ref);
    } else if (op == HC_STACK_DUP || op == HC_STACK_CLOSE) {
      const _PyStackRef ref = value ? (_PyStackRef){.bits = (uintptr_t)o} : PyStackRef_FromPyObjectBorrow(o);
      out->counted = PyStackRef_RefcountOnObject(ref);
      if (op == HC_STACK_DUP) out->counted = PyStackRef_RefcountOnObject(PyStackRef_DUP(ref));
      else PyStackRef_CLOSE(ref);
    }
#endif
  }
  hc_assert_jump = NULL;
  out->word = word_at(&cell);
  out->dealloc = dealloc_called;
  out->negative = negative_called;
}
#endif
