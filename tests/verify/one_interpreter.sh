# Sourced by the verify tests that need one interpreter (interrupt.sh, skip_refused.sh), with
# $test set to the test's name: picks $REFSIM_VERIFY_PYTHON, else Debian's /usr/bin/python3.11, as
# $python; exits 77 (skipped, saying why) when it or its headers (Python.h) are missing; sets
# $version (3.11), $bits (64) and $debug (true or false) from it.
python=${REFSIM_VERIFY_PYTHON:-/usr/bin/python3.11}
if [[ ! -x $python ]] || ! "$python" -I -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' 2>/dev/null; then
  echo "$test: skipped: $python or its headers (Python.h) not found"; exit 77
fi
read -r version bits debug <<<"$("$python" -I -c 'import struct, sys
print("%d.%d" % sys.version_info[:2], struct.calcsize("P") * 8, "true" if hasattr(sys, "gettotalrefcount") else "false")')"
