/// The response of a model frame, one entry per used row.
public enum ResponseValues: Sendable, Equatable {
    case numeric([Double])
    case binomial(successes: [Double], failures: [Double])
    case survival(time: [Double], event: [Bool])
    case countingProcess(start: [Double], stop: [Double], event: [Bool])
}
