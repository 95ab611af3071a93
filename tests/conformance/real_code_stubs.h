/* Real code stubs: what the inline refcount code of a header set calls outside itself, for programs
 * that run that code without libpython (the conformance oracle, the header_conformance fuzz
 * target). Include after Python.h, once per program or translation unit that defines them.
 * _Py_Dealloc records the call; _Py_NegativeRefcount (fatal in CPython) records it and longjmps out
 * of the Py_DECREF through `fatal`, so the word stays as the C code left it when the check fired. */
#ifndef REFSIM_REAL_CODE_STUBS_H
#define REFSIM_REAL_CODE_STUBS_H

#include <setjmp.h>

static volatile int dealloc_called;
static volatile int negative_called;
static jmp_buf fatal;

/* The exported _Py_Dealloc. Some headers (3.6-3.8) also define a _Py_Dealloc macro that calls
   tp_dealloc directly, but code inlined earlier may still call the function: define it always,
   with the name in parentheses so that the macro does not expand. */
void(_Py_Dealloc)(PyObject *op) {
  (void)op;
  dealloc_called = 1;
}

#ifdef Py_REF_DEBUG
#if PY_VERSION_HEX < 0x030C0000
Py_ssize_t _Py_RefTotal;
#else
void _Py_INCREF_IncRefTotal(void) {}
void _Py_DECREF_DecRefTotal(void) {}
#endif
void _Py_NegativeRefcount(const char *filename, int lineno, PyObject *op) {
  (void)filename;
  (void)lineno;
  (void)op;
  negative_called = 1;
  longjmp(fatal, 1);
}
#endif

#endif
