/* Word cell: the one object whose refcount word the real header code operates on, in the programs
 * that run that code without libpython (the conformance oracles, the header_conformance fuzz
 * target). Include after Python.h; each translation unit gets its own cell. The word sits at
 * offset 0 of PyObject in every GIL build without Py_TRACE_REFS, and the cell is aligned well
 * enough for a stack reference's tag bits. */
#ifndef REFSIM_WORD_CELL_H
#define REFSIM_WORD_CELL_H

#include <string.h>

static union {
  PyObject obj;
  long double align;
} cell;

/** Stores `word`, truncated to Py_ssize_t, as the cell's refcount word. */
static void put_word(unsigned long long word) {
  Py_ssize_t value = (Py_ssize_t)(size_t)word;
  memcpy(&cell, &value, sizeof value);
}

/** The refcount word of `object` (the cell, or another object), zero-extended. */
static unsigned long long word_at(const void *object) {
  Py_ssize_t value;
  memcpy(&value, object, sizeof value);
  return (unsigned long long)(size_t)value;
}

#endif
