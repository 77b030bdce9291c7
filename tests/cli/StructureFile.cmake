# structure.preset = "file": the command of scenarios/README.md runs and names the units in the
# outputs; the run's own scenario.toml repeats it from its copy of the file; a path is relative to
# the working directory in --set and to the scenario file in a file; a bad structure file gives one
# error line naming the CSV file, line and column, and exit code 2, in `validate` and in `run`.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

file(COPY ${SOURCE_DIR}/scenarios/structures/example-district.csv DESTINATION ${WORK}/structures)
cli_run_ok(run baseline --set structure.preset=file --set structure.file=structures/example-district.csv
           --replicates 1 --months 12 --set run.burn_in=0 --out district -q)
file(READ ${WORK}/district/units.csv units)
if(NOT units MATCHES "\n0,0,0,[^\n]*,青溪街道 Qingxi Street\n")
  cli_fail("units.csv does not name the first unit after the file:\n${units}")
endif()
file(READ ${WORK}/district/hierarchy.csv hierarchy)
if(NOT hierarchy MATCHES "青溪区 Qingxi District")
  cli_fail("hierarchy.csv does not name the district:\n${hierarchy}")
endif()
cli_expect_file(${WORK}/district/structure.csv)

# The report names the units: a table of the structure file's units with their superiors.
cli_run_ok(run baseline --set structure.preset=file --set structure.file=structures/example-district.csv
           --replicates 1 --months 12 --set run.burn_in=0 --out reported --report -q)
cli_run_ok(report district -o district-report.html)
file(READ ${WORK}/reported/report.html reported)
if(NOT reported MATCHES "白鹭洲街道 Bailuzhou Street")
  cli_fail("run --report on a structure file does not name its units")
endif()
file(READ ${WORK}/district-report.html report)
if(NOT report MATCHES "\"units-table\"" OR NOT report MATCHES "白鹭洲街道 Bailuzhou Street"
   OR NOT report MATCHES "青溪区 Qingxi District")
  cli_fail("the report of a run on a structure file does not name its units")
endif()

cli_run_ok(run district/scenario.toml --out again -q)
file(READ ${WORK}/again/units.csv again)
if(NOT again STREQUAL units)
  cli_fail("re-running district/scenario.toml gave another units.csv:\n${again}")
endif()

file(WRITE ${WORK}/scenarios/own.toml
     "base = \"baseline\"\n[structure]\npreset = \"file\"\nfile = \"../structures/example-district.csv\"\n")
cli_run_ok(validate scenarios/own.toml)
if(NOT OK_OUT MATCHES "OK: scenarios/own.toml \\(base baseline, 10 units\\)")
  cli_fail("unexpected validate output:\n${OK_OUT}")
endif()

file(WRITE ${WORK}/bad.csv "id,name,parent,level,base,budget\nR,r,,0,,\nT,t,X,1,1,1\n")
cli_expect_error(2 "bad\\.csv:3: parent \\(column 3\\): no row has the id 'X'" validate county
                 --set structure.preset=file --set structure.file=bad.csv)
cli_expect_error(2 "bad\\.csv:3: parent \\(column 3\\): no row has the id 'X'" run county
                 --set structure.preset=file --set structure.file=bad.csv --out never -q)
if(EXISTS ${WORK}/never)
  cli_fail("a run with a bad structure file wrote its output directory")
endif()
