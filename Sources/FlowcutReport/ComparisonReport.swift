import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutSimulation
import FlowcutTiming

/// Savings, suggestions and the proposal block of `flowcut suggest`.
extension ProcedureReport {
    /// The `after`, `proposal`, `savings` and `suggestions` keys.
    public static func comparisonJSON(_ c: Comparison?, suggestions: [Suggestion]) -> [(String, JSON)] {
        var fields: [(String, JSON)] = []
        fields.append(("after", c.map { numbers($0.after) } ?? .null))
        fields.append(("proposal", c.map { .string($0.origin.jsonName) } ?? .null))
        // What `proposal` names: a reviewer's proposal (whatever its name) or flowcut's suggested set.
        fields.append(
            (
                "origin",
                c.map { c -> JSON in
                    switch c.origin {
                    case .proposal: .string("proposal")
                    case .suggested: .string("suggested")
                    }
                } ?? .null
            ))
        fields.append(
            (
                "savings",
                c.map { c in
                    .object([
                        ("mainLeadTimeHours", .hours(c.savedMainLeadTime)),
                        ("expectedLeadTimeHours", .hours(c.savedExpectedLeadTime)),
                        ("p90Hours", .hours(c.savedP90)),
                        ("handoffs", .int(c.savedHandoffs)),
                        ("workHours", .hours(c.savedWorkHours)),
                        (
                            "percentOfBefore",
                            .object([
                                ("mainLeadTime", .hours(share(c.savedMainLeadTime, c.before.mainLeadTime))),
                                ("expectedLeadTime", .hours(c.savedExpectedLeadTime.flatMap { share($0, c.before.simulation!.expectedLeadTime) })),
                                ("p90", .hours(c.savedP90.flatMap { share($0, c.before.simulation!.percentile(0.9)) })),
                                ("handoffs", .hours(share(Double(c.savedHandoffs), Double(c.before.handoffs)))),
                                ("workHours", .hours(share(c.savedWorkHours, c.before.workHours))),
                            ])
                        ),
                        (
                            "perYear",
                            .object([
                                ("dossiers", .int(Int(c.volume))),
                                ("citizenDays", .hours(c.citizenDaysPerYear)),
                                ("staffHours", .hours(c.staffHoursPerYear)),
                            ])
                        ),
                        ("changes", .array(c.changes.map { .string(WorkflowPrinter.statement($0.action, workdayHours: c.before.workflow.workdayHours)) })),
                    ])
                } ?? .null
            ))
        fields.append(
            (
                "suggestions",
                .array(
                    suggestions.map {
                        .object([
                            ("rule", .string($0.rule.name)), ("change", .string($0.statement)), ("reason", .string($0.reason)),
                            ("savingHours", .hours($0.savingHours)), ("savingPerYearHours", .hours($0.savingPerYearHours)),
                            ("targetOnly", .bool($0.isTargetOnly)),
                        ])
                    })
            ))
        return fields
    }

    /// Whether `change` is already done, or no longer possible, after
    /// `applied`: the same statement; an `online` or `cut` of steps an applied
    /// one already names; or any change of a step that was cut or merged away.
    static func covered(_ change: ChangeAction, by applied: [ChangeAction]) -> Bool {
        var removed = Set<String>()
        for a in applied {
            switch a {
            case .cut(let id): removed.insert(id)
            case .merge(_, let b, _, _): removed.insert(b)
            default: break
            }
        }
        if !removed.isDisjoint(with: change.stepIDs) { return true }
        return applied.contains { a in
            if a == change { return true }
            switch (change, a) {
            case (.online(let ids, nil), .online(let done, _)): return Set(ids).isSubset(of: done)
            case (.cut(let id), .cut(let done)): return id == done
            default: return false
            }
        }
    }

    /// part ÷ whole (percent of before as 0…1), nil for a whole of 0.
    static func share(_ part: Double, _ whole: Double) -> Double? { whole == 0 ? nil : part / whole }

