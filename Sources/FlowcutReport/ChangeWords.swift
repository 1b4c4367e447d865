import FlowcutAnalysis
import FlowcutCore

/// Changes, the reasons for them and the rules' names said in words in the
/// report's language, the steps and actors named as the file names them.
/// The statements themselves (`shorten review by 50%`) stay the language of
/// `.flow` files, of `flowcut suggest` and of the JSON report.
extension Words {
    /// A step as the reader knows it: its name in quotes; its ID when it has
    /// no name of its own (or the process has no such step).
    public func step(_ id: String, in w: Workflow) -> String {
        let name = w.stepName(id)
        return name == id ? id : "“\(name)”"
    }

    /// An actor by its name; its ID when it has none.
    public func actor(_ id: String, in w: Workflow) -> String { w.actorName(id) }

    /// A rule's name in this language.
    public func ruleName(_ d: RuleDescription) -> String { language == .vi ? d.nameVietnamese : d.name }

    private func estimate(_ e: TimeEstimate, _ t: WorkingTime) -> String {
        switch e {
        case .single(let v): t.short(v)
        case .range(let lo, let hi): "\(t.short(lo)) – \(t.short(hi))"
        case .threePoint(let lo, let likely, let hi):
            "\(t.short(lo)) – \(t.short(hi)) (\(language == .vi ? "thường là" : "most likely") \(t.short(likely)))"
        }
    }

    private func share(_ percent: Double) -> String { number(percent, decimals: 2) + "%" }

