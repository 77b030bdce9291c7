# Same scenario and seed give byte-identical files (all of them) for 1, 2 and 8 threads.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

foreach(threads 1 2 8)
  cli_run_ok(run county --replicates 6 --months 24 --seed 11 --threads ${threads} --out t${threads} -q)
endforeach()
cli_expect_same_dirs(${WORK}/t1 ${WORK}/t2)
cli_expect_same_dirs(${WORK}/t1 ${WORK}/t8)
