# Writes the ReadStat fixtures (Stata .dta, SPSS .sav, SAS .sas7bdat) with haven, reads each file back with
# haven, and writes what R sees as CSV (the expectation the Swift tests compare against):
#   numbers with sprintf("%.17g"), labelled values as their labels (haven::as_factor, levels = "default"),
#   dates as ISO yyyy-mm-dd, datetimes as their UTC date, every missing value (system, tagged .a-.z,
#   SPSS user-missing) as NA. A second CSV per labelled column lists the factor levels in order.
# Run from this folder: Rscript make-readstat-fixtures.R
suppressPackageStartupMessages(library(haven))

base <- data.frame(
  id    = 1:6,
  score = c(1.5, NA, 3.25, -4, 1000000.125, 0.1),
  count = c(3L, 0L, NA, 7L, 2L, 10L),
  name  = c("alpha", "beta", "gamma", "delta \u00e9", "epsilon", "zeta"),
  born  = as.Date(c("2015-03-01", NA, "2010-12-31", "1959-12-31", "2020-02-29", "1600-03-01")),
  stringsAsFactors = FALSE
)
# Level order must follow the labelled value (0 < 1 < 2 < 3), not the alphabet (CIN < CPP < none < referral);
# 9 has no label and becomes the level "9".
stage_values <- c(2, 0, 3, NA, 9, 1)
stage_labels <- c(none = 0, referral = 1, CIN = 2, CPP = 3)
seen <- as.POSIXct(c("2021-06-01 13:45:00", "1999-12-31 23:59:59", NA, "1960-01-01 00:00:00",
                     "2024-02-29 06:00:00", "1970-01-01 12:00:00"), tz = "UTC")

# Stata: tagged missing values .a and .z in `reason`.
dta <- base
dta$stage  <- labelled(stage_values, stage_labels)
dta$reason <- c(1, tagged_na("a"), tagged_na("z"), NA, 5, 6)
dta$seen   <- seen
write_dta(dta, "sample.dta", version = 14)

# SPSS: user-missing values -9 and -8 in `resp` (labelled, with a label on -9).
sav <- base
sav$stage <- labelled(stage_values, stage_labels)
sav$resp  <- labelled_spss(c(1, 2, -9, 3, -8, 2), labels = c(yes = 1, no = 2, refused = -9), na_values = c(-9, -8))
sav$seen  <- seen
# A labelled string variable (levels ordered by the labelled string, byte-wise: "F" < "M" < "X") and a
# user-missing range 90..Inf without value labels.
sav$sex  <- labelled(c("M", "F", "X", "M", "F", "F"), labels = c(Male = "M", Female = "F"))
sav$kids <- labelled_spss(c(0, 1, 98, 99, 2, 3), na_range = c(90, Inf))
write_sav(sav, "sample.sav")

# SAS: write_sas is deprecated in haven but still writes sas7bdat (no value labels in the data file).
sas <- base
sas_ok <- tryCatch({ suppressWarnings(write_sas(sas, "sample.sas7bdat")); TRUE },
                   error = function(e) { message("write_sas failed: ", conditionMessage(e)); FALSE })

fmt_num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", as.numeric(x)))
as_text <- function(col) {
  if (inherits(col, "haven_labelled")) {
    f <- as_factor(col, levels = "default")
    return(ifelse(is.na(f), "NA", as.character(f)))
  }
  if (inherits(col, "POSIXct")) col <- as.Date(col, tz = "UTC")
  if (inherits(col, "Date")) return(ifelse(is.na(col), "NA", format(col, "%Y-%m-%d")))
  if (is.numeric(col)) return(fmt_num(col))
  ifelse(is.na(col), "NA", as.character(col))
}
expect <- function(file, reader, stem) {
  d <- reader(file)
  out <- as.data.frame(lapply(d, as_text), stringsAsFactors = FALSE, check.names = FALSE)
  write.csv(out, paste0(stem, "-expected.csv"), row.names = FALSE, quote = TRUE, na = "NA", fileEncoding = "UTF-8")
  for (v in names(d)) if (inherits(d[[v]], "haven_labelled")) {
    lv <- levels(as_factor(d[[v]], levels = "default"))
    writeLines(lv, paste0(stem, "-", v, "-levels.txt"), useBytes = TRUE)
  }
}
expect("sample.dta", read_dta, "sample-dta")
expect("sample.sav", function(f) read_sav(f, user_na = FALSE), "sample-sav")
if (sas_ok) expect("sample.sas7bdat", read_sas, "sample-sas")

# Bad files: a truncated .dta (first 200 bytes) and a text file named .sav.
con <- file("sample.dta", "rb"); bytes <- readBin(con, "raw", 200); close(con)
writeBin(bytes, "truncated.dta")
writeLines("id,score\n1,2\n", "not-really.sav")
