// Speed driver (see run.sh): automatic ETS on every series of a long CSV (series,frequency,start,index,value).
import Foundation
let path = CommandLine.arguments[1]
let text = try! String(contentsOfFile: path, encoding: .utf8)
var bySeries: [String: [Double]] = [:]
var order: [String] = []
for line in text.split(separator: "\n").dropFirst() {
    let f = line.split(separator: ",")
    let name = String(f[0])
    if bySeries[name] == nil { order.append(name); bySeries[name] = [] }
    bySeries[name]!.append(Double(f[4])!)
}
let series = order.map { TimeSeries(name: $0, values: bySeries[$0]!, start: 2010) }
for search in [ETSSearch.r, .thorough] {
var best = Double.infinity
var total = 0.0
for _ in 0..<5 {
    var ts0 = timespec(); clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts0)
    total = 0
    for s in series { if let f = try? ETSSpec(search: search).fitETS(s) { total += f.aicc } }
    var ts1 = timespec(); clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts1)
    let dt = Double(ts1.tv_sec - ts0.tv_sec) + Double(ts1.tv_nsec - ts0.tv_nsec) / 1e9
    best = min(best, dt)
}
print("search \(search) series \(series.count) best of 5 (CPU time): \(best) s; sum aicc \(total)")
}
