/// Display labels and colours for the states of an alphabet (TraMineR `seqdef`'s `labels` and `cpal`).
public struct StatePalette: Sendable, Equatable {
    /// Label per state code.
    public let labels: [String]
    /// SVG colour (`#rrggbb`) per state code.
    public let colours: [String]

    public init(labels: [String], colours: [String]) throws(SequenceError) {
        guard labels.count == colours.count else { throw .shapeMismatch("\(labels.count) labels for \(colours.count) colours") }
        for c in colours where !StatePalette.isColour(c) { throw .shapeMismatch("colour '\(c)' is not #rrggbb") }
        self.labels = labels
        self.colours = colours
    }

    /// `#rrggbb` with hexadecimal digits.
    public static func isColour(_ s: String) -> Bool {
        s.count == 7 && s.first == "#" && s.dropFirst().allSatisfy(\.isHexDigit)
    }

    /// The care states of CareData's `sequences` derivation, with plain-English labels and colours chosen to be told
    /// apart by readers with the common colour-vision deficiencies (Okabe–Ito hues for the care placements, greys
    /// for the states outside care, so that time in care stands out in every plot):
    /// home grey #D9D9D9, cin pale blue #C6DBEF, cpp sky blue #56B4E9, foster orange #E69F00, residential
    /// vermillion #D55E00, other_placement reddish purple #CC79A7, adopted_sgo bluish green #009E73, left_care
    /// dark grey #7F7F7F; not_in_care (of the placement × legal status scheme) grey #D9D9D9.
    public static let careStates: [String: (label: String, colour: String)] = [
        "home": ("At home (no involvement)", "#D9D9D9"),
        "cin": ("Child in need", "#C6DBEF"),
        "cpp": ("Child protection plan", "#56B4E9"),
        "foster": ("In care: foster", "#E69F00"),
        "residential": ("In care: residential", "#D55E00"),
        "other_placement": ("In care: other placement", "#CC79A7"),
        "adopted_sgo": ("Adopted / SGO / CAO", "#009E73"),
        "left_care": ("Left care", "#7F7F7F"),
        "not_in_care": ("Not in care", "#D9D9D9"),
    ]

    /// The general-purpose colours for states with no documented colour, in order (Okabe–Ito, then greys).
    public static let fallback = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                                  "#999999", "#666666", "#BBBBBB", "#333333"]

    /// The default palette for an alphabet: a care state takes its documented label and colour; other states keep
    /// their code as label and take the fallback colours in order (cycling after twelve).
    public static func defaultPalette(for alphabet: Alphabet) -> StatePalette {
        var next = 0
        var labels: [String] = [], colours: [String] = []
        for l in alphabet.labels {
            if let c = careStates[l] { labels.append(c.label); colours.append(c.colour) } else {
                labels.append(l); colours.append(fallback[next % fallback.count]); next += 1
            }
        }
        return StatePalette(uncheckedLabels: labels, colours: colours)
    }

    private init(uncheckedLabels: [String], colours: [String]) { self.labels = uncheckedLabels; self.colours = colours }
}

extension StateSequences {
    /// Builds sequences from wide data: one row per id, one column per position (`rows[i][p]` is the state at
    /// position p, time `origin + p`). An empty cell is missing; empty cells after the last observed state are void
    /// (the sequence is shorter), as TraMineR's `seqdef(right = "DEL")`. Same alphabet rules as ``fromLong``.
    public static func fromWide(ids: [String], rows: [[String]], origin: Int = 1, alphabet: Alphabet? = nil,
                                weights: [String: Double]? = nil) throws(SequenceError) -> StateSequences {
        guard ids.count == rows.count else { throw .shapeMismatch("\(ids.count) ids for \(rows.count) rows") }
        var li: [String] = [], lt: [Int] = [], ls: [String] = []
        for (id, row) in zip(ids, rows) {
            guard row.contains(where: { !$0.isEmpty }) else { throw .emptySequence(id: id) }
            for (p, s) in row.enumerated() { li.append(id); lt.append(origin + p); ls.append(s) }
        }
        let seq = try fromLong(ids: li, times: lt, states: ls, alphabet: alphabet, weights: weights)
        // fromLong puts position 0 at the smallest time in the data, which is `origin` as long as a column exists.
        return seq
    }
}
