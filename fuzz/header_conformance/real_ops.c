/* Real ops: one header set's inline Py_INCREF, Py_DECREF, Py_SET_REFCNT and _Py_IsImmortal, compiled
 * as an extension would compile them (the runtime's own _Py_RefcntAdd and stack references are in
 * real_loop_ops.c, linked with it under the same HC_NAME) (no Py_BUILD_CORE, no Py_LIMITED_API), release or
 * -DPy_REF_DEBUG, without libpython. Built once per header set with -DHC_NAME=<unique name>: the
 * symbols the headers call (_Py_Dealloc, _Py_NegativeRefcount, the debug totals) are renamed to
 * HC_NAME-prefixed stubs before Python.h is read, so several sets link into one program. 3.11 and
 * later headers only (older ones define _Py_Dealloc as a macro of their own). */
#define HC_CAT2(a, b) a##b
#define HC_CAT(a, b) HC_CAT2(a, b)
#define HC(name) HC_CAT(HC_NAME, name)

#define _Py_Dealloc HC(_dealloc)
#define _Py_NegativeRefcount HC(_negative)
#define _Py_INCREF_IncRefTotal HC(_inc_total)
#define _Py_DECREF_DecRefTotal HC(_dec_total)
#define _Py_RefTotal HC(_ref_total)
#define _Py_IncRef HC(_incref_fn)
#define _Py_DecRef HC(_decref_fn)

#include <Python.h>
#include <setjmp.h>
#include <string.h>

#include "real_ops.h"

#include "real_code_stubs.h"
#include "word_cell.h"


#if PY_VERSION_HEX >= 0x030C0000
#define HC_HAS_REFCNT_ADD 1
void HC(_loop_step)(int op, unsigned long long word, long long value, struct hc_step *out);
#else
#define HC_HAS_REFCNT_ADD 0
#endif
#define HC_HAS_STACK_REFS (PY_VERSION_HEX >= 0x030E0000)

static void step(int op, unsigned long long word, long long value, struct hc_step *out) {
  PyObject *const o = &cell.obj;
#if HC_HAS_REFCNT_ADD
  if (op >= HC_REFCNT_ADD) {
    HC(_loop_step)(op, word, value, out);
    return;
  }
#endif
  out->counted = -1;
  put_word(word);
  dealloc_called = 0;
  negative_called = 0;
  if (setjmp(fatal) == 0) {
    if (op == HC_INCREF) Py_INCREF(o);
    else if (op == HC_DECREF) Py_DECREF(o);
    else Py_SET_REFCNT(o, (Py_ssize_t)value);
  }
  out->word = word_at(&cell);
  out->dealloc = dealloc_called;
  out->negative = negative_called;
}

static int immortal(unsigned long long word) {
#if PY_VERSION_HEX >= 0x030C0000
  put_word(word);
  return _Py_IsImmortal(&cell.obj) ? 1 : 0;
#else
  (void)word;
  return -1;
#endif
}

#ifdef Py_REF_DEBUG
#define HC_DEBUG 1
#else
#define HC_DEBUG 0
#endif

const struct hc_header HC_NAME = {PY_VERSION, PY_MAJOR_VERSION, PY_MINOR_VERSION, HC_DEBUG,
                                  (int)(8 * sizeof(Py_ssize_t)), step, immortal,
                                  HC_HAS_REFCNT_ADD, HC_HAS_STACK_REFS};