    /// Before, after and saved, side by side, for the text report.
    public static func comparisonText(_ c: Comparison, suggestions: [Suggestion], words x: Words = .english) -> String {
        let w = c.before.workflow
        let table = BeforeAfter(c, words: x, suggestions: suggestions)
        var rows: [[String]] = [["", x.before, x.after, x.saved]]
        for r in table.rows { rows.append([r.name, r.before, r.after, r.saved + (r.share.map { " (\($0))" } ?? "")]) }
        let widths = (0..<4).map { col in rows.map { $0[col].count }.max() ?? 0 }
        var out = "  \(x.beforeAfter): " + c.origin.phrase(x, quotes: ("\"", "\"")) + "\n"
        for r in rows {
            var line = "    " + r[0] + String(repeating: " ", count: widths[0] - r[0].count)
            for col in 1..<4 { line += "  " + String(repeating: " ", count: widths[col] - r[col].count) + r[col] }
            out += line + "\n"
        }
        if let y = table.perYear {
            out +=
                "    \(x.perYear) (\(x.dossiers(y.dossiers, in: y.year))): \(y.citizenDays) \(x.citizenDays), \(y.staffHours) \(x.staffHours) \(x.savedWord)\n"
        }
        out += "    \(x.changes):\n" + table.changes.map { "      \($0.statement)" + ($0.reason.map { " — \($0)" } ?? "") + "\n" }.joined()
        let remaining = ShownSuggestions.list(suggestions, comparison: nil, workdayHours: w.workdayHours).map(\.suggestion).filter {
            !covered($0.change, by: c.changes.map(\.action))
        }
        if !remaining.isEmpty {
            out += "  \(x.otherSuggestions)\n"
            for s in remaining.prefix(8).map({ SuggestionRow($0, in: w, words: x) }) {
                out += "    \(s.statement)  [\(s.rule)\(s.isTargetOnly ? ", \(x.targetWord)" : "")] \(s.perDossier), "
                out += "\(s.perYearShort) \(x.daysUnit)/\(x.year): \(s.reason)\n"
            }
            if remaining.count > 8 { out += "    … (+\(remaining.count - 8): --format json)\n" }
        }
        return out
    }

    /// `flowcut suggest`: a proposal block to paste into the file. The
    /// conflict-free set is written as statements; the other suggestions and
    /// the targets as comments. The statements are the language's; the
    /// reasons and comments the report's language (a Vietnamese file's
    /// reasons read as the reviewers write theirs).
    public static func proposalBlock(_ w: Workflow, path: String, suggestions: [Suggestion], chosen: [Change], words x: Words = .english) -> String {
        let t = WorkingTime(workdayHours: w.workdayHours, words: x)
        let vi = x.language == .vi
        let volume = w.latestDossiers.map { x.dossiers($0.total, in: $0.year) } ?? (vi ? "chưa có số hồ sơ" : "no dossier counts")
        var out =
            vi
            ? "# flowcut suggest \(path): xếp theo số ngày tiết kiệm mỗi năm (\(volume))\n"
            : "# flowcut suggest \(path): ranked by saving per year (\(volume))\n"
        out += vi ? "proposal \"Đề xuất của flowcut\"\n" : "proposal \"Suggested by flowcut\"\n"
        let chosenActions = Set(chosen.map(\.action))
        let width = suggestions.map(\.statement.count).max() ?? 0
        func line(_ s: Suggestion, commented: Bool) -> String {
            let reason = vi ? x.reason(s.because, in: w) : s.reason
            let statement = s.statement + String(repeating: " ", count: width - s.statement.count) + "  " + Formatter.quoted(reason)
            let perYear = x.number(s.savingPerYearHours / w.workdayHours, decimals: 1)
            let note =
                vi
                ? "\(x.ruleName(s.ruleDescription)): tiết kiệm \(t.short(s.savingHours)) mỗi hồ sơ, \(perYear) ngày chờ của người dân mỗi năm"
                : "\(s.rule): saves \(t.short(s.savingHours)) a dossier, \(perYear) citizen-days a year"
            return commented ? "  # \(statement)  (\(note))\n" : "  \(statement)  # \(note)\n"
        }
        for s in suggestions where chosenActions.contains(s.change) { out += line(s, commented: false) }
        let others = suggestions.filter { !chosenActions.contains($0.change) }
        if !others.isEmpty {
            out +=
                vi
                ? "  # Không có trong phương án trên (cùng tác động đến các bước đã thay đổi, hoặc chỉ là mục tiêu):\n"
                : "  # Not in the set above (they touch the same steps, or are targets only):\n"
            for s in others { out += line(s, commented: true) }
        }
        return out
    }
}
