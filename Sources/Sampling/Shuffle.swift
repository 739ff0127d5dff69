extension RandomNumberGenerator {
    /// Shuffles `collection` in place by the Fisher–Yates algorithm in Durstenfeld's form (R. Durstenfeld 1964,
    /// "Algorithm 235: Random permutation", CACM 7(7); Knuth TAOCP vol. 2, Algorithm 3.4.2P): for i from the
    /// last position down to 1, swap position i with a position chosen uniformly from 0...i by Lemire's unbiased
    /// integer. All n! orders are equally likely (up to the generator). O(n) time, O(1) extra space.
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ collection: inout C) {
        let n = collection.count
        guard n > 1 else { return }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(boundedUInt64(UInt64(i + 1)))
            if i != j {
                collection.swapAt(
                    collection.index(collection.startIndex, offsetBy: i),
                    collection.index(collection.startIndex, offsetBy: j))
            }
        }
    }

    /// The elements of `sequence` in a uniformly random order (Fisher–Yates, see ``shuffle(_:)``). O(n).
    public mutating func shuffled<S: Sequence>(_ sequence: S) -> [S.Element] {
        var elements = Array(sequence)
        shuffle(&elements)
        return elements
    }
}
