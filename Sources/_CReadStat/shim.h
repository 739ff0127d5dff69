#ifndef CARESTAT_CREADSTAT_SHIM_H
#define CARESTAT_CREADSTAT_SHIM_H
// ReadStat (Debian libreadstat-dev): Stata .dta, SPSS .sav, SAS .sas7bdat readers. Only Tabular imports this.
#include <readstat.h>
#endif
