# `pilotsim sweep` of a design made by another tool: [design] method = "file" names a CSV whose
# header holds parameter keys (as SALib's samples written by pandas). Resumed, exported, analysed
# (rank correlations only), sharded; every bad column or value refused with file, line and column.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

# As pandas writes SALib's samples: floats everywhere (4.0 for a whole number, 1.0 for a switch).
file(MAKE_DIRECTORY ${WORK}/designs)
file(WRITE ${WORK}/designs/salib.csv
     "drivers.promotion_drive,regulation.number_control,mechanisms.packaging\n0.3,2.0,0.0\n0.52,4.0,1.0\n0.7,6.0,1.0\n0.45,0.0,0.0\n0.81,8.0,1.0\n0.6,3.0,0.0\n")
set(head "base = \"county\"\nmonths = 24\nset = [\"run.burn_in=12\"]\nreplicates = 2\nmeasures = [\"pseudo_share\", \"packaging_share\"]\n")
file(WRITE ${WORK}/f.toml "name = \"f\"\n${head}[design]\nmethod = \"file\"\nfile = \"designs/salib.csv\"\n")

cli_run(sweep sweep f.toml --db f.db -q)
if(NOT sweep_RC EQUAL 0 OR NOT sweep_OUT MATCHES "file design \\| 6 points x 2 replicates = 12 runs")
  cli_fail("sweep of a design file (${sweep_RC}): ${sweep_OUT}${sweep_ERR}")
endif()
cli_run(again sweep f.toml --db f.db -q)
if(NOT again_RC EQUAL 0 OR NOT again_OUT MATCHES "resuming: 12 runs already done, 0 to go")
  cli_fail("resuming (${again_RC}): ${again_OUT}${again_ERR}")
endif()
cli_run_ok(export f.db -o exported)
cli_expect_header(${WORK}/exported/runs.csv
                  "point,replicate,seed,status,drivers.promotion_drive,regulation.number_control,mechanisms.packaging,pseudo_share")
file(STRINGS ${WORK}/exported/design.csv design_rows)
list(GET design_rows 2 second)
if(NOT second STREQUAL "2,file,0.52,4,1")
  cli_fail("design.csv's second point: '${second}', expected '2,file,0.52,4,1'")
endif()

# No Sobol' or Morris structure: rank correlations, said so, and the same from the exported files.
cli_run(an analyze f.db --bootstrap 20 -o analysis)
if(NOT an_RC EQUAL 0 OR NOT an_OUT MATCHES "Spearman rank correlations \\(design from a file, which has no Sobol'/Morris structure, 6 runs\\)")
  cli_fail("analyze (${an_RC}): ${an_OUT}${an_ERR}")
endif()
cli_run(zh analyze f.db --bootstrap 20 --lang zh)
if(NOT zh_RC EQUAL 0 OR NOT zh_OUT MATCHES "外部设计文件，无 Sobol'/Morris 结构")
  cli_fail("analyze --lang zh (${zh_RC}): ${zh_OUT}${zh_ERR}")
endif()
cli_run_ok(analyze --design exported/design.csv --outputs exported/outputs.csv --bootstrap 20 -o analysis2)
cli_expect_same_file(${WORK}/analysis/sensitivity.csv ${WORK}/analysis2/sensitivity.csv
                     "analyze DB and analyze --design --outputs of its export differ")

# The exported design.csv (pilotsim's own format) is a design file too; shards of a design file
# merge into the whole.
file(WRITE ${WORK}/g.toml "name = \"f\"\n${head}[design]\nmethod = \"file\"\nfile = \"exported/design.csv\"\n")
cli_run_ok(sweep g.toml --db g.db -q)
cli_run_ok(export g.db -o g)
foreach(f runs.csv design.csv outputs.csv)
  cli_expect_same_file(${WORK}/exported/${f} ${WORK}/g/${f} "the campaign on its own exported design differs")
endforeach()
cli_run_ok(sweep f.toml --shard 1/2 --db s1.db -q)
cli_run_ok(sweep f.toml --shard 2/2 --db s2.db -q)
cli_run_ok(merge m.db s1.db s2.db)
cli_run_ok(export m.db -o merged)
cli_expect_same_dirs(${WORK}/exported ${WORK}/merged)

