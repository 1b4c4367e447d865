extension Workflow {
    /// A complete, deterministic text of the resolved model, without source
    /// positions: two files that mean the same process dump the same.
    /// Times are in working hours, probabilities in percent.
    public func dump() -> String {
        var out: [String] = []
        let q = Escape.flowString
        func percent(_ p: Double) -> String { formatNumber(p * 100) + "%" }
        var head = "procedure \(q(name))"
        if let code { head += " code=\(q(code))" }
        if let agency { head += " agency=\(q(agency))" }
        if let field { head += " field=\(q(field))" }
        if let deadline { head += " deadline=\(formatNumber(deadline))h" }
        if let target { head += " target=\(formatNumber(target))h" }
        head += " service=\(service.rawValue) workday=\(formatNumber(workdayHours))h"
        out.append(head)
        for d in dossiers { out.append("dossiers \(d.year) online=\(d.online) paper=\(d.paper)") }
        for a in actors { out.append("actor \(a.id) \(q(a.label))\(a.isExternal ? " external" : "")") }
        for s in steps {
            var line = "step \(s.id) \(q(s.label)) by=\(s.actor ?? "-") kind=\(s.kind.rawValue) time=\(s.duration)"
            if !s.wait.isZero { line += " wait=\(s.wait)" }
            if let c = s.channel { line += " channel=\(c.rawValue)" }
            if s.isFixed { line += " fixed" }
            if s.endsCase { line += " ends" }
            if let n = s.note { line += " note=\(q(n))" }
            out.append(line)
        }
        for a in arrows {
            var line = "arrow \(steps[a.from].id) -> \(steps[a.to].id) p=\(percent(a.probability))"
            if let w = a.writtenProbability { line += " written=\(percent(w))" }
            if let l = a.label { line += " label=\(q(l))" }
            out.append(line)
        }
        out.append("start " + starts.map { steps[$0].id }.joined(separator: " "))
        for p in proposals {
            out.append("proposal \(q(p.name))")
            for c in p.changes {
                var line = "  "
                switch c.action {
                case .cut(let s): line += "cut \(s)"
                case .shorten(let s, let t): line += "shorten \(s) to=\(t)"
                case .shortenWait(let s, let t): line += "shorten \(s) wait=\(t)"
                case .shortenBy(let s, let pct): line += "shorten \(s) by=\(formatNumber(pct))%"
                case .merge(let a, let b, let actor, let t):
                    line += "merge \(a) \(b)"
                    if let actor { line += " by=\(actor)" }
                    if let t { line += " time=\(t)" }
                case .parallel(let a, let b): line += "parallel \(a) \(b)"
                case .online(let ids, let t):
                    line += "online \(ids.joined(separator: " "))"
                    if let t { line += " time=\(t)" }
                case .chance(let a, let b, let pct): line += "chance \(a) -> \(b) \(formatNumber(pct))%"
                }
                if let r = c.reason { line += " reason=\(q(r))" }
                out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
