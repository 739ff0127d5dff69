import Tabular

extension CINEpisode {
    var recordText: String {
        func d(_ f: DateField) -> String {
            switch f { case .missing: ""; case .valid(let x): x.isoString; case .invalid(let t): t }
        }
        return "LA=\(la); LAchildID=\(child ?? ""); CINreferralDate=\(d(referralDate)); "
            + "ReferralSource=\(referralSourceCode ?? ""); PrimaryNeedCode=\(primaryNeedCodeText ?? ""); "
            + "ReferralNFA=\(referralNFA.map { $0 ? "true" : "false" } ?? ""); "
            + "CPPstartDate=\(d(cppStartDate)); CPPendDate=\(d(cppEndDate)); CINclosureDate=\(d(closureDate)); "
            + "ReasonForClosure=\(reasonForClosureCode ?? ""); CensusYear=\(censusYear.map(String.init) ?? "")"
    }
}

extension Validation {
    /// Validates CIN census episodes and builds the cleaned episodes.
    ///
    /// Census years first. A file whose name holds one year (`cin_census_2017.csv`) that most of its records
    /// carry as CensusYear is that year's return: its records with another CensusYear are `year-mismatch`, and
    /// the file's year is used for them (else one record of 2030 would end the data in 2030 and flag every
    /// open episode of its LA as having left the census). The data's end is `dataEnd`, or else inferred from
    /// the census years (``DataEnd/inferred(returnYears:startDates:)``, which sets stray years aside); a
    /// CensusYear after it is `after-data-end` and excludes the record.
    ///
    /// Per record: LAchildID present; LA present when other records name theirs (`missing-la`);
    /// CINreferralDate present and a date; every date readable, not before 1900 (`impossible-date`) and not
    /// after 31 March of the record's census year or the data's end (`after-data-end`); CINclosureDate not
    /// before CINreferralDate, CPPendDate not before CPPstartDate, CINPlanEndDate not before CINPlanStartDate;
    /// codes in their lists; ReferralNFA given. Unreadable or out-of-range referral, closure and CPP dates
    /// exclude the record; unreadable or out-of-range other dates (assessment, plan, s47, birth) are blanked
    /// and reported. The same episode (LA + LAchildID + CINreferralDate) in several census years is resolved to
    /// the most recent census year's record (`repeated-across-returns`, the expected shape of the census, for
    /// the others); twice in one census year is `duplicate-record` (last row kept). After resolution: a
    /// ReasonForClosure without CINclosureDate, or an episode whose latest record is from a census year before
    /// the LA's latest and that has no closure date (it left the census unclosed), is `missing-closure-date`;
    /// an episode referred before the child's previous episode closed (or while it is unclosed) is
    /// `overlapping-episodes` (seed 002 reports 8.6 %).
    /// Complexity: O(n log n). The records are checked file by file (``CINValidator``, which
    /// ``CareDataInputs/validate()`` feeds one census file at a time), with the data's end and whether any record
    /// names its LA worked out first from all of them.
    public static func cin(_ input: [CINEpisode], dataEnd given: DataEnd? = nil) -> Validation {
        // The records of each file, files in the order of their first record.
        var order: [String] = []
        var byFile: [String: [CINEpisode]] = [:]
        for e in input {
            if byFile[e.file] == nil { order.append(e.file) }
            byFile[e.file, default: []].append(e)
        }
        // The data's end and the LA fact, from all records (a first pass over what is in memory).
        var facts = CINValidator(dataEnd: given, hasLA: nil, keeping: .none)
        var end = given
        if given == nil {
            for f in order { facts.addFacts(byFile[f] ?? []) }
            end = facts.inferredEnd
        }
        var v = CINValidator(dataEnd: end, hasLA: input.contains { !$0.la.isEmpty }, keeping: .episodes)
        for f in order { v.add(byFile[f] ?? []) }
        switch v.finish() {
        case .done(let validation): return validation
        case .rerun: preconditionFailure("a validator given the data's end and the LA fact needs no second pass")
        }
    }

    /// The year in a file's name when the name (without directories) holds exactly one run of four digits
    /// from 1990 to 2099 (`cin_census_2017.csv` → 2017; `cin_2016_2017.csv` → nil).
    static func yearInFileName(_ path: String) -> Int? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var runs: [Int] = [], value = 0, width = 0
        for c in name.utf8 + [0] {
            if c >= 0x30 && c <= 0x39 { value = value * 10 + Int(c - 0x30); width += 1; continue }
            if width == 4 && (1990...2099).contains(value) { runs.append(value) }
            value = 0; width = 0
        }
        return runs.count == 1 ? runs[0] : nil
    }
}