    /// "A, B and C" / "A, B và C".
    private func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (language == .vi ? " và " : " and ") + items[items.count - 1]
    }

    /// One change in words: "Shorten “Thẩm định” by 47.57%", "Rút ngắn bước
    /// “Thẩm định” 47,57%".
    public func change(_ a: ChangeAction, in w: Workflow) -> String {
        let t = WorkingTime(workdayHours: w.workdayHours, words: self)
        let s = { self.step($0, in: w) }
        let vi = language == .vi
        switch a {
        case .cut(let id):
            return vi ? "Bỏ bước \(s(id))" : "Remove \(s(id))"
        case .shorten(let id, let to):
            return vi ? "Rút ngắn bước \(s(id)) còn \(estimate(to, t))" : "Shorten \(s(id)) to \(estimate(to, t))"
        case .shortenWait(let id, let to):
            return vi
                ? "Rút ngắn thời gian chờ trước bước \(s(id)) còn \(estimate(to, t))"
                : "Shorten the wait before \(s(id)) to \(estimate(to, t))"
        case .shortenBy(let id, let percent):
            return vi ? "Rút ngắn bước \(s(id)) \(share(percent))" : "Shorten \(s(id)) by \(share(percent))"
        case .merge(let x, let y, let by, let duration):
            var out = vi ? "Gộp bước \(s(x)) và bước \(s(y)) thành một bước" : "Merge \(s(x)) and \(s(y)) into one step"
            if let by { out += vi ? " do \(actor(by, in: w)) thực hiện" : " done by \(actor(by, in: w))" }
            if let duration { out += vi ? ", trong \(estimate(duration, t))" : ", taking \(estimate(duration, t))" }
            return out
        case .parallel(let x, let y):
            return vi ? "Thực hiện đồng thời bước \(s(x)) và bước \(s(y))" : "Do \(s(x)) and \(s(y)) at the same time"
        case .online(let ids, let duration):
            var out =
                vi
                ? "Chuyển \(ids.count == 1 ? "bước" : "các bước") \(list(ids.map(s))) sang thực hiện trực tuyến"
                : "Move \(list(ids.map(s))) online"
            if let duration { out += vi ? ", trong \(estimate(duration, t))" : ", taking \(estimate(duration, t))" }
            return out
        case .chance(let from, let to, let percent):
            return vi
                ? "Điều chỉnh tỷ lệ hồ sơ từ bước \(s(from)) chuyển sang bước \(s(to)) thành \(share(percent))"
                : "Send \(share(percent)) of the dossiers from \(s(from)) to \(s(to))"
        }
    }

    /// What a change does to one of its steps, said on that step in a
    /// diagram: "shortened by 47.57%", "gộp với bước “Ký”".
    public func changeNote(_ a: ChangeAction, at id: String, in w: Workflow) -> String {
        let t = WorkingTime(workdayHours: w.workdayHours, words: self)
        let s = { self.step($0, in: w) }
        let vi = language == .vi
        switch a {
        case .cut: return self[.diagramRemoved]
        case .shorten(_, let to): return vi ? "rút ngắn còn \(estimate(to, t))" : "shortened to \(estimate(to, t))"
        case .shortenWait(_, let to): return vi ? "thời gian chờ rút ngắn còn \(estimate(to, t))" : "wait shortened to \(estimate(to, t))"
        case .shortenBy(_, let percent): return vi ? "rút ngắn \(share(percent))" : "shortened by \(share(percent))"
        case .merge(let x, let y, _, _):
            let other = id == x ? y : x
            return vi ? "gộp với bước \(s(other))" : "merged with \(s(other))"
        case .parallel(let x, let y):
            let other = id == x ? y : x
            return vi ? "thực hiện đồng thời với bước \(s(other))" : "at the same time as \(s(other))"
        case .online: return vi ? "chuyển sang trực tuyến" : "moved online"
        case .chance(let from, let to, let percent):
            return id == from
                ? (vi ? "\(share(percent)) hồ sơ chuyển sang bước \(s(to))" : "\(share(percent)) of dossiers on to \(s(to))")
                : (vi ? "\(share(percent)) hồ sơ từ bước \(s(from))" : "\(share(percent)) of dossiers from \(s(from))")
        }
    }

    /// Why a suggestion proposes its change, as one sentence.
    public func reason(_ r: SuggestionReason, in w: Workflow) -> String {
        let s = { self.step($0, in: w) }
        let a = { self.actor($0, in: w) }
        let vi = language == .vi
        switch r {
        case .softwareRoutes:
            return vi
                ? "Hồ sơ được chuyển trên phần mềm một cửa điện tử, không cần bước chuyển hồ sơ giấy."
                : "The one-stop software routes the dossier; no one needs to carry it."
        case .onlineOnly:
            return vi
                ? "Hồ sơ dịch vụ công trực tuyến mức độ 3, 4 chỉ được tiếp nhận, giải quyết trực tuyến."
                : "Level 3 and 4 dossiers are received and handled online only."
        case .delegatedSigning(let x, let y):
            return vi ? "\(a(x)) ký thay \(a(y)) (ủy quyền ký)." : "\(a(x)) signs on behalf of \(a(y)) (delegated signing)."
        case .consultTogether(let x, let y):
            return vi
                ? "Lấy ý kiến tại bước \(s(x)) và bước \(s(y)) cùng một lúc."
                : "Ask for \(s(x)) and \(s(y)) at the same time."
        case .handsToItself(let x):
            return vi ? "\(a(x)) tự chuyển hồ sơ cho chính mình." : "\(a(x)) hands the dossier to itself."
        case .halvedWait(let id):
            return vi
                ? "Áp dụng tiêu chuẩn phục vụ, giảm một nửa thời gian chờ trước bước \(s(id))."
                : "A service standard halves the wait before \(s(id))."
        case .fewerRequests:
            return vi
                ? "Hướng dẫn một lần, đầy đủ và kiểm tra ngay trên biểu mẫu trực tuyến giảm một nửa số lần yêu cầu bổ sung hồ sơ."
                : "One-time guidance and checks in the online form halve the requests for more documents."
        case .benchmark(let kind, let percent):
            return vi
                ? "Phương án của tỉnh Bình Định cắt giảm bình quân \(share(percent)) thời gian các bước \(self[kind.phrase]); đây là mục tiêu để thảo luận, không tự động áp dụng."
                : "Bình Định's plan cut \(self[kind.phrase]) steps by \(share(percent)) on average; a target to discuss, never applied by itself."
        }
    }
}

extension StepKind {
    /// The kind's name on the diagrams' legend.
    var phrase: Phrase {
        switch self {
        case .intake: .diagramIntake
        case .handoff: .diagramHandoff
        case .work: .diagramWork
        case .approval: .diagramApproval
        case .consult: .diagramConsult
        case .field: .diagramField
        case .clerical: .diagramClerical
        case .delivery: .diagramDelivery
        case .rework: .diagramRework
        case .delay: .diagramDelay
        }
    }
}
