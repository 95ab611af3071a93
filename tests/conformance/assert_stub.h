/* Assert stub: a failed assert() in the real code of a debug build (a Py_DEBUG interpreter's code
 * keeps them: 3.14's Py_SET_REFCNT, its loop's stack references) is recorded as the debug check
 * firing, and leaves the operation through `fatal` as _Py_NegativeRefcount does
 * (real_code_stubs.h). For a program of one translation unit (the oracles); include after
 * real_code_stubs.h. glibc's assert() calls __assert_fail; the program's own definition is the one
 * its calls reach. */
#ifndef REFSIM_ASSERT_STUB_H
#define REFSIM_ASSERT_STUB_H

#ifndef NDEBUG
void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function) {
  (void)assertion;
  (void)file;
  (void)line;
  (void)function;
  negative_called = 1;
  longjmp(fatal, 1);
}
#endif

#endif
