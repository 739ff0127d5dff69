/// Looks up a child's SSDA903 header row by LA and CHILD; when the header has no LA at all (a single-LA file),
/// by CHILD alone. A header that names LAs is never searched by CHILD alone: a row with a blank LA would
/// otherwise lend its date of birth to every LA's child with that CHILD id (validation excludes such rows).
struct HeaderIndex: Sendable {
    private var byKey: [ChildKey: SSDA903Child] = [:]
    private var hasLA = false

    init(_ children: [SSDA903Child]) {
        hasLA = children.contains { !$0.la.isEmpty }
        for c in children {
            guard let id = c.child else { continue }
            byKey[ChildKey(la: c.la, child: id)] = c
        }
    }

    func child(_ key: ChildKey) -> SSDA903Child? {
        if let c = byKey[key] { return c }
        return hasLA ? nil : byKey[ChildKey(la: "", child: key.child)]
    }

    var isEmpty: Bool { byKey.isEmpty }
}
