import FlowcutCore

/// Writes a workflow as a `.flow` file in the canonical layout: what
/// `flowcut apply` prints, and what the checker reads back to validate an
/// applied proposal. Reading the text back gives the same model.
public enum WorkflowPrinter {
    /// - Parameter layout: align columns as `fmt` does (for people).
    public static func text(_ w: Workflow, comment: String? = nil, layout: Bool = true) -> String {
        var lines: [String] = []
        if let comment {
            for line in comment.split(separator: "\n", omittingEmptySubsequences: false) { lines.append("# " + line) }
        }
        lines.append("procedure " + Formatter.quoted(w.name))
        if let code = w.code { lines.append("  code " + Formatter.quoted(code)) }
        if let agency = w.agency { lines.append("  agency " + Formatter.quoted(agency)) }
        if let field = w.field { lines.append("  field " + Formatter.quoted(field)) }
        if let deadline = w.deadline { lines.append("  deadline " + duration(deadline, w.workdayHours)) }
        if let target = w.target { lines.append("  target " + duration(target, w.workdayHours)) }
        if w.service != .none { lines.append("  service " + w.service.rawValue) }
        if w.workdayHours != 8 { lines.append("  workday " + hours(w.workdayHours)) }
        for d in w.dossiers { lines.append("  dossiers \(d.year) online \(d.online) paper \(d.paper)") }
        if !w.actors.isEmpty { lines.append("") }
        for a in w.actors {
            lines.append("actor \(a.id) \(Formatter.quoted(a.label))" + (a.isExternal ? " external" : ""))
        }
        lines.append("")
        for s in w.steps {
            var line = "step \(s.id) \(Formatter.quoted(s.label))"
            if let actor = s.actor { line += " by \(actor)" }
            if !s.duration.isZero { line += " " + estimate(s.duration, w.workdayHours) }
            if s.kind != .work { line += " " + s.kind.rawValue }
            if let c = s.channel { line += " " + c.rawValue }
            if s.isFixed { line += " fixed" }
            if s.endsCase { line += " ends" }
            if !s.wait.isZero { line += " wait " + estimate(s.wait, w.workdayHours) }
            if let note = s.note { line += " note " + Formatter.quoted(note) }
            lines.append(line)
        }
        // Flows are always written out; `start` unless the process starts at
        // its first step. (A model of several steps and no arrow cannot come
        // from a file: it would print, and read back, as a sequence.)
        if w.starts != [0] || w.steps.isEmpty {
            lines.append("")
            lines.append("start " + w.starts.map { w.steps[$0].id }.joined(separator: " "))
        }
        if !w.arrows.isEmpty { lines.append("") }
        let written = writtenPercents(w)
        // Consecutive arrows that continue one another make one chain.
        var chain = ""
        var chainEnd = -1
        for (i, a) in w.arrows.enumerated() {
            if a.from != chainEnd {
                if !chain.isEmpty { lines.append(chain) }
                chain = w.steps[a.from].id
            }
            chain += " -> " + w.steps[a.to].id
            if let p = written[i] { chain += " " + p }
            if let label = a.label { chain += " " + Formatter.quoted(label) }
            chainEnd = a.to
        }
        if !chain.isEmpty { lines.append(chain) }
        let plain = lines.joined(separator: "\n") + "\n"
        return layout ? Formatter.format(Parser.parse(SourceFile(path: "", text: plain))) : plain
    }

    /// Each decision's shares as printed; when they do not add up to
    /// exactly 100% once read back, its last arrow takes the rest (no text).
    static func writtenPercents(_ w: Workflow) -> [String?] {
        writtenPercents(stepCount: w.steps.count, arrows: w.arrows, graph: w.graph)
    }

    static func writtenPercents(stepCount: Int, arrows: [Arrow], graph: FlowGraph) -> [String?] {
        var written = [String?](repeating: nil, count: arrows.count)
        for s in 0..<stepCount where graph.outgoing(s).contains(where: { arrows[$0].writtenProbability != nil }) {
            let out = Array(graph.outgoing(s))
            let texts = out.map { percent(arrows[$0].probability) }
            let sum = texts.reduce(0.0) { $0 + Double($1.dropLast())! / 100 }
            for (k, a) in out.enumerated() where abs(sum - 1) <= 1e-12 || out.count == 1 || k < out.count - 1 {
                written[a] = texts[k]
            }
        }
        return written
    }

    /// Hours with the digits Swift prints for a Double, in plain decimal
    /// notation (the language has no exponent): reads back to the same value.
    static func hours(_ h: Double) -> String {
        plainDecimal(h) + "h"
    }

    /// Whole working days as `d`, whole hours as `h`, minutes as `m`, then
    /// days with up to two decimals; each only when it reads back exactly.
    static func duration(_ h: Double, _ workday: Double) -> String {
        let days = h / workday
        if days == days.rounded(), days * workday == h { return plainDecimal(days) + "d" }
        if h == h.rounded() { return plainDecimal(h) + "h" }
        let minutes = h * 60
        // Read back as the resolver does: minutes × (1/60).
        if minutes == minutes.rounded(), minutes * TimeUnit.minutes.hours(workdayHours: workday) == h { return plainDecimal(minutes) + "m" }
        for decimals in [1, 2] {
            let text = formatNumber(days, decimals: decimals)
            if !text.contains("e"), let back = Double(text), back * workday == h { return text + "d" }
        }
        return hours(h)
    }

    static func estimate(_ e: TimeEstimate, _ workday: Double) -> String {
        switch e {
        case .single(let v): duration(v, workday)
        case .range(let lo, let hi): duration(lo, workday) + ".." + duration(hi, workday)
        case .threePoint(let lo, let likely, let hi):
            duration(lo, workday) + ".." + duration(likely, workday) + ".." + duration(hi, workday)
        }
    }

    static func percent(_ p: Double) -> String {
        plainDecimal(p * 100, decimals: 6) + "%"
    }
}

extension WorkflowPrinter {
    /// A change as a proposal statement: `cut route`, `shorten x wait 2h`,
    /// `chance a -> b 7.5%`.
    public static func statement(_ action: ChangeAction, workdayHours: Double) -> String {
        let d = { (e: TimeEstimate) in estimate(e, workdayHours) }
        switch action {
        case .cut(let s): return "cut \(s)"
        case .shorten(let s, let to): return "shorten \(s) \(d(to))"
        case .shortenWait(let s, let to): return "shorten \(s) wait \(d(to))"
        case .shortenBy(let s, let p): return "shorten \(s) by \(plainDecimal(p, decimals: 2))%"
        case .merge(let a, let b, let actor, let duration):
            return "merge \(a) \(b)" + (actor.map { " by \($0)" } ?? "") + (duration.map { " " + d($0) } ?? "")
        case .parallel(let a, let b): return "parallel \(a) \(b)"
        case .online(let ids, let duration): return "online " + ids.joined(separator: " ") + (duration.map { " " + d($0) } ?? "")
        case .chance(let a, let b, let p): return "chance \(a) -> \(b) \(plainDecimal(p, decimals: 4))%"
        }
    }
}
