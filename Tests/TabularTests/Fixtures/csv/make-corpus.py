#!/usr/bin/env python3
"""Writes the CSV test corpus (run from anywhere; files land beside this script).

Malformed files, one per error kind; the expected message of each is asserted in CSVErrorTests.swift, with the
line numbers counted by hand from the bytes below (line = 1 + number of LFs before the offending byte).
Well-formed files exercise BOM, CRLF, quoted newlines, TSV and blank lines. Bytes are written exactly
(binary mode), so CRLF, BOM and invalid UTF-8 survive.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = {
    # --- malformed -------------------------------------------------------------------------------------
    "empty.csv": b"",
    "bom_only.csv": b"\xef\xbb\xbf\r\n\r\n",
    # The quote opened on line 3 never closes.
    "unterminated_quote.csv": b"CHILD,NAME\n1,Ann\n2,\"Bob\n3,Cy\n",
    # Line 4 has 2 fields, the header 3.
    "wrong_field_count.csv": b"CHILD,SEX,DECOM\n1,1,01/04/2020\n2,2,02/04/2020\n3,1\n4,2,03/04/2020\n",
    # DECOM is inferred dd/mm/yyyy (every value has that shape); line 4 has 31 February.
    "invalid_date.csv": b"CHILD,SEX,DECOM\n1,1,01/04/2020\n2,2,29/02/2020\n3,1,31/02/2020\n",
    # Read with SEX overridden to integer; line 3 has "M".
    "type_mismatch.csv": b"CHILD,SEX\n1,1\n2,M\n3,2\n",
    # Byte 0xFF (never valid in UTF-8) in NAME on line 3.
    "invalid_utf8.csv": b"CHILD,NAME\n1,Ann\n2,B\xffb\n",
    # NAME appears twice (columns 2 and 3).
    "duplicate_header.csv": b"CHILD,NAME,NAME\n1,a,b\n",
    # "Bob"x on line 2: text after a closing quote in column 2.
    "text_after_quote.csv": b"CHILD,NAME\n1,\"Bob\"x\n2,Cy\n",
    # LEGAL_STATUS declared with levels C2, V2, J1; line 3 has "E1".
    "not_a_level.csv": b"CHILD,LEGAL_STATUS\n1,C2\n2,E1\n3,V2\n",
    # Several bad rows at once, for the quarantine: line 3 wrong count, line 5 invalid date, line 7 bad
    # quote; four good rows (lines 2, 4, 6, 9; line 8 is blank).
    "mixed_bad.csv": b"CHILD,DECOM,NAME\n1,01/04/2020,Ann\n2,02/04/2020\n3,03/04/2020,Cy\n4,30/02/2020,Di\n"
                     b"5,05/04/2020,Ed\n6,06/04/2020,\"Fa\"y\n\n7,07/04/2020,Gu\n",
    # A numeric column with one bad cell: AGE holds 0..29 (lines 2-31) except line 9, "n/a"; line 21 holds "-".
    "bad_cell_numeric.csv": b"CHILD,AGE\n" + b"".join(
        b"%d,%s\n" % (i, b"n/a" if i == 8 else b"-" if i == 20 else b"%d" % (i % 18)) for i in range(1, 31)),
    # The first data row is the bad cell (no earlier number to guess from): SCORE "-" on line 2, then 19 numbers.
    "bad_cell_first.csv": b"ID,SCORE\n1,-\n" + b"".join(b"%d,%d.5\n" % (i, i) for i in range(2, 21)),
    # A NUL byte in the number on line 4, column AMOUNT (2).
    "nul_in_numeric.csv": b"ID,AMOUNT\n1,10\n2,20\n3,3\x000\n4,40\n",
    # Numbers that are not finite: 1e400 (overflows a double) on line 3, NaN on line 5, Inf on line 6.
    "non_finite.csv": b"ID,X\n1,1.5\n2,1e400\n3,2.5\n4,NaN\n5,Inf\n",
    # A header and no data rows.
    "header_only.csv": b"CHILD,SEX,DOB\n",
    # Classic Mac OS line endings (CR alone).
    "cr_only.csv": b"CHILD,SEX\r1,1\r2,2\r",
    # Real text columns that must not be judged numbers with bad cells: an identifier that is numeric for most
    # rows and a code for one (line 12), LA codes, and ethnicity codes.
    "codes_mostly_numeric.csv": b"CHILD,LA,ETHNIC\n" + b"".join(
        b"%s,E0900000%d,%s\n" % (b"123456A" if i == 11 else b"%d" % (100000 + i), i % 9 + 1, [b"WBRI", b"MWBC", b"ABAN"][i % 3])
        for i in range(1, 31)),
    # --- well-formed -----------------------------------------------------------------------------------
    # BOM, CRLF line endings, a blank CRLF line, and a final line without a line ending.
    "bom_crlf.csv": b"\xef\xbb\xbfCHILD,DOB,NAME\r\n1,2015-01-28,Ann\r\n\r\n2,2016-02-29,Bob\r\n3,NA,\"C, D\"",
    # Quoted fields with embedded delimiter, doubled quotes and newlines (LF and CRLF inside quotes).
    "quoted.csv": b"ID,NOTE,N\n1,\"said \"\"hi\"\", left\",10\n2,\"two\nlines\",20\n3,\"crlf\r\ninside\",30\n4,plain,40\n",
    # Tab-separated, with a comma inside a value (so the header has more tabs than commas).
    "episodes.tsv": b"CHILD\tDECOM\tPLACE\n1\t01/04/2020\tU1, foster\n2\t15/06/2021\tR2\n",
}

for name, data in FILES.items():
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
