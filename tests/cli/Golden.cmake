# Golden hash: a small fixed run whose record files must not change unless the model's behaviour is
# changed on purpose. Catches silent changes (an RNG stream reordered, a formula touched) that every
# other test would let through.
#
# golden.sha256 is in `sha256sum` format, one line per file, so `sha256sum -c` can check a run by hand.
# When a change of behaviour is deliberate, recompute it with
#     scripts/update-golden.sh [build-dir]
# (which runs this script with -DUPDATE=ON) and commit the new golden.sha256 in the same commit as
# the change, saying why the results changed.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

set(golden_file ${CMAKE_CURRENT_LIST_DIR}/golden.sha256)
set(golden_outputs monthly.csv pilots.csv tenures.csv units.csv innovations.csv recognitions.csv programmes.csv
                   hierarchy.csv)
# The one definition of the golden run.
cli_run_ok(run county --seed 7 --replicates 2 --months 36 --set run.burn_in=12 --threads 2 --out golden -q)

set(actual "")
foreach(f IN LISTS golden_outputs)
  file(SHA256 ${WORK}/golden/${f} hash)
  string(APPEND actual "${hash}  ${f}\n")
endforeach()

if(UPDATE)
  file(WRITE ${golden_file} "${actual}")
  message(STATUS "wrote ${golden_file}:\n${actual}")
  return()
endif()

if(NOT EXISTS ${golden_file})
  cli_fail("no golden hashes recorded yet: run scripts/update-golden.sh once the model is final.\n"
           "The current run gives:\n${actual}")
endif()
file(READ ${golden_file} expected)
if(NOT expected STREQUAL actual)
  cli_fail("the golden run's output changed.\nexpected (${golden_file}):\n${expected}actual:\n${actual}"
           "If the change of behaviour is deliberate, run scripts/update-golden.sh and commit the new "
           "golden.sha256 with the change; otherwise something changed results by accident.")
endif()
