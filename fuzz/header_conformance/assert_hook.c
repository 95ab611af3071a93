/* Assert hook: the one __assert_fail of a program that runs real header code with its assert()s
 * (the debug builds' stack references in real_loop_ops.c, as a Py_DEBUG interpreter's code has
 * them). While a step runs that code it points hc_assert_jump at its jmp_buf and hc_assert_flag at
 * its record of the debug check: a failed assert is then that check firing, as _Py_NegativeRefcount
 * is (tests/conformance/real_code_stubs.h). Any other failed assert stops the program as glibc's
 * does. Linked once into the header_conformance target and into each 32-bit server. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

jmp_buf *hc_assert_jump;
volatile int *hc_assert_flag;

void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function) {
  if (hc_assert_jump) {
    *hc_assert_flag = 1;
    longjmp(*hc_assert_jump, 1);
  }
  fprintf(stderr, "%s:%u: %s: Assertion `%s' failed.\n", file, line, function, assertion);
  abort();
}
