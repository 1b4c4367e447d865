import FlowcutAnalysis
import FlowcutCore

/// The language of what flowcut writes for people (`--lang`). The
/// reviewers' own labels are always shown as written.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, vi

    public var words: Words { self == .vi ? .vietnamese : .english }
}

/// Every phrase the reports, pages and diagrams use, in one language.
public struct Words: Sendable {
    public var language: ReportLanguage
    public var decimalMark: Character
    // Time
    public var workingDay, workingDays, hoursUnit, daysUnit: String
    // Procedure summary
    public var leadTimeMain, deadline, target, simulated, cases, seed, expected, onTime: String
    /// Templates: `{}` stands for the margin.
    public var withinSpare, overBy: String
    public var within, exactlyOnIt: String
    public var criticalPath, topConsumers, offScenario, inCases, workPerDossier, noActor, handoffs, pce, pceNote: String
    public var stoppedInLoop, code, service, dossiersIn: String
    // Before and after
    public var beforeAfter, theSuggested, proposalWord, before, after, saved, mainLeadTime, expectedLeadTime: String
    public var perYear, citizenDays, staffHours, savedWord, changes, otherSuggestions, target_: String
    // Pages
    public var numbers, suggestions, change, rule, perDossier, perYearColumn, why, fullSize, online, paper, deadlineIs: String
    public var review, proceduresAnalysed, withErrors, savingsIfAdopted, byDossiers, procedure, dossiersAYear, leadBeforeAfter: String
    public var cut, citizenDaysAYear, staffHoursAYear, deadlineFit, onlineShare, onlineShareByYear, year, none_: String
    public var listNoDossiers, listNoCounts, listPaper, listOver, filesWithErrors, over, withinShort: String
    // Diagrams
    public var diagram: [String: String]
    public var diagramLeadTime, diagramDeadline, savedPerDossier, afterWord, theSuggestedChanges: String

    public static let english = Words(
        language: .en, decimalMark: ".",
        workingDay: "working day", workingDays: "working days", hoursUnit: "h", daysUnit: "d",
        leadTimeMain: "Lead time, main scenario", deadline: "Deadline", target: "Target", simulated: "Simulated",
        cases: "cases", seed: "seed", expected: "expected", onTime: "on time",
        withinSpare: "within, {} to spare", overBy: "over by {}", within: "within", exactlyOnIt: "exactly on it",
        criticalPath: "Critical path", topConsumers: "Top time consumers", offScenario: "Off the main scenario",
        inCases: "of cases", workPerDossier: "Work per dossier", noActor: "(no actor)", handoffs: "Handoffs",
        pce: "Process cycle efficiency", pceNote: "lean: above 25% is good",
        stoppedInLoop: "Stopped in a loop", code: "code", service: "service", dossiersIn: "dossiers in",
        beforeAfter: "Before → after", theSuggested: "the suggested changes", proposalWord: "proposal",
        before: "before", after: "after", saved: "saved", mainLeadTime: "Main lead time", expectedLeadTime: "Expected lead time",
        perYear: "Per year", citizenDays: "citizen-days", staffHours: "staff hours", savedWord: "saved", changes: "Changes",
        otherSuggestions: "Other suggestions (saving per dossier, per year)", target_: "target",
        numbers: "Numbers", suggestions: "Suggestions", change: "change", rule: "rule", perDossier: "per dossier",
        perYearColumn: "per year", why: "why", fullSize: "full size", online: "online", paper: "paper", deadlineIs: "Deadline",
        review: "The department's review", proceduresAnalysed: "procedures analysed", withErrors: "with errors (not analysed)",
        savingsIfAdopted: "Savings a year if every proposal (or the suggested changes) is adopted",
        byDossiers: "Procedures by dossiers a year", procedure: "procedure", dossiersAYear: "dossiers a year",
        leadBeforeAfter: "lead time before → after", cut: "cut", citizenDaysAYear: "citizen-days a year",
        staffHoursAYear: "staff hours a year", deadlineFit: "deadline", onlineShare: "online share",
        onlineShareByYear: "Online share by year", year: "year", none_: "None.",
        listNoDossiers: "Online services with no dossiers since 2018",
        listNoCounts: "Online services with no dossier counts since 2018",
        listPaper: "Paper after the cut-over (2022)", listOver: "Over the deadline (main lead time or P90)",
        filesWithErrors: "Files with errors", over: "over", withinShort: "within",
        diagram: [
            "wait": "wait", "paper": "paper", "online": "online", "fixed": "fixed", "external": "other agency",
            "removed": "removed by the proposal", "changed": "changed by the proposal", "legend": "Legend",
            "critical": "critical path", "loop": "rework loop (dashed)",
            "intake": "intake", "handoff": "handoff", "work": "specialist work", "approval": "approval",
            "consult": "consultation", "field": "field check", "clerical": "clerical", "delivery": "delivery",
            "rework": "rework", "delay": "delay", "decimal": ".", "days": "d", "hours": "h",
        ],
        diagramLeadTime: "Lead time", diagramDeadline: "deadline", savedPerDossier: "Saved per dossier",
        afterWord: "after", theSuggestedChanges: "the suggested changes")

