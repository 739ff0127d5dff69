/// Looks up a child's SSDA903 header row by LA and CHILD; when the header has no LA column, by CHILD alone.
struct HeaderIndex: Sendable {
    private var byKey: [ChildKey: SSDA903Child] = [:]

    init(_ children: [SSDA903Child]) {
        for c in children {
            guard let id = c.child else { continue }
            byKey[ChildKey(la: c.la, child: id)] = c
        }
    }

    func child(_ key: ChildKey) -> SSDA903Child? {
        byKey[key] ?? byKey[ChildKey(la: "", child: key.child)]
    }

    var isEmpty: Bool { byKey.isEmpty }
}
