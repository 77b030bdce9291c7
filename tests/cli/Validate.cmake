# `pilotsim validate`: OK lines for good files; for each kind of bad input one error line naming the
# file, line and key, and exit code 2.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

cli_run_ok(validate ${SOURCE_DIR}/scenarios/county.toml county)
if(NOT OK_OUT MATCHES "OK: [^\n]*county.toml \\(base [a-z-]+, [0-9]+ units\\)\nOK: county \\(base")
  cli_fail("unexpected validate output:\n${OK_OUT}")
endif()

file(WRITE ${WORK}/malformed.toml "name = \"x\"\n[drivers\nupper_pull = 1\n")
file(WRITE ${WORK}/unknown-key.toml "name = \"x\"\n[drivers]\nupper_pul = 1\n")
file(WRITE ${WORK}/wrong-type.toml "name = \"x\"\n[drivers]\nupper_pull = \"high\"\n")
file(WRITE ${WORK}/out-of-range.toml "name = \"x\"\n\n[drivers]\nupper_pull = 99\n")

cli_expect_error(2 "malformed\\.toml:2: " validate malformed.toml)
cli_expect_error(2 "unknown-key\\.toml:3: .*drivers\\.upper_pul" validate unknown-key.toml)
cli_expect_error(2 "wrong-type\\.toml:3: .*drivers\\.upper_pull.*number" validate wrong-type.toml)
cli_expect_error(2 "out-of-range\\.toml:4: .*drivers\\.upper_pull.*\\[0, 3\\]" validate out-of-range.toml)
cli_expect_error(2 "missing\\.toml: .*no such file" validate missing.toml)
cli_expect_error(2 "--set.*drivers\\.upper_pull" validate ${SOURCE_DIR}/scenarios/county.toml --set drivers.upper_pull=99)

# One bad file among good ones: the good ones are still reported, the exit code is still 2.
cli_run(mixed validate ${SOURCE_DIR}/scenarios/county.toml out-of-range.toml)
if(NOT mixed_RC EQUAL 2 OR NOT mixed_OUT MATCHES "^OK: ")
  cli_fail("mixed validate: exit ${mixed_RC}\n${mixed_OUT}\n${mixed_ERR}")
endif()

# `run` reports the same errors before doing anything, and writes nothing.
cli_expect_error(2 "out-of-range\\.toml:4: .*drivers\\.upper_pull" run out-of-range.toml --out never -q)
cli_expect_work_entries(malformed.toml out-of-range.toml unknown-key.toml wrong-type.toml)
