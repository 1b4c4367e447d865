/// The known name closest to `name`, for "did you mean" hints; nil when none
/// is close enough to be a likely typo.
///
/// Edit distance (Levenshtein, case-insensitive) of at most 1 for names up to
/// 4 characters, 2 up to 8, 3 beyond; ties go to the name listed first.
public func closestName<S: Sequence>(to name: String, among candidates: S) -> String? where S.Element == String {
    let target = Array(name.lowercased().utf8)
    let limit = target.count <= 4 ? 1 : (target.count <= 8 ? 2 : 3)
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

/// Levenshtein distance, or nil as soon as it must exceed `limit`.
func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
    if limit < 0 { return nil }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        current[0] = i
        var rowMin = current[0]
        for j in 1...max(b.count, 1) where !b.isEmpty {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            rowMin = min(rowMin, current[j])
        }
        if rowMin > limit { return nil }
        swap(&previous, &current)
    }
    let d = a.isEmpty ? b.count : previous[b.count]
    return d <= limit ? d : nil
}
