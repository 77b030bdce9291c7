# `pilotsim sample` and `pilotsim analyze` end to end: a design from a factors file, outputs made by
# "another program" (here: this script, which copies factor x1 as the output), the analysis of them,
# the test-function mode, and the errors a user meets with bad files.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()
# Empty CSV cells are list elements too (the design's unused structure columns).
cmake_policy(SET CMP0007 NEW)

file(WRITE ${WORK}/factors.toml [=[
name = "demo"
[design]
method = "saltelli"
samples = 64
seed = 3

[factors.x1]
distribution = "uniform"
min = -1
max = 1

[factors.reform.a1_cap]
distribution = "integer"
min = 1
max = 6

[factors.x3]
distribution = "normal"
mean = 0
sd = 1
]=])

# --- sample -----------------------------------------------------------------------------------------
cli_run_ok(sample factors.toml -o design.csv -q)
cli_expect_header(${WORK}/design.csv "run,design,block,matrix,x1,reform.a1_cap,x3")
file(STRINGS ${WORK}/design.csv lines)
list(LENGTH lines n)
if(NOT n EQUAL 321)  # header + 64 * (3 + 2)
  cli_fail("design.csv has ${n} lines, expected 321")
endif()
list(GET lines 2 second)
if(NOT second MATCHES "^2,saltelli,1,AB:x1,")
  cli_fail("second run of design.csv is '${second}'")
endif()
# The same file and seed give the same bytes; another seed another design.
cli_run_ok(sample factors.toml -q)
file(READ ${WORK}/design.csv written)
if(NOT OK_OUT STREQUAL written)
  cli_fail("sample to standard output differs from sample -o")
endif()
cli_run_ok(sample factors.toml --seed 4 -q)
if(OK_OUT STREQUAL written)
  cli_fail("--seed 4 gave the same design as seed 3")
endif()
cli_expect_error(2 "design\\.csv' exists; pass --overwrite" sample factors.toml -o design.csv)
file(READ ${WORK}/design.csv unchanged)
if(NOT unchanged STREQUAL written)
  cli_fail("a refused sample changed design.csv")
endif()

# --- outputs from "another program": y = x1 --------------------------------------------------------
set(y "run,y\n")
set(i 0)
foreach(line IN LISTS lines)
  if(i GREATER 0)
    string(REPLACE "," ";" cells "${line}")
    list(GET cells 0 run)
    list(GET cells 4 x1)
    string(APPEND y "${run},${x1}\n")
  endif()
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE ${WORK}/y.csv "${y}")

cli_run_ok(analyze --design design.csv --outputs y.csv --out result --bootstrap 100)
if(NOT OK_OUT MATCHES "Output y: Sobol' indices \\(saltelli design, 64 blocks\\)" OR NOT OK_OUT MATCHES "reform\\.a1_cap")
  cli_fail("unexpected analyze output:\n${OK_OUT}")
endif()
cli_expect_header(${WORK}/result/sensitivity.csv "output,method,statistic,factor,factor_b,level,estimate,ci_lo,ci_hi,n")
file(READ ${WORK}/result/sensitivity.csv csv)
# y depends on x1 alone: ST of the others is exactly 0, S1 of x1 close to 1.
if(NOT csv MATCHES "\ny,saltelli,ST,reform\\.a1_cap,,,0,0,0,64\n" OR NOT csv MATCHES "\ny,saltelli,S1,x1,,,(0\\.9|1\\.0)")
  cli_fail("unexpected sensitivity.csv:\n${csv}")
endif()
cli_expect_file(${WORK}/result/sensitivity.json)
cli_run_ok(analyze --design design.csv --outputs y.csv --lang zh --bootstrap 0)
if(NOT OK_OUT MATCHES "因子" OR NOT OK_OUT MATCHES "未计算区间")
  cli_fail("unexpected Chinese output:\n${OK_OUT}")
endif()

