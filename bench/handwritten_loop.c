/* Handwritten loop (issue 6 item 6): what someone writes to check a 2^30-scale question by hand.
 * The question of corpus/scenarios/none-drain-3.14-32.json: a 3.11-built extension's unpaired
 * Py_DECREF(Py_None) (`if (--ob_refcnt == 0) _Py_Dealloc(op)`) on a 3.14 32-bit runtime, where None
 * starts at 0x70000000 and _Py_IsImmortal is (int32_t)ob_refcnt >= 0x40000000. At which decref does
 * None stop being immortal, and at which is it deallocated? Run one decref at a time on a plain word.
 *
 * Usage: handwritten_loop [START_WORD [MAX_STEPS]]   (defaults: 0x70000000, 2^32)
 * Prints: "deimmortalized STEP dealloc STEP" (0 when it did not happen within MAX_STEPS). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int immortal(uint32_t rc) { return (int32_t)rc >= 0x40000000; }

int main(int argc, char** argv) {
  uint32_t rc = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 0x70000000u;
  const uint64_t max_steps = argc > 2 ? strtoull(argv[2], NULL, 0) : (UINT64_C(1) << 32);
  uint64_t deimmortalized = 0, dealloc = 0;
  int was_immortal = immortal(rc);
  for (uint64_t step = 1; step <= max_steps; ++step) {
    /* The word is opaque to the optimizer, as a PyObject's field behind a pointer would be: without
     * this, clang may replace the loop by its closed form and run no decref at all. */
    __asm__ volatile("" : "+r"(rc));
    rc -= 1; /* the legacy Py_DECREF */
    const int now_immortal = immortal(rc);
    if (was_immortal && !now_immortal && deimmortalized == 0) deimmortalized = step;
    was_immortal = now_immortal;
    if (rc == 0) { /* _Py_Dealloc(Py_None) */
      dealloc = step;
      break;
    }
  }
  printf("deimmortalized %" PRIu64 " dealloc %" PRIu64 "\n", deimmortalized, dealloc);
  return 0;
}