    public static let vietnamese = Words(
        language: .vi, decimalMark: ",",
        workingDay: "ngày làm việc", workingDays: "ngày làm việc", hoursUnit: "giờ", daysUnit: "ngày",
        leadTimeMain: "Thời gian giải quyết (kịch bản chính)", deadline: "Thời hạn giải quyết", target: "Mục tiêu cam kết",
        simulated: "Mô phỏng", cases: "hồ sơ", seed: "hạt giống", expected: "trung bình", onTime: "đúng hạn",
        withinSpare: "trong hạn, còn dư {}", overBy: "quá hạn {}", within: "trong hạn", exactlyOnIt: "vừa đúng hạn",
        criticalPath: "Đường găng", topConsumers: "Bước tốn nhiều thời gian nhất", offScenario: "Ngoài kịch bản chính",
        inCases: "số hồ sơ", workPerDossier: "Thời gian làm việc mỗi hồ sơ", noActor: "(chưa giao người thực hiện)",
        handoffs: "Số lần chuyển hồ sơ giữa các bộ phận", pce: "Hiệu suất quy trình (PCE)", pceNote: "tinh gọn: trên 25% là tốt",
        stoppedInLoop: "Dừng trong vòng lặp", code: "mã TTHC", service: "dịch vụ công", dossiersIn: "hồ sơ năm",
        beforeAfter: "Trước → sau", theSuggested: "các đề xuất của flowcut", proposalWord: "phương án",
        before: "trước", after: "sau", saved: "tiết kiệm", mainLeadTime: "Thời gian giải quyết (kịch bản chính)",
        expectedLeadTime: "Thời gian giải quyết trung bình", perYear: "Mỗi năm", citizenDays: "ngày chờ của người dân",
        staffHours: "giờ công cán bộ", savedWord: "tiết kiệm được", changes: "Thay đổi",
        otherSuggestions: "Các đề xuất khác (tiết kiệm mỗi hồ sơ, mỗi năm)", target_: "mục tiêu",
        numbers: "Số liệu", suggestions: "Đề xuất", change: "thay đổi", rule: "quy tắc", perDossier: "mỗi hồ sơ",
        perYearColumn: "mỗi năm", why: "lý do", fullSize: "xem cỡ lớn", online: "trực tuyến", paper: "giấy",
        deadlineIs: "Thời hạn giải quyết",
        review: "Rà soát quy trình nội bộ của Sở", proceduresAnalysed: "thủ tục đã được phân tích",
        withErrors: "có lỗi (chưa phân tích)",
        savingsIfAdopted: "Tiết kiệm mỗi năm nếu áp dụng các phương án (hoặc các đề xuất của flowcut)",
        byDossiers: "Thủ tục theo số hồ sơ mỗi năm", procedure: "thủ tục", dossiersAYear: "hồ sơ mỗi năm",
        leadBeforeAfter: "thời gian giải quyết trước → sau", cut: "cắt giảm", citizenDaysAYear: "ngày chờ của người dân mỗi năm",
        staffHoursAYear: "giờ công cán bộ mỗi năm", deadlineFit: "thời hạn", onlineShare: "tỷ lệ trực tuyến",
        onlineShareByYear: "Tỷ lệ hồ sơ trực tuyến theo năm", year: "năm", none_: "Không có.",
        listNoDossiers: "Dịch vụ công trực tuyến không phát sinh hồ sơ từ năm 2018",
        listNoCounts: "Dịch vụ công trực tuyến chưa có số liệu hồ sơ từ năm 2018",
        listPaper: "Vẫn nhận hồ sơ giấy sau khi chuyển sang chỉ nhận trực tuyến (2022)",
        listOver: "Quá thời hạn giải quyết (kịch bản chính hoặc P90)",
        filesWithErrors: "Tệp có lỗi", over: "quá hạn", withinShort: "trong hạn",
        diagram: [
            "wait": "chờ", "paper": "giấy", "online": "trực tuyến", "fixed": "bắt buộc", "external": "cơ quan khác",
            "removed": "bỏ theo phương án", "changed": "thay đổi theo phương án", "legend": "Chú giải",
            "critical": "đường găng", "loop": "vòng yêu cầu bổ sung (nét đứt)",
            "intake": "tiếp nhận", "handoff": "chuyển hồ sơ", "work": "chuyên viên xử lý", "approval": "xem xét, phê duyệt",
            "consult": "lấy ý kiến", "field": "kiểm tra thực địa", "clerical": "văn thư", "delivery": "trả kết quả",
            "rework": "yêu cầu bổ sung", "delay": "chờ", "decimal": ",", "days": "ngày", "hours": "giờ",
        ],
        diagramLeadTime: "Thời gian giải quyết", diagramDeadline: "thời hạn", savedPerDossier: "Tiết kiệm mỗi hồ sơ",
        afterWord: "sau", theSuggestedChanges: "các đề xuất của flowcut")

    /// A service level as reviewers name it.
    public func level(_ l: ServiceLevel) -> String {
        guard language == .vi else { return l.rawValue }
        switch l {
        case .none: return "không có"
        case .level2: return "mức độ 2"
        case .level3: return "mức độ 3"
        case .level4: return "mức độ 4"
        case .partial: return "một phần"
        case .full: return "toàn trình"
        }
    }

    /// `template` with `{}` replaced by `value`.
    public func fill(_ template: String, _ value: String) -> String {
        template.replacing("{}", with: value)
    }

    /// A number with this language's decimal mark.
    public func number(_ x: Double, decimals: Int = 2) -> String {
        let text = formatNumber(x, decimals: decimals)
        return decimalMark == "." ? text : String(text.map { $0 == "." ? decimalMark : $0 })
    }
}

extension AfterOrigin {
    /// "the suggested changes", or `proposal “Name”` (a proposal named
    /// "suggested" is still a proposal).
    /// - Parameters:
    ///   - diagram: the diagrams' wording of the suggested set.
    ///   - quotes: around the proposal's name.
    func phrase(_ x: Words, diagram: Bool = false, quotes: (String, String) = ("“", "”")) -> String {
        switch self {
        case .suggested: diagram ? x.theSuggestedChanges : x.theSuggested
        case .proposal(let name): "\(x.proposalWord) \(quotes.0)\(name)\(quotes.1)"
        }
    }
}
