# The output directory: unwritable parent, existing directory with and without --overwrite, and no
# partial output after any failure.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

# /proc refuses new entries even to root. Runtime (I/O) failure: exit 1, before any simulation.
if(IS_DIRECTORY /proc/self)
  cli_expect_error(1 "/proc/pilotsim-x.*: " run county --months 12 --out /proc/pilotsim-x -q)
endif()
# A parent that is a file cannot hold a directory.
file(WRITE ${WORK}/a-file "not a directory\n")
cli_expect_error(1 "a-file" run county --months 12 --out a-file/run -q)
cli_expect_work_entries(a-file)

# An existing directory is never touched without --overwrite (a usage error: exit 2).
file(MAKE_DIRECTORY ${WORK}/run)
file(WRITE ${WORK}/run/keep.txt "old results\n")
cli_expect_error(2 "run' exists; pass --overwrite to replace it" run county --months 12 --out run -q)
file(READ ${WORK}/run/keep.txt kept)
if(NOT kept STREQUAL "old results\n")
  cli_fail("existing output changed without --overwrite")
endif()

# Issue 14: --overwrite replaces only a directory pilotsim wrote (it has a .pilotsim-output marker);
# this one was made by hand, so it is refused and kept as it is.
cli_expect_error(2 "run' exists and was not written by pilotsim" run county --months 12 --out run --overwrite -q)
file(READ ${WORK}/run/keep.txt kept)
if(NOT kept STREQUAL "old results\n")
  cli_fail("--overwrite changed a directory pilotsim did not write")
endif()
file(REMOVE_RECURSE ${WORK}/run)

# With --overwrite an earlier run's directory is replaced as a whole, and no backup or staging remains.
cli_run_ok(run county --replicates 1 --months 12 --out run -q)
cli_expect_file(${WORK}/run/.pilotsim-output)
file(WRITE ${WORK}/run/keep.txt "old results\n")
cli_run_ok(run county --replicates 1 --months 12 --out run --overwrite -q)
if(EXISTS ${WORK}/run/keep.txt)
  cli_fail("--overwrite kept a file of the old run")
endif()
cli_expect_file(${WORK}/run/monthly.csv)
cli_expect_work_entries(a-file run)

# A failed run with --overwrite leaves the old results as they were. (Failures after the directory
# is prepared are covered by cli.interrupt and tests/io/OutputDirectoryTest.cpp.)
file(WRITE ${WORK}/bad.toml "name = \"bad\"\n[pilot]\ngrowth = -1\n")
cli_expect_error(2 "bad\\.toml" run bad.toml --out run --overwrite -q)
cli_expect_file(${WORK}/run/monthly.csv)
cli_expect_work_entries(a-file bad.toml run)