# A design CSV changed after the campaign started is refused.
file(APPEND ${WORK}/designs/salib.csv "0.5,1.0,0.0\n")
cli_expect_error(2 "f.toml: key 'design.file': the design CSV has changed since the campaign database f.db was started"
                 sweep f.toml --db f.db -q)

# Bad design CSVs: the CSV, its line and column, what is allowed; no database written.
function(bad_csv name csv regex)
  file(WRITE ${WORK}/designs/${name}.csv "${csv}")
  file(WRITE ${WORK}/${name}.toml "${head}[design]\nmethod = \"file\"\nfile = \"designs/${name}.csv\"\n")
  cli_expect_error(2 "${regex}" sweep ${name}.toml --db bad.db -q)
  if(EXISTS ${WORK}/bad.db)
    cli_fail("${name}: a database was written for a refused design")
  endif()
  file(REMOVE ${WORK}/${name}.toml)
endfunction()
bad_csv(notparam "drivers.pull\n1\n" "designs/notparam.csv:1: key 'drivers.pull': \"drivers.pull\" is not a model parameter")
bad_csv(runkey "run.months\n24\n" "runkey.csv:1: key 'run.months': only numeric and true/false parameters can be factors")
bad_csv(range "drivers.peer_push\n0.1\n5\n" "range.csv:3: key 'drivers.peer_push': 5 is outside drivers.peer_push's range: expected a number in \\[0, 3\\]")
bad_csv(whole "regulation.number_control\n2.5\n" "whole.csv:2: key 'regulation.number_control': 2.5 is not a whole number")
bad_csv(switch "mechanisms.packaging\n0.5\n" "switch.csv:2: key 'mechanisms.packaging': a switch takes 0 \\(false\\) or 1 \\(true\\), got 0.5")
bad_csv(text "drivers.peer_push\nabc\n" "text.csv:2: key 'drivers.peer_push': expected a number, got 'abc'")
bad_csv(missing "drivers.peer_push,mechanisms.packaging\n0.1,\n" "missing.csv:2: key 'mechanisms.packaging': a value is missing")
bad_csv(nopoint "drivers.peer_push\n" "nopoint.csv: the design has no point")
bad_csv(index ",drivers.peer_push\n0,0.1\n" "index.csv:1: column 1 has no name.*to_csv\\(path, index=False\\)")
bad_csv(twice "run,drivers.peer_push\n1,0.1\n1,0.2\n" "twice.csv:3: key 'run': point number 1 is given twice")
bad_csv(reserved "block,drivers.peer_push\n1,0.1\n" "reserved.csv:1: key 'block': this column belongs to a design CSV of 'pilotsim sample'")
file(WRITE ${WORK}/b.toml "${head}[design]\nmethod = \"file\"\nfile = \"designs/nowhere.csv\"\n")
cli_expect_error(2 "nowhere.csv: cannot open design CSV" sweep b.toml --db bad.db -q)
file(WRITE ${WORK}/b.toml "${head}[design]\nmethod = \"file\"\n")
cli_expect_error(2 "b.toml:6: key 'design.file': expected the design CSV's name" sweep b.toml --db bad.db -q)
file(WRITE ${WORK}/b.toml "${head}[design]\nmethod = \"file\"\nfile = \"designs/salib.csv\"\nsamples = 8\n")
cli_expect_error(2 "b.toml:9: key 'design.samples': unknown key; with method = \"file\", \\[design\\] has: method, file"
                 sweep b.toml --db bad.db -q)
file(WRITE ${WORK}/b.toml "${head}[design]\nmethod = \"file\"\nfile = \"designs/salib.csv\"\n[factors.\"drivers.peer_push\"]\ndistribution = \"uniform\"\nmin = 0\nmax = 1\n")
cli_expect_error(2 "key 'factors': a design from a file takes its factors from the CSV's header" sweep b.toml --db bad.db -q)
file(WRITE ${WORK}/s.toml "[design]\nmethod = \"file\"\n[factors.x]\ndistribution = \"uniform\"\nmin = 0\nmax = 1\n")
cli_expect_error(2 "s.toml:2: key 'design.method': method = \"file\" .* belongs in an experiment file" sample s.toml -o s.csv)
if(EXISTS ${WORK}/bad.db OR EXISTS ${WORK}/s.csv)
  cli_fail("a refused design left a file")
endif()
