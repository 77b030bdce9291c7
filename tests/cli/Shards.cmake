# `pilotsim sweep --shard i/N` and `pilotsim merge`: three shards of a small campaign, run apart and
# merged, export byte-identical to one unsharded sweep; shards that do not add up are refused with
# the shard file and the runs, and nothing is written.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)
cli_fresh_work()

# 12 Morris points x 2 replicates = 24 runs, with series, on the smallest preset.
set(head "name = \"sharded\"\nbase = \"county\"\nmonths = 24\nset = [\"run.burn_in=12\"]\nreplicates = 2\nmeasures = [\"pseudo_share\", \"packaging_share\"]\nseries = true\n")
set(design "[design]\nmethod = \"morris\"\ntrajectories = 4\nlevels = 4\nseed = 2\n")
set(factors "[factors.\"drivers.promotion_drive\"]\ndistribution = \"uniform\"\nmin = 0.2\nmax = 0.9\n[factors.\"regulation.number_control\"]\ndistribution = \"integer\"\nmin = 0\nmax = 8\n")
file(WRITE ${WORK}/c.toml "${head}${design}${factors}")

cli_run_ok(sweep c.toml --db whole.db -q --threads 2)
cli_run_ok(export whole.db -o whole)

# Each shard on another thread count; the second is resumed (a no-op) to show it is resumable.
cli_run(s1 sweep c.toml --shard 1/3 --db s1.db -q --threads 1)
if(NOT s1_RC EQUAL 0 OR NOT s1_OUT MATCHES "12 points x 2 replicates = 24 runs"
   OR NOT s1_OUT MATCHES "shard 1/3: this database holds 8 of the runs")
  cli_fail("shard 1/3 (${s1_RC}): ${s1_OUT}${s1_ERR}")
endif()
cli_run_ok(sweep c.toml --shard 2/3 --db s2.db -q --threads 2)
cli_run(again sweep c.toml --shard 2/3 --db s2.db -q)
if(NOT again_RC EQUAL 0 OR NOT again_OUT MATCHES "resuming: 8 runs already done, 0 to go")
  cli_fail("resuming shard 2/3 (${again_RC}): ${again_OUT}${again_ERR}")
endif()
cli_run(zh sweep c.toml --shard 3/3 --db s3.db -q --lang zh)
if(NOT zh_RC EQUAL 0 OR NOT zh_OUT MATCHES "分片 3/3: 本库只含其中 8 次运行")
  cli_fail("shard 3/3 in Chinese (${zh_RC}): ${zh_OUT}${zh_ERR}")
endif()

# A shard keeps its shard: another --shard, or none, is refused; so is --shard on a whole campaign.
cli_expect_error(2 "s2.db: .*holds shard 2/3 of the campaign \\(--shard 2/3\\), not shard 1/3.*Resume it with --shard 2/3"
                 sweep c.toml --shard 1/3 --db s2.db -q)
cli_expect_error(2 "s2.db: .*holds shard 2/3 .*not the whole campaign \\(no --shard\\)" sweep c.toml --db s2.db -q)
cli_expect_error(2 "whole.db: .*holds the whole campaign \\(no --shard\\), not shard 1/2" sweep c.toml --shard 1/2
                 --db whole.db -q)
cli_expect_error(2 "--shard.*expected i/N.*got '0/3'" sweep c.toml --shard 0/3 --db bad.db -q)
cli_expect_error(2 "--shard.*expected i/N.*got '4/3'" sweep c.toml --shard 4/3 --db bad.db -q)
cli_expect_error(2 "--shard.*expected i/N.*got 'two'" sweep c.toml --shard two --db bad.db -q)
cli_expect_error(2 "--shard 13/13: the campaign has 12 design points.*at most 12 shards" sweep c.toml --shard 13/13
                 --db bad.db -q)
file(REMOVE ${WORK}/bad.db ${WORK}/bad.db-wal ${WORK}/bad.db-shm)
cli_expect_error(2 "s1.db: .*holds only shard 1/3.*pilotsim merge" analyze s1.db)

# The merge, in any order of the shards, exports exactly what the unsharded sweep exports.
cli_run(merged merge merged.db s3.db s1.db s2.db)
if(NOT merged_RC EQUAL 0 OR NOT merged_OUT MATCHES "Merged 3 shards: 12 points, 24 runs, all done")
  cli_fail("merge (${merged_RC}): ${merged_OUT}${merged_ERR}")
endif()
cli_run_ok(export merged.db -o merged)
cli_expect_same_dirs(${WORK}/whole ${WORK}/merged)
cli_run_ok(analyze merged.db --bootstrap 20)

# Never over an existing database without --force; with it, replaced whole.
cli_expect_error(2 "merged.db: the database exists; pass --force" merge merged.db s1.db s2.db s3.db)
cli_run(zhm merge merged.db s1.db s2.db s3.db --force --lang zh)
if(NOT zhm_RC EQUAL 0 OR NOT zhm_OUT MATCHES "已合并 3 个分片: 12 个设计点, 共 24 次运行")
  cli_fail("merge --force --lang zh (${zhm_RC}): ${zhm_OUT}${zhm_ERR}")
endif()
cli_run_ok(export merged.db -o merged2)
cli_expect_same_dirs(${WORK}/whole ${WORK}/merged2)

# Shards that do not add up: nothing is written.
cli_expect_error(2 "m.db: cannot merge: 8 runs of the campaign are in none of the shards given .*shard 3/3 \\(not given\\): 8 runs, \\(point 9, replicate 0\\), \\(point 9, replicate 1\\).* and 3 more"
                 merge m.db s1.db s2.db)
cli_expect_error(2 "s1.db: shard 1/3 is given twice \\(also as s1.db\\)" merge m.db s1.db s1.db s2.db s3.db)
cli_expect_error(2 "whole.db: this database holds a whole campaign, not a shard" merge m.db whole.db)
cli_run_ok(sweep c.toml --shard 1/2 --db half.db -q)
cli_expect_error(2 "half.db: the shard count \\(1/2 here, 1/3 there\\) differs from that of s1.db" merge m.db s1.db half.db)
file(WRITE ${WORK}/other.toml "${head}[design]\nmethod = \"morris\"\ntrajectories = 4\nlevels = 4\nseed = 3\n${factors}")
cli_run_ok(sweep other.toml --shard 3/3 --db o3.db -q)
cli_expect_error(2 "o3.db: the experiment file differs from that of s1.db" merge m.db s1.db s2.db o3.db)
cli_expect_error(2 "s1.db: is also the output database" merge s1.db s1.db s2.db s3.db --force)

# No m.db, no temporary database left by the refused merges.
set(dbs "")
foreach(db whole s1 s2 s3 half o3 merged)
  list(APPEND dbs ${db}.db ${db}.db-wal ${db}.db-shm)
endforeach()
cli_expect_work_entries(c.toml other.toml whole merged merged2 ${dbs})
