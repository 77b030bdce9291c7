# Issue 14, finding 1: a scenario's or campaign's name is the default output path, so a name that is
# a path could write outside out/ or, with --overwrite, delete other people's folders. Each case here
# lost data before the fix; now each is refused with exit 2 and nothing on disk changes.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

# Someone's folder beside the project, and an earlier run in out/.
file(MAKE_DIRECTORY ${WORK}/victim ${WORK}/project/out/earlier)
file(WRITE ${WORK}/victim/thesis.tex "years of work\n")
file(WRITE ${WORK}/project/out/earlier/monthly.csv "an earlier run\n")
set(WORK ${WORK}/project)

file(WRITE ${WORK}/escape.toml "name = \"../../victim\"\nbase = \"county\"\n")
cli_expect_error(2 "escape\\.toml:1: key 'name': '\\.\\./\\.\\./victim' cannot be a name: it contains '/'"
                 run escape.toml --months 12 --overwrite -q)
file(WRITE ${WORK}/empty.toml "name = \"\"\nbase = \"county\"\n")
cli_expect_error(2 "empty\\.toml:1: key 'name': a name cannot be empty" run empty.toml --months 12 --overwrite -q)
file(WRITE ${WORK}/dot.toml "name = \"..\"\nbase = \"county\"\n")
cli_expect_error(2 "dot\\.toml:1: key 'name': '\\.\\.' cannot be a name" run dot.toml --months 12 --overwrite -q)
cli_expect_error(2 "escape\\.toml:1: key 'name'" validate escape.toml)

# A campaign's name gives its database, out/<name>.db.
file(WRITE ${WORK}/swept.toml "name = \"../../swept\"\nbase = \"county\"\nmonths = 12\n"
                              "[design]\nmethod = \"latin-hypercube\"\nsamples = 2\n"
                              "[factors.\"drivers.peer_push\"]\ndistribution = \"uniform\"\nmin = 0\nmax = 1\n")
cli_expect_error(2 "swept\\.toml:1: key 'name': '\\.\\./\\.\\./swept' cannot be a name" sweep swept.toml)

# An empty path is a slip (an unset shell variable), not a request for the default. (CMake drops
# empty arguments, so a shell passes them.)
foreach(args "run county --months 12 -q -o ''" "sweep swept.toml --db ''")
  execute_process(COMMAND sh -c "\"$0\" ${args}" ${PILOTSIM} WORKING_DIRECTORY ${WORK}
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT rc EQUAL 2 OR NOT err MATCHES "^pilotsim: error: --(out|db): an empty path")
    cli_fail("pilotsim ${args}: expected exit 2 and 'an empty path', got ${rc}: ${err}")
  endif()
endforeach()

# Nothing was written anywhere, and what was there is intact.
file(GLOB_RECURSE everything RELATIVE ${WORK}/.. ${WORK}/../*)
list(SORT everything)
set(expected project/dot.toml project/empty.toml project/escape.toml project/out/earlier/monthly.csv
             project/swept.toml victim/thesis.tex)
if(NOT "${everything}" STREQUAL "${expected}")
  cli_fail("expected only [${expected}], found [${everything}]")
endif()
file(READ ${WORK}/../victim/thesis.tex kept)
if(NOT kept STREQUAL "years of work\n")
  cli_fail("the victim's file changed")
endif()

# Finding 7: `sample` said "key 'design': missing" without a line.
file(WRITE ${WORK}/nodesign.toml "[factors.\"drivers.peer_push\"]\ndistribution = \"uniform\"\nmin = 0\nmax = 1\n")
cli_expect_error(2 "nodesign\\.toml: the file has no \\[design\\] table" sample nodesign.toml)
