# `pilotsim statistics`: the list in both languages; the statistics of a run directory, with every
# replicate's value in a CSV; the errors for bad input.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

cli_run_ok(statistics)
set(list_OUT "${OK_OUT}")
foreach(key promotion_rate recognised_share campaign_months voluntary_months ended_after_exit origin_share
            recognition_promotion_gain)
  if(NOT list_OUT MATCHES "${key}")
    cli_fail("statistics does not list ${key}:\n${list_OUT}")
  endif()
endforeach()
cli_run_ok(statistics --lang zh)
set(list_zh_OUT "${OK_OUT}")
if(NOT list_zh_OUT MATCHES "年度晋升率" OR NOT list_zh_OUT MATCHES "每领导年" OR NOT list_zh_OUT MATCHES "发起者离任后的月数"
   OR list_zh_OUT MATCHES "months after the initiator")
  cli_fail("statistics --lang zh is not in Chinese:\n${list_zh_OUT}")
endif()

cli_run_ok(run county --replicates 3 --months 120 --out county -q)
cli_run_ok(statistics county promotion_rate "origin_share(origin=designated)" --csv county-stats.csv)
set(stats_OUT "${OK_OUT}")
if(NOT stats_OUT MATCHES "promotion_rate +annual promotion rate +[0-9.]+ +\\[[0-9.]+, [0-9.]+\\] +3 / 3")
  cli_fail("unexpected statistics output:\n${stats_OUT}")
endif()
cli_expect_header(${WORK}/county-stats.csv "statistic,replicate,value")
file(STRINGS ${WORK}/county-stats.csv rows)
list(LENGTH rows n)
if(NOT n EQUAL 7)  # header + 2 statistics x 3 replicates
  cli_fail("county-stats.csv has ${n} lines, expected 7")
endif()
cli_expect_error(2 "no statistic 'promotion'.*statistics are" statistics county promotion)
cli_expect_error(2 "campaign_months\\(q=0.3\\).*0.1 \\| 0.5 \\| 0.9" statistics county "campaign_months(q=0.3)")
cli_expect_error(2 "missing-dir" statistics missing-dir)
cli_run_ok(run county --replicates 1 --months 24 --records none --out bare -q)
cli_expect_error(2 "--records" statistics bare)
cli_expect_error(2 "name the run's output directory" statistics --csv x.csv)
