# Every output of `pilotsim run` and of `pilotsim export` read into R (docs/r.md).
#
#   Rscript docs/examples/read-outputs.R RUN_DIR [EXPORT_DIR]
#
# Base R only; arrow (read_csv_arrow, much faster on a national run's pilots.csv) and jsonlite
# (summary.json as a list) are used when they are installed.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1 || length(args) > 2) {
  cat("usage: Rscript read-outputs.R RUN_DIR [EXPORT_DIR]\n")
  quit(status = 2)
}

# pilotsim writes a missing value as an empty field (docs/outputs.md, "CSV conventions");
# na.strings = "" reads it as NA in text columns too; check.names = FALSE keeps the column names
# as written (parameter keys such as drivers.promotion_drive). Numbers keep every digit: R's doubles are
# the doubles pilotsim wrote.
read_table <- function(file) {
  if (requireNamespace("arrow", quietly = TRUE)) {
    as.data.frame(arrow::read_csv_arrow(file))
  } else {
    read.csv(file, na.strings = "", check.names = FALSE)
  }
}

show <- function(name, table) {
  cat(sprintf("%-16s %7d rows x %3d columns: %s\n", name, nrow(table), ncol(table),
              paste(head(names(table), 6), collapse = ", ")))
}

run <- args[1]
run_tables <- c("monthly", "pilots", "tenures", "units", "innovations", "recognitions", "programmes",
                "hierarchy")
cat(sprintf("pilotsim run %s:\n", run))
outputs <- list()
for (name in run_tables) {
  file <- file.path(run, paste0(name, ".csv"))
  if (!file.exists(file)) next  # pilots.csv and tenures.csv are absent with --records none
  outputs[[name]] <- read_table(file)
  show(paste0(name, ".csv"), outputs[[name]])
}
if (file.exists(file.path(run, "structure.csv"))) {
  outputs$structure <- read_table(file.path(run, "structure.csv"))
  show("structure.csv", outputs$structure)
}
summary_file <- file.path(run, "summary.json")
if (requireNamespace("jsonlite", quietly = TRUE)) {
  outputs$summary <- jsonlite::fromJSON(summary_file)
  cat(sprintf("summary.json     a list of %d entries\n", length(outputs$summary)))
} else {
  outputs$summary <- paste(readLines(summary_file, warn = FALSE), collapse = "\n")
  cat(sprintf("summary.json     %d characters of JSON (install jsonlite to parse it)\n",
              nchar(outputs$summary)))
}
outputs$scenario <- readLines(file.path(run, "scenario.toml"), warn = FALSE)
cat(sprintf("scenario.toml    %d lines, for example: %s\n", length(outputs$scenario),
            grep("^seed|^months", outputs$scenario, value = TRUE)[1]))

# The monthly mean over replicates of one measure.
m <- aggregate(pseudo_share ~ month, data = outputs$monthly, FUN = mean)
cat(sprintf("mean pseudo_share over replicates: month %d %.3f, month %d %.3f\n", m$month[1],
            m$pseudo_share[1], m$month[nrow(m)], m$pseudo_share[nrow(m)]))

if (length(args) == 2) {
  export <- args[2]
  cat(sprintf("\npilotsim export %s:\n", export))
  campaign <- list()
  for (name in c("runs", "design", "outputs", "series")) {
    file <- file.path(export, paste0(name, ".csv"))
    if (!file.exists(file)) next  # series.csv only with series = true
    campaign[[name]] <- read_table(file)
    show(paste0(name, ".csv"), campaign[[name]])
  }
  campaign$experiment <- readLines(file.path(export, "campaign.toml"), warn = FALSE)
  campaign$base <- readLines(file.path(export, "base_scenario.toml"), warn = FALSE)
  cat(sprintf("campaign.toml    %d lines; base_scenario.toml %d lines\n", length(campaign$experiment),
              length(campaign$base)))
  # A design point's factors with its mean outcomes: design.csv and outputs.csv join on `run`.
  points <- merge(campaign$design, campaign$outputs, by = "run")
  show("design+outputs", points)
  done <- subset(campaign$runs, status == "done")
  cat(sprintf("%d of %d runs done\n", nrow(done), nrow(campaign$runs)))
}
