#ifndef CARESTAT_CXLSXWRITER_SHIM_H
#define CARESTAT_CXLSXWRITER_SHIM_H
// libxlsxwriter (Debian libxlsxwriter-dev): Excel .xlsx output. Only Reporting imports this.
#include <xlsxwriter.h>
#endif
