# Reference design matrices for FormulasTests, from base R's model.matrix (+ splines::ns).
# Run from this folder: Rscript make-fixtures.R   (R 4.2.2 made the committed files)
#
# Writes
#   data.csv               the mixed-type data set (NA = missing), numbers with %.17g
#   formulas.tsv           id, formula (R syntax, parsed as is by CareStat), columns given to the formula
#                          ("*" = all), rows dropped for missing values, R's assign (space-separated)
#   design-ID.csv          one line per used row: source row number (1-based), then the row of model.matrix
#   design-ID-names.txt    R's column names, one per line
#   offset-ID.csv          model.offset() where the formula has an offset
#
# Each formula is evaluated as lm() would: complete cases of the variables it uses, model.frame with
# drop.unused.levels = TRUE, then model.matrix. Treatment contrasts for ordered factors too (CareStat's rule).
library(splines)
options(contrasts = c("contr.treatment", "contr.treatment"))
set.seed(20261121)
n <- 40
d <- data.frame(
  y    = round(rnorm(n, 10, 3), 3),
  x    = round(runif(n, 0.5, 6), 4),
  age  = sample(10:17, n, replace = TRUE),
  sex  = sample(c("F", "M"), n, replace = TRUE),
  band = sample(c("young", "mid", "old"), n, replace = TRUE),
  grp  = sample(c("a", "b", "c"), n, replace = TRUE),
  t    = round(runif(n, 0.2, 3), 3),
  la   = sample(c("E1", "E2", "E3", "E4"), n, replace = TRUE),
  stringsAsFactors = FALSE
)
d$x[c(3, 17)] <- NA
d$sex[8] <- NA
d$band[12] <- NA
d$age[25] <- NA
d$y[30] <- NA

fmt <- function(v) ifelse(is.na(v), "NA", if (is.numeric(v)) sprintf("%.17g", v) else as.character(v))
out <- as.data.frame(lapply(d, fmt), stringsAsFactors = FALSE)
write.table(out, "data.csv", sep = ",", quote = FALSE, row.names = FALSE)

# R's view of the columns: factors with CareStat's level order (sex, grp: sorted; band: declared order).
df <- d
df$sex  <- factor(df$sex, levels = c("F", "M"))
df$grp  <- factor(df$grp, levels = c("a", "b", "c"))
df$band <- factor(df$band, levels = c("young", "mid", "old"), ordered = TRUE)
df$la   <- factor(df$la)

cases <- list(
  list("y ~ x + sex", "*"),
  list("y ~ sex * x", "*"),
  list("y ~ sex * grp", "*"),
  list("y ~ x * age", "*"),
  list("y ~ sex:grp", "*"),
  list("y ~ grp + sex:grp", "*"),
  list("y ~ x + sex - 1", "*"),
  list("y ~ 0 + grp + sex", "*"),
  list("y ~ band + relevel(sex, ref = \"M\")", "*"),
  list("y ~ log(x) + poly(age, 2)", "*"),
  list("y ~ ns(x, df = 3) + sex", "*"),
  list("y ~ poly(x, 3):sex", "*"),
  list("y ~ . - x", "y sex band grp x"),
  list("y ~ (sex + grp + x)^2", "*"),
  list("y ~ x + offset(log(t)) + sex", "*"),
  list("y ~ ns(age, df = 4) + band:x + grp", "*"),
  list("y ~ sex:x + grp:band + x - 1", "*"),
  list("y ~ factor(age) + x", "*"),
  list("y ~ ns(t, df = 1) + poly(t, 4)", "*"),
  list("y ~ ns(t, df = 5) + la", "*"),
  list("y ~ sex*grp*x", "*"),
  list("y ~ band*grp - 1", "*")
)

rows <- character(0)
for (k in seq_along(cases)) {
  f <- cases[[k]][[1]]; cols <- cases[[k]][[2]]
  data <- if (cols == "*") df else df[, strsplit(cols, " ")[[1]]]
  form <- as.formula(f)
  # The variables the model uses: response, variables of the terms, offsets. (R's own model.frame would also
  # drop rows missing a variable removed by `- x` after `.`; CareStat drops rows only for used variables.)
  tt <- terms(form, data = data)
  fac <- attr(tt, "factors")
  vars <- c(all.vars(form[[2]]), unlist(lapply(rownames(fac)[rowSums(fac) > 0], function(v) all.vars(parse(text = v)[[1]]))),
            unlist(lapply(attr(tt, "variables")[1 + attr(tt, "offset")], all.vars)))
  vars <- intersect(unique(vars), names(data))
  used <- data[complete.cases(data[, vars, drop = FALSE]), , drop = FALSE]
  mf <- model.frame(form, used, drop.unused.levels = TRUE, na.action = na.pass)
  mm <- model.matrix(form, mf)
  id <- sprintf("%02d", k)
  body <- cbind(as.integer(rownames(mm)), mm)
  lines <- apply(body, 1, function(r) paste(c(as.character(as.integer(r[1])), sprintf("%.17g", r[-1])), collapse = ","))
  writeLines(lines, sprintf("design-%s.csv", id))
  writeLines(colnames(mm), sprintf("design-%s-names.txt", id))
  off <- model.offset(mf)
  if (!is.null(off)) writeLines(sprintf("%.17g", off), sprintf("offset-%s.csv", id))
  rows <- c(rows, paste(id, f, cols, nrow(data) - nrow(mm), paste(attr(mm, "assign"), collapse = " "), sep = "\t"))
}
writeLines(c("id\tformula\tcolumns\tdropped\tassign", rows), "formulas.tsv")
