/// The known name closest to `name`, for "did you mean" hints; nil when none
/// is close enough to be a likely typo.
///
/// Edit distance (case-insensitive, a swap of neighbours is one edit) of 0 for names of one or two
/// characters (only a difference of case), at most 1 up to 4 characters, 2 up
/// to 8, 3 beyond; ties go to the name listed first.
public func closestName<S: Sequence>(to name: String, among candidates: S) -> String? where S.Element == String {
    let target = Array(name.lowercased().utf8)
    let limit = target.count <= 2 ? 0 : (target.count <= 4 ? 1 : (target.count <= 8 ? 2 : 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let c = Array(candidate.lowercased().utf8)
        if abs(c.count - target.count) > limit { continue }
        let d = editDistance(target, c, limit: best.map { min($0.distance - 1, limit) } ?? limit)
        if let d, d <= limit, d < (best?.distance ?? Int.max) {
            best = (candidate, d)
            if d == 0 { break }
        }
    }
    return best?.name
}

/// Edit distance counting a swap of two neighbours as one edit (optimal
/// string alignment: "sgin" is one edit from "sign"), or nil as soon as it
/// must exceed `limit`.
func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
    if limit < 0 { return nil }
    if a.isEmpty || b.isEmpty {
        let d = max(a.count, b.count)
        return d <= limit ? d : nil
    }
    var twoBack = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var rowMin = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d = min(d, twoBack[j - 2] + 1)
            }
            current[j] = d
            rowMin = min(rowMin, d)
        }
        if rowMin > limit { return nil }
        (twoBack, previous, current) = (previous, current, twoBack)
    }
    let d = previous[b.count]
    return d <= limit ? d : nil
}
