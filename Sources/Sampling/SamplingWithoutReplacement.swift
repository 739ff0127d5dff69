extension RandomNumberGenerator {
    /// `count` distinct indices from 0..<`populationSize`, in random order: a uniformly random ordered sample
    /// without replacement (each of the n!/(n−k)! sequences equally likely).
    ///
    /// Algorithm: the first k steps of Fisher–Yates (Durstenfeld 1964) on the virtual array 0..<n — step i
    /// swaps position i with a uniform position in i..<n (Lemire's unbiased integer) and emits the value that
    /// lands at i. Positions that have been swapped are kept in a dictionary, so time and memory are O(k)
    /// whatever n is (sampling 5 of 10⁹ is cheap); the output depends only on the generator, not on hashing.
    /// - Throws: ``SamplingError/invalidSampleSize(requested:populationSize:)`` unless
    ///   0 ≤ count ≤ populationSize.
    public mutating func sampleIndices(count: Int, from populationSize: Int) throws(SamplingError) -> [Int] {
        guard populationSize >= 0 && count >= 0 && count <= populationSize else {
            throw SamplingError.invalidSampleSize(requested: count, populationSize: populationSize)
        }
        var displaced = [Int: Int]()
        displaced.reserveCapacity(count)
        var result = [Int]()
        result.reserveCapacity(count)
        for i in 0..<count {
            let j = i + Int(boundedUInt64(UInt64(populationSize - i)))
            let valueAtJ = displaced[j] ?? j
            let valueAtI = displaced[i] ?? i
            result.append(valueAtJ)
            displaced[j] = valueAtI
            displaced[i] = nil
        }
        return result
    }

    /// `count` elements of `population` drawn without replacement, in random order (positions chosen by
    /// ``sampleIndices(count:from:)``; equal elements at different positions are distinct draws). O(n + k)
    /// for a non-random-access collection, O(k) index work otherwise.
    /// - Throws: ``SamplingError/invalidSampleSize(requested:populationSize:)`` unless
    ///   0 ≤ count ≤ population.count.
    public mutating func sample<C: Collection>(_ population: C, count: Int) throws(SamplingError) -> [C.Element] {
        let elements = Array(population)
        let indices = try sampleIndices(count: count, from: elements.count)
        return indices.map { elements[$0] }
    }
}