# --- bad outputs CSVs: file, line and column named, exit 2 ------------------------------------------
string(REPLACE "\n2," "\n2x," bad "${y}")
file(WRITE ${WORK}/y-bad-run.csv "${bad}")
cli_expect_error(2 "y-bad-run\\.csv:3: key 'run': expected a whole number, got '2x'" analyze --design design.csv --outputs y-bad-run.csv)
string(REGEX REPLACE "\n3,[^\n]*" "\n3,high" bad "${y}")
file(WRITE ${WORK}/y-bad-cell.csv "${bad}")
cli_expect_error(2 "y-bad-cell\\.csv:4: key 'y': expected a number, got 'high'" analyze --design design.csv --outputs y-bad-cell.csv)
string(REGEX REPLACE "\n5,[^\n]*" "" bad "${y}")
file(WRITE ${WORK}/y-missing.csv "${bad}")
cli_expect_error(2 "y-missing\\.csv: key 'run': 319 rows for a design of 320 runs; missing run 5" analyze --design design.csv --outputs y-missing.csv)
string(REGEX REPLACE "\n5,([^\n]*)" "\n5,\\1\n5,\\1" bad "${y}")
file(WRITE ${WORK}/y-duplicate.csv "${bad}")
cli_expect_error(2 "y-duplicate\\.csv:7: key 'run': duplicate run 5 \\(also on line 6\\)" analyze --design design.csv --outputs y-duplicate.csv)
file(WRITE ${WORK}/y-extra.csv "${y}321,0\n")
cli_expect_error(2 "y-extra\\.csv:322: key 'run': unknown run 321" analyze --design design.csv --outputs y-extra.csv)
cli_expect_error(2 "no-such\\.csv: cannot open outputs CSV: no such file" analyze --design design.csv --outputs no-such.csv)

# --- bad factors files --------------------------------------------------------------------------------
file(WRITE ${WORK}/bad-key.toml "[design]\nmethod = \"saltelli\"\nsamples = 8\n[factors.x1]\ndistribution = \"uniform\"\nmin = 0\nmax = 1\nmena = 2\n")
cli_expect_error(2 "bad-key\\.toml:8: key 'factors\\.x1\\.mena': unknown key for a uniform factor; allowed: " sample bad-key.toml)
file(WRITE ${WORK}/bad-range.toml "[design]\nmethod = \"saltelli\"\nsamples = 8\n[factors.x1]\ndistribution = \"uniform\"\nmin = 3\nmax = 1\n")
cli_expect_error(2 "bad-range\\.toml:7: key 'factors\\.x1\\.max': expected min < max, got min 3 and max 1" sample bad-range.toml)
file(WRITE ${WORK}/bad-type.toml "[design]\nmethod = \"saltelli\"\nsamples = \"many\"\n[factors.x1]\ndistribution = \"boolean\"\n")
cli_expect_error(2 "bad-type\\.toml:3: key 'design\\.samples': expected a finite number, got the text \"many\"" sample bad-type.toml)

# --- other designs round-trip through analyze ---------------------------------------------------------
foreach(method morris factorial latin-hypercube)
  if(method STREQUAL "morris")
    set(settings "trajectories = 6\nlevels = 4\n")
  elseif(method STREQUAL "factorial")
    set(settings "levels = 3\n")
  else()
    set(settings "samples = 20\n")
  endif()
  file(WRITE ${WORK}/${method}.toml "[design]\nmethod = \"${method}\"\n${settings}[factors.a]\ndistribution = \"uniform\"\nmin = 0\nmax = 2\n[factors.b]\ndistribution = \"boolean\"\n")
  cli_run_ok(sample ${method}.toml -o ${method}.csv -q)
  file(STRINGS ${WORK}/${method}.csv mlines)
  list(GET mlines 0 header)
  string(REPLACE "," ";" header "${header}")
  list(FIND header "a" col)
  set(my "run,y\n")
  list(REMOVE_AT mlines 0)
  foreach(line IN LISTS mlines)
    string(REPLACE "," ";" cells "${line}")
    list(GET cells 0 run)
    list(GET cells ${col} a)
    string(APPEND my "${run},${a}\n")
  endforeach()
  file(WRITE ${WORK}/${method}-y.csv "${my}")
  cli_run_ok(analyze --design ${method}.csv --outputs ${method}-y.csv --bootstrap 20)
endforeach()

# --- test-function mode and usage errors --------------------------------------------------------------
cli_run_ok(analyze --test-function ishigami --samples 1024 --bootstrap 50)
if(NOT OK_OUT MATCHES "Compared with the analytic values" OR NOT OK_OUT MATCHES "x3 ")
  cli_fail("unexpected test-function output:\n${OK_OUT}")
endif()
cli_run_ok(analyze --test-function linear --method morris --trajectories 8 --lang zh)
if(NOT OK_OUT MATCHES "μ 解析值")
  cli_fail("unexpected morris test-function output:\n${OK_OUT}")
endif()
cli_expect_error(2 "give a campaign database, or --design and --outputs, or --test-function" analyze)
cli_expect_error(2 "--design needs --outputs" analyze --design design.csv)
cli_expect_error(2 "unknown test function 'rosenbrock'" analyze --test-function rosenbrock)
cli_expect_error(2 "belong to --test-function" analyze --design design.csv --outputs y.csv --samples 10)
