import Testing
@testable import Tabular

struct PreviewOpsTests {
    /// Expected layout worked by hand: row numbers right-aligned; numbers right-aligned, text left-aligned, two
    /// spaces between columns; kinds in tibble's abbreviations; missing as NA.
    @Test func smallTableShowsEveryRow() throws {
        let expected = """
            DataFrame: 6 rows × 5 columns
                  id  name     age  region  start
               <int>  <chr>  <dbl>  <fct>   <date>
            1      1  Ann        4  South   2020-01-05
            2      2  Bob       NA  North   2019-12-31
            3      3  Cat        2  NA      NA
            4      4  Dan        4  North   2021-03-01
            5      5  NA       7.5  East    2020-01-05
            6      6  Eve        2  South   2018-07-15
            """
        #expect(try OpsTables.children().description == expected)
    }

    /// 25 rows with the default 10: rows 1–5, a "…" line, rows 21–25. Row 4's 32-character note is cut to 19
    /// characters and "…"; doubles show 7 significant digits (1/3 = 0.3333333, 4/3 = 1.333333 as R prints).
    @Test func longTableShowsHeadAndTail() throws {
        let long = try DataFrame(columns: [
            DataColumn(name: "i", integers: (0..<25).map { $0 }),
            DataColumn(name: "note", strings: (0..<25).map { $0 == 3 ? "a rather long piece of free text" : ($0 % 4 == 0 ? nil : "n\($0)") }),
            DataColumn(name: "x", doubles: (0..<25).map { Double($0) / 3 }),
        ])
        let expected = """
            DataFrame: 25 rows × 3 columns
                    i  note                          x
                <int>  <chr>                     <dbl>
             1      0  NA                            0
             2      1  n1                    0.3333333
             3      2  n2                    0.6666667
             4      3  a rather long piece…          1
             5      4  NA                     1.333333
             …      …  …                             …
            21     20  NA                     6.666667
            22     21  n21                           7
            23     22  n22                    7.333333
            24     23  n23                    7.666667
            25     24  NA                            8
            """
        #expect(long.description == expected)
    }

    @Test func specialValuesAndEmptyTable() throws {
        let t = try DataFrame(columns: [DataColumn(name: "x", doubles: [.nan, .infinity, -.infinity, 1e-10, 123456789]),
                                        DataColumn(name: "b", values: .boolean([true, false, true, false, true]))])
        // %.7g: 1e-10 -> 1e-10, 123456789 -> 1.234568e+08.
        let expected = """
            DataFrame: 5 rows × 2 columns
                          x  b
                      <dbl>  <lgl>
            1           NaN  TRUE
            2           Inf  FALSE
            3          -Inf  TRUE
            4         1e-10  FALSE
            5  1.234568e+08  TRUE
            """
        #expect(t.description == expected)
        #expect(try DataFrame(columns: []).description == "DataFrame: 0 rows × 0 columns")
    }
}
