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
