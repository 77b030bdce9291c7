# Helpers for the end-to-end tests of the pilotsim binary. Each test is a CMake script run with
# `cmake -DPILOTSIM=<binary> -DWORK=<scratch dir> -DSOURCE_DIR=<repo> -P <test>.cmake`: portable,
# no shell needed, and a failure message says exactly what differed.

foreach(var PILOTSIM WORK SOURCE_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "pass -D${var}=...")
  endif()
endforeach()

# A fresh scratch directory per test, so leftovers are the test's own.
macro(cli_fresh_work)
  file(REMOVE_RECURSE "${WORK}")
  file(MAKE_DIRECTORY "${WORK}")
endmacro()

# cli_run(<prefix> ARGS...): runs pilotsim in WORK; sets <prefix>_RC, <prefix>_OUT, <prefix>_ERR.
function(cli_run prefix)
  execute_process(COMMAND "${PILOTSIM}" ${ARGN}
                  WORKING_DIRECTORY "${WORK}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${prefix}_RC "${rc}" PARENT_SCOPE)
  set(${prefix}_OUT "${out}" PARENT_SCOPE)
  set(${prefix}_ERR "${err}" PARENT_SCOPE)
endfunction()

# cli_fail(<text>...): the pieces are joined, so long messages can be split over lines.
function(cli_fail)
  set(text "")
  math(EXPR last "${ARGC} - 1")
  foreach(i RANGE ${last})
    string(APPEND text "${ARGV${i}}")
  endforeach()
  message(FATAL_ERROR "${text}")
endfunction()

# Run and require success.
function(cli_run_ok)
  cli_run(r ${ARGN})
  string(JOIN " " cmdline ${ARGN})
  if(NOT r_RC EQUAL 0)
    cli_fail("pilotsim ${cmdline}\nexited ${r_RC}\nstdout:\n${r_OUT}\nstderr:\n${r_ERR}")
  endif()
  set(OK_OUT "${r_OUT}" PARENT_SCOPE)
endfunction()

# cli_expect_error(<exit code> <regex> ARGS...): the run must fail with that code and print exactly
# one line on stderr, "pilotsim: error: ..." matching <regex>.
function(cli_expect_error code regex)
  cli_run(r ${ARGN})
  string(JOIN " " cmdline ${ARGN})
  if(NOT r_RC EQUAL code)
    cli_fail("pilotsim ${cmdline}\nexpected exit ${code}, got ${r_RC}\nstderr:\n${r_ERR}")
  endif()
  string(REGEX MATCHALL "\n" newlines "${r_ERR}")
  list(LENGTH newlines lines)
  if(NOT lines EQUAL 1 OR NOT r_ERR MATCHES "^pilotsim: error: ")
    cli_fail("pilotsim ${cmdline}\nexpected one line 'pilotsim: error: ...' on stderr, got:\n${r_ERR}")
  endif()
  if(NOT r_ERR MATCHES "${regex}")
    cli_fail("pilotsim ${cmdline}\nerror does not match '${regex}':\n${r_ERR}")
  endif()
endfunction()

function(cli_expect_file path)
  if(NOT EXISTS "${path}")
    cli_fail("missing file ${path}")
  endif()
endfunction()

# The first line of a file must start with `prefix`.
function(cli_expect_header path prefix)
  cli_expect_file("${path}")
  file(STRINGS "${path}" first LIMIT_COUNT 1)
  string(FIND "${first}" "${prefix}" at)
  if(NOT at EQUAL 0)
    cli_fail("${path}: header\n  ${first}\ndoes not start with\n  ${prefix}")
  endif()
endfunction()

# Two files must hold the same bytes; `what` says what the comparison shows.
function(cli_expect_same_file file_a file_b what)
  file(SHA256 "${file_a}" ha)
  file(SHA256 "${file_b}" hb)
  if(NOT ha STREQUAL hb)
    cli_fail("${file_a} and ${file_b} differ: ${what}")
  endif()
endfunction()

# Every file in dir_a must exist in dir_b with the same bytes, and the other way round.
function(cli_expect_same_dirs dir_a dir_b)
  file(GLOB files_a RELATIVE "${dir_a}" "${dir_a}/*")
  file(GLOB files_b RELATIVE "${dir_b}" "${dir_b}/*")
  list(SORT files_a)
  list(SORT files_b)
  if(NOT "${files_a}" STREQUAL "${files_b}")
    cli_fail("${dir_a} has [${files_a}] but ${dir_b} has [${files_b}]")
  endif()
  if(NOT files_a)
    cli_fail("${dir_a} is empty")
  endif()
  foreach(f IN LISTS files_a)
    file(SHA256 "${dir_a}/${f}" ha)
    file(SHA256 "${dir_b}/${f}" hb)
    if(NOT ha STREQUAL hb)
      cli_fail("${f} differs between ${dir_a} and ${dir_b}")
    endif()
  endforeach()
endfunction()

# WORK must hold exactly the given entries: no staging (*.tmp-*) or backup (*.old-*) directory, no
# half-written output.
function(cli_expect_work_entries)
  file(GLOB entries RELATIVE "${WORK}" "${WORK}/*")
  list(SORT entries)
  set(expected ${ARGN})
  list(SORT expected)
  if(NOT "${entries}" STREQUAL "${expected}")
    cli_fail("expected only [${expected}] in ${WORK}, found [${entries}]")
  endif()
endfunction()
