# Bad command lines: one line "pilotsim: error: ...", exit code 2, nothing written.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

cli_expect_error(2 "--bogus.*pilotsim run --help" run county --bogus)
cli_expect_error(2 "--replicates.*whole number in \\[1, " run county --replicates -3)
cli_expect_error(2 "--threads.*got 'abc'" run county --threads abc)
cli_expect_error(2 "--seed" run county --seed 1.5)
cli_expect_error(2 "--months.*\\[12, " run county --months 3)
cli_expect_error(2 "--lang.*en.*zh" run county --lang fr)
cli_expect_error(2 "--records" run county --records some)
cli_expect_error(2 "no-such-preset.*presets are" run no-such-preset)
cli_expect_error(2 "--set.*unknown key" run county --set drivers.nonsense=1)
cli_expect_error(2 "--set.*key=value" run county --set drivers.upper_pull)
cli_expect_error(2 "unknown command 'frobnicate'" frobnicate)
cli_expect_error(2 "subcommand is required" )
cli_expect_error(2 "--format" params --format xml)
cli_expect_work_entries()

# Help is not an error.
cli_run_ok(run --help)
cli_run_ok(--version)
