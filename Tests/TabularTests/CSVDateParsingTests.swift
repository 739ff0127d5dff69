import Testing
@testable import Tabular

/// Date layouts. Days since 1970-01-01 are R's: `as.numeric(as.Date("2020-02-29"))` = 18321,
/// 2024-02-29 = 19782, 2000-02-29 = 11016, 1900-02-28 = -25509, 1969-12-31 = -1, 2016-02-29 = 16860.
@Suite struct DateParsingTests {
    func days(_ s: String, _ f: DateFormat) -> Int? { f.date(from: s)?.daysSinceEpoch }

    @Test func leapYears() {
        #expect(days("29/02/2020", .dayMonthYear) == 18321)
        #expect(days("2024-02-29", .yearMonthDay) == 19782)
        #expect(days("29/02/2000", .dayMonthYear) == 11016)   // divisible by 400: leap
        #expect(days("29/02/1900", .dayMonthYear) == nil)     // divisible by 100, not 400: not leap
        #expect(days("28/02/1900", .dayMonthYear) == -25509)
        #expect(days("29/02/2023", .dayMonthYear) == nil)     // 2023 is not a leap year
        #expect(days("2023-02-29", .yearMonthDay) == nil)
        #expect(days("31/12/1969", .dayMonthYear) == -1)
    }

    @Test func impossibleDatesAreRejectedNotShifted() {
        for s in ["31/02/2020", "31/04/2021", "00/01/2020", "01/00/2020", "01/13/2020", "32/01/2020"] {
            #expect(days(s, .dayMonthYear) == nil, "\(s)")
        }
        for s in ["2020-02-30", "2020-13-01", "2020-00-10", "2021-06-31"] {
            #expect(days(s, .yearMonthDay) == nil, "\(s)")
        }
    }

    @Test func twoDigitYearsAndWrongLayoutsAreRejected() {
        for s in ["01/02/20", "1/2/20", "2020-02-01", "01-02-2020", "01/02/02020", "01/02/2020 ", " 01/02/2020", "a1/02/2020"] {
            #expect(days(s, .dayMonthYear) == nil, "\(s)")
        }
        for s in ["20-02-01", "01/02/2020", "2020/02/01", "2020-02-01T00:00", "02020-02-01"] {
            #expect(days(s, .yearMonthDay) == nil, "\(s)")
        }
    }

    @Test func singleDigitDayAndMonthAreAccepted() {
        #expect(days("1/4/2020", .dayMonthYear) == days("01/04/2020", .dayMonthYear))
        #expect(days("2020-4-1", .yearMonthDay) == 18353)   // R: as.numeric(as.Date("2020-04-01")) = 18353
    }

    @Test func formatting() {
        let d = CivilDate(daysSinceEpoch: 16860)   // 2016-02-29 (R)
        #expect(DateFormat.dayMonthYear.string(from: d) == "29/02/2016")
        #expect(DateFormat.yearMonthDay.string(from: d) == "2016-02-29")
    }
}
