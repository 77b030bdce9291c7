# Survival analysis of pilot lifetimes from pilotsim's pilots.csv (docs/r.md).
#
#   pilotsim run county -n 4 -o out/county
#   Rscript docs/examples/pilots-survival.R out/county
#
# A pilot is at risk from its launch (`start`) for `duration` months; `censored` = 1 if it was still
# live when the run ended. Its spell ends when it is concluded, fails, is halted, interrupted or
# renamed by a successor, or becomes a rule (institutionalised). Needs R and the survival package
# (Debian: r-base-core, r-cran-survival); exits with code 77 without it (CTest counts that as skipped).

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) {
  cat("usage: Rscript pilots-survival.R RUN_DIR   (a directory written by 'pilotsim run')\n")
  quit(status = 2)
}
if (!requireNamespace("survival", quietly = TRUE)) {
  cat("the R package 'survival' is not installed (Debian: apt-get install r-cran-survival)\n")
  quit(status = 77)
}
library(survival)

# Empty fields are missing values (docs/outputs.md, "CSV conventions"): na.strings = "" makes empty
# text fields NA as well as empty numbers.
pilots <- read.csv(file.path(args[1], "pilots.csv"), na.strings = "")

# Pilots that never launched (a plan abandoned, or still in preparation at the end) have no duration.
launched <- subset(pilots, !is.na(duration))
launched$ended <- 1L - launched$censored
# Ended by a successor: interrupted, renamed or (a plan) abandoned when the leader changed.
launched$by_successor <- launched$ended_at_turnover
launched$origin <- relevel(factor(launched$origin), ref = "spontaneous")
launched$boldness <- droplevels(factor(launched$boldness, levels = 0:2, labels = c("cautious", "normal", "bold")))
# IDs are unique within a replicate only: a unit is (replicate, unit).
launched$unit_id <- interaction(launched$replicate, launched$unit, drop = TRUE)

cat(sprintf("%d pilots in %d replicates; %d launched, %d ended (%d by a successor), %d censored\n",
            nrow(pilots), length(unique(pilots$replicate)), nrow(launched), sum(launched$ended),
            sum(launched$by_successor), sum(launched$censored)))
cat("\nHow the launched pilots stand at the end:\n")
print(table(launched$origin, launched$status))

# Kaplan-Meier: the share of pilots still running d months after launch, by origin.
km <- survfit(Surv(duration, ended) ~ origin, data = launched)
cat("\nKaplan-Meier estimate of pilot lifetime (months from launch) by origin:\n")
print(km)
cat("\nShare still running 12, 24 and 36 months after launch:\n")
print(summary(km, times = c(12, 24, 36), extend = TRUE)[c("strata", "time", "n.risk", "surv", "lower", "upper")] |>
        as.data.frame(), digits = 3, row.names = FALSE)
cat("\nLog-rank test of equal lifetimes across origins:\n")
print(survdiff(Surv(duration, ended) ~ origin, data = launched))

# Cox model of the hazard of ending, with robust standard errors for pilots of the same unit.
cox <- coxph(Surv(duration, ended) ~ origin + boldness + quality + first_mover, data = launched,
             cluster = unit_id)
cat("\nCox proportional hazards model of a pilot's end:\n")
print(summary(cox)$conf.int, digits = 3)
cat(sprintf("concordance %.3f\n", summary(cox)$concordance[1]))

# The same for one way of ending only (cause-specific hazard): ended by a successor leader, other
# ends censoring the spell. Designated pilots are never dropped by a successor (a superior placed
# them), so the model is of the pilots a leader chose: its own designs and adoptions.
chosen <- droplevels(subset(launched, origin %in% c("spontaneous", "adoption")))
cox_successor <- coxph(Surv(duration, by_successor) ~ origin + boldness + quality, data = chosen,
                       cluster = unit_id)
cat("\nCause-specific Cox model: ended by a successor leader:\n")
print(summary(cox_successor)$conf.int, digits = 3)

cat("\nProportional hazards check (Schoenfeld residuals) of the first model:\n")
print(cox.zph(cox))
