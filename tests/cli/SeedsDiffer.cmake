# Different seeds give different results, and the seed is what differs in the recorded scenario.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

cli_run_ok(run county --replicates 2 --months 24 --seed 1 --out s1 -q)
cli_run_ok(run county --replicates 2 --months 24 --seed 2 --out s2 -q)
foreach(f monthly.csv pilots.csv)
  file(SHA256 ${WORK}/s1/${f} a)
  file(SHA256 ${WORK}/s2/${f} b)
  if(a STREQUAL b)
    cli_fail("${f} is identical for seeds 1 and 2")
  endif()
endforeach()
