/// The known name closest to `name`, for "did you mean" hints; nil when none
/// is close enough to be a likely typo.
///
/// Edit distance (case-insensitive, a swap of neighbours is one edit) of 0 for names of one or two
/// characters (only a difference of case), at most 1 up to 4 characters, 2 up
/// to 8, 3 beyond; ties go to the name listed first.
public func closestName<S: Sequence>(to name: String, among candidates: S) -> String? where S.Element == String {
    var unlimited = Int.max
    return closestName(to: name, among: candidates, budget: &unlimited)
}

/// As above, comparing at most `budget` candidates (and taking them off the
/// budget), so that a file with many unknown names among many steps cannot
/// make the search quadratic: once the budget is spent there is no hint.
public func closestName<S: Sequence>(to name: String, among candidates: S, budget: inout Int) -> String?
where S.Element == String {
    let target = name.utf8.map(asciiLowercase)
    let limit = target.count <= 2 ? 0 : (target.count <= 4 ? 1 : (target.count <= 8 ? 2 : 3))
    var rows = DistanceRows(width: target.count + limit + 1)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        guard budget > 0 else { return nil }
        budget -= 1
        let length = candidate.utf8.count
        if abs(length - target.count) > limit { continue }
        let bound = best.map { min($0.distance - 1, limit) } ?? limit
        var copy = candidate
        let d = copy.withUTF8 { editDistance(target, $0, limit: bound, rows: &rows) }
        if let d, d < (best?.distance ?? Int.max) {
            best = (candidate, d)
            if d == 0 { break }
        }
    }
    return best?.name
}

@inline(__always) private func asciiLowercase(_ b: UInt8) -> UInt8 {
    b >= 0x41 && b <= 0x5A ? b | 0x20 : b
}

/// Three rows of the distance table, allocated once per search.
struct DistanceRows {
    var twoBack: [Int], previous: [Int], current: [Int]

    init(width: Int) {
        twoBack = Array(repeating: 0, count: width + 1)
        previous = twoBack
        current = twoBack
    }
}

/// Edit distance counting a swap of two neighbours as one edit (optimal
/// string alignment: "sgin" is one edit from "sign"), ASCII case ignored, or
/// nil as soon as it must exceed `limit`.
func editDistance(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>, limit: Int, rows: inout DistanceRows) -> Int? {
    if limit < 0 { return nil }
    if a.isEmpty || b.isEmpty {
        let d = max(a.count, b.count)
        return d <= limit ? d : nil
    }
    if rows.previous.count < b.count + 1 { rows = DistanceRows(width: b.count) }
    for j in 0...b.count { rows.previous[j] = j }
    for i in 1...a.count {
        rows.current[0] = i
        var rowMin = i
        for j in 1...b.count {
            let bj = asciiLowercase(b[j - 1])
            let cost = a[i - 1] == bj ? 0 : 1
            var d = min(rows.previous[j] + 1, rows.current[j - 1] + 1, rows.previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == asciiLowercase(b[j - 2]), a[i - 2] == bj {
                d = min(d, rows.twoBack[j - 2] + 1)
            }
            rows.current[j] = d
            rowMin = min(rowMin, d)
        }
        if rowMin > limit { return nil }
        swap(&rows.twoBack, &rows.previous)
        swap(&rows.previous, &rows.current)
    }
    let d = rows.previous[b.count]
    return d <= limit ? d : nil
}
