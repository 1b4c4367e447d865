// Over 400 lines: every phrase in every language, an exhaustive switch each, so that a missing translation does not compile.
import FlowcutAnalysis
import FlowcutCore
import FlowcutRender
import FlowcutSimulation
import FlowcutTiming

/// The language of what flowcut writes for people (`--lang`). The
/// reviewers' own labels are always shown as written.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, vi

    public var words: Words { self == .vi ? .vietnamese : .english }
}

/// Every phrase the reports, pages and diagrams use. Each language's text
/// is an exhaustive switch over this (`Phrase.english`, `.vietnamese`): a
/// phrase added without its translation does not compile.
public enum Phrase: String, Sendable, CaseIterable {
    case workingDay
    case workingDays
    case hoursUnit
    case daysUnit
    case leadTimeMain
    case deadline
    case target
    case simulated
    case cases
    case seed
    case expected
    case onTime
    case withinSpare
    case targetSpare
    case targetOverBy
    case targetExactly
    case overBy
    case within
    case exactlyOnIt
    case criticalPath
    case topConsumers
    case offScenario
    case inCases
    case workPerDossier
    case noActor
    case handoffs
    case pce
    case pceNote
    case stoppedCases
    case stepCount
    case noCaseCompleted
    case stoppedWhy
    case code
    case service
    case dossiersIn
    case beforeAfter
    case theSuggested
    case proposalWord
    case before
    case after
    case beforeDiagram
    case afterDiagram
    case saved
    case mainLeadTime
    case expectedLeadTime
    case perYear
    case citizenDays
    case staffHours
    case savedWord
    case changes
    case otherSuggestions
    case targetWord
    case numbers
    case suggestions
    case change
    case rule
    case perDossier
    case perYearColumn
    case why
    case fullSize
    case online
    case paper
    case deadlineIs
    case review
    case proceduresAnalysed
    case withErrors
    case savingsIfAdopted
    case byDossiers
    case procedure
    case dossiersAYear
    case leadBeforeAfter
    case cut
    case citizenDaysAYear
    case staffHoursAYear
    case deadlineFit
    case onlineShare
    case onlineShareByYear
    case year
    case noneWord
    case listNoDossiers
    case listNoCounts
    case listPaper
    case listOver
    case filesWithErrors
    case over
    case withinShort
    case diagramLeadTime
    case diagramDeadline
    case savedPerDossier
    case afterWord
    case theSuggestedChanges
    // The --compare table
    case compared, compareMain, compareExpected, compareHandoffs, compareWorkHours, compareCitizenDays, compareStaffHours, compareSuggested
    // Diagrams
    case diagramWait
    case diagramEnds
    case diagramPaper
    case diagramOnline
    case diagramFixed
    case diagramExternal
    case diagramRemoved
    case diagramMergedInto
    case conflictsWith
    case timeline
    case onlineDossiers
    case timelineTab
    case timelineMore
    case p90Over
    case reviewDefinitions
    case diagramBypassed
    case diagramChanged
    case diagramLegend
    case diagramCritical
    case diagramLoop
    case diagramIntake
    case diagramHandoff
    case diagramWork
    case diagramApproval
    case diagramConsult
    case diagramField
    case diagramClerical
    case diagramDelivery
    case diagramRework
    case diagramDelay
    case diagramDecimal
    case diagramDays
    case diagramHours

    public var english: String {
        switch self {
        case .compared: "Compared"
        case .compareMain: "main"
        case .compareExpected: "expected"
        case .compareHandoffs: "handoffs"
        case .compareWorkHours: "work h"
        case .compareCitizenDays: "citizen-days/yr"
        case .compareStaffHours: "staff h/yr"
        case .compareSuggested: "suggested"
        case .workingDay: "working day"
        case .workingDays: "working days"
        case .hoursUnit: "h"
        case .daysUnit: "d"
        case .leadTimeMain: "Lead time, main scenario"
        case .deadline: "Deadline"
        case .target: "Target"
        case .simulated: "Simulated"
        case .cases: "cases"
        case .seed: "seed"
        case .expected: "expected"
        case .onTime: "on time"
        case .withinSpare: "within, {} to spare"
        case .targetSpare: "met, {} to spare"
        case .targetOverBy: "not met: {} longer"
        case .targetExactly: "met exactly"
        case .overBy: "over by {}"
        case .within: "within"
        case .exactlyOnIt: "exactly on it"
        case .criticalPath: "Critical path"
        case .topConsumers: "Top time consumers"
        case .offScenario: "Off the main scenario"
        case .inCases: "of cases"
        case .workPerDossier: "Work per dossier"
        case .noActor: "(no actor)"
        case .handoffs: "Handoffs"
        case .pce: "Process cycle efficiency"
        case .pceNote: "lean: above 25% is good"
        case .stoppedCases: "Cases stopped"
        case .stepCount: "{} steps"
        case .noCaseCompleted: "no case completed: every one was stopped (see below)"
        case .stoppedWhy:
            "{} of {}: stopped after more than {} loop returns or {} step runs in one case (--max-loop-returns, --max-step-cases); left out of the figures above"
        case .code: "code"
        case .service: "service"
        case .dossiersIn: "dossiers in"
        case .beforeAfter: "Before → after"
        case .theSuggested: "the suggested changes"
        case .proposalWord: "proposal"
        case .before: "before"
        case .after: "after"
        case .beforeDiagram: "The process as published"
        case .afterDiagram: "The process after the changes"
        case .saved: "saved"
        case .mainLeadTime: "Main lead time"
        case .expectedLeadTime: "Expected lead time"
        case .perYear: "Per year"
        case .citizenDays: "citizen-days"
        case .staffHours: "staff hours"
        case .savedWord: "saved"
        case .changes: "Changes"
        case .otherSuggestions: "Other suggestions (saving per dossier, per year)"
        case .targetWord: "target"
        case .numbers: "Numbers"
        case .suggestions: "Suggestions"
        case .change: "change"
        case .rule: "rule"
        case .perDossier: "per dossier"
        case .perYearColumn: "per year"
        case .why: "why"
        case .fullSize: "full size"
        case .online: "online"
        case .paper: "paper"
        case .deadlineIs: "Deadline"
        case .review: "The department's review"
        case .proceduresAnalysed: "procedures analysed"
        case .withErrors: "with errors (not analysed)"
        case .savingsIfAdopted: "Savings a year if every proposal (or the suggested changes) is adopted"
        case .byDossiers: "Procedures by dossiers a year"
        case .procedure: "procedure"
        case .dossiersAYear: "dossiers a year"
        case .leadBeforeAfter: "expected lead time before → after"
        case .cut: "cut"
        case .citizenDaysAYear: "citizen-days a year"
        case .staffHoursAYear: "staff hours a year"
        case .deadlineFit: "deadline"
        case .onlineShare: "online share"
        case .onlineShareByYear: "Online share by year"
        case .year: "year"
        case .noneWord: "None."
        case .listNoDossiers: "Online services with no dossiers since 2018"
        case .listNoCounts: "Online services with no dossier counts since 2018"
        case .listPaper: "Paper after the cut-over (2022)"
        case .listOver: "Over the deadline (main lead time or P90)"
        case .filesWithErrors: "Files with errors"
        case .over: "over"
        case .withinShort: "within"
        case .diagramLeadTime: "Lead time"
        case .diagramDeadline: "deadline"
        case .savedPerDossier: "Saved per dossier"
        case .afterWord: "after"
        case .theSuggestedChanges: "the suggested changes"
        case .diagramWait: "wait"
        case .diagramEnds: "ends the case"
        case .diagramPaper: "paper"
        case .diagramOnline: "online"
        case .diagramFixed: "required by law"
        case .diagramExternal: "other agency"
        case .diagramRemoved: "removed by the proposal"
        case .diagramMergedInto: "merged into {}"
        case .conflictsWith: "Not together with a change above: {}."
        case .timeline: "Timeline of the main scenario (working days)"
        case .onlineDossiers: "online"
        case .timelineTab: "Timeline"
        case .timelineMore: "… and {} more steps (the JSON report has them all)"
        case .p90Over: "P90 over"
        case .reviewDefinitions:
            "Expected lead time: the average over the simulated dossiers (the main scenario's where nothing is simulated), before → after the changes. Deadline: “over” when the main scenario ends after the deadline; “P90 over” when it ends by the deadline but more than one dossier in ten does not; “within” otherwise."
        case .diagramBypassed: "critical path, past a step taken out"
        case .diagramChanged: "changed by the proposal"
        case .diagramLegend: "Legend"
        case .diagramCritical: "critical path"
        case .diagramLoop: "rework loop (dashed)"
        case .diagramIntake: "intake"
        case .diagramHandoff: "handoff"
        case .diagramWork: "specialist work"
        case .diagramApproval: "approval"
        case .diagramConsult: "consultation"
        case .diagramField: "field check"
        case .diagramClerical: "clerical"
        case .diagramDelivery: "delivery"
        case .diagramRework: "rework"
        case .diagramDelay: "delay"
        case .diagramDecimal: "."
        case .diagramDays: "d"
        case .diagramHours: "h"
        }
    }

    public var vietnamese: String {
        switch self {
        case .compared: "So sánh các phương án"
        case .compareMain: "kịch bản chính"
        case .compareExpected: "trung bình"
        case .compareHandoffs: "lần chuyển"
        case .compareWorkHours: "giờ làm việc"
        case .compareCitizenDays: "ngày chờ/năm"
        case .compareStaffHours: "giờ công/năm"
        case .compareSuggested: "đề xuất của flowcut"
        case .workingDay: "ngày làm việc"
        case .workingDays: "ngày làm việc"
        case .hoursUnit: "giờ"
        case .daysUnit: "ngày"
        case .leadTimeMain: "Thời gian giải quyết (kịch bản chính)"
        case .deadline: "Thời hạn giải quyết"
        case .target: "Mục tiêu cam kết"
        case .simulated: "Mô phỏng"
        case .cases: "hồ sơ"
        case .seed: "số khởi tạo ngẫu nhiên"
        case .expected: "trung bình"
        case .onTime: "đúng hạn"
        case .withinSpare: "trong hạn, còn dư {}"
        case .targetSpare: "đạt mục tiêu, còn dư {}"
        case .targetOverBy: "chưa đạt mục tiêu: dài hơn {}"
        case .targetExactly: "vừa đạt mục tiêu"
        case .overBy: "quá hạn {}"
        case .within: "trong hạn"
        case .exactlyOnIt: "vừa đúng hạn"
        case .criticalPath: "Đường găng"
        case .topConsumers: "Bước tốn nhiều thời gian nhất"
        case .offScenario: "Ngoài kịch bản chính"
        case .inCases: "số hồ sơ"
        case .workPerDossier: "Thời gian làm việc mỗi hồ sơ"
        case .noActor: "(chưa giao người thực hiện)"
        case .handoffs: "Số lần chuyển hồ sơ giữa các bộ phận"
        case .pce: "Hiệu suất quy trình (PCE)"
        case .pceNote: "tinh gọn: trên 25% là tốt"
        case .stoppedCases: "Hồ sơ dừng mô phỏng"
        case .stepCount: "{} bước"
        case .noCaseCompleted: "không hồ sơ nào hoàn thành: tất cả đều bị dừng (xem dưới)"
        case .stoppedWhy:
            "{}/{} hồ sơ: dừng vì vượt quá {} lần quay lại vòng lặp hoặc {} lượt thực hiện bước trong một hồ sơ (--max-loop-returns, --max-step-cases); không tính vào các số liệu trên"
        case .code: "mã TTHC"
        case .service: "dịch vụ công"
        case .dossiersIn: "hồ sơ năm"
        case .beforeAfter: "Trước → sau"
        case .theSuggested: "các đề xuất của flowcut"
        case .proposalWord: "phương án"
        case .before: "trước"
        case .after: "sau"
        case .beforeDiagram: "Sơ đồ quy trình hiện hành"
        case .afterDiagram: "Sơ đồ quy trình sau khi cắt giảm"
        case .saved: "tiết kiệm"
        case .mainLeadTime: "Thời gian giải quyết (kịch bản chính)"
        case .expectedLeadTime: "Thời gian giải quyết trung bình"
        case .perYear: "Mỗi năm"
        case .citizenDays: "ngày chờ của người dân"
        case .staffHours: "giờ công cán bộ"
        case .savedWord: "tiết kiệm được"
        case .changes: "Thay đổi"
        case .otherSuggestions: "Các đề xuất khác (tiết kiệm mỗi hồ sơ, mỗi năm)"
        case .targetWord: "mục tiêu"
        case .numbers: "Số liệu"
        case .suggestions: "Đề xuất"
        case .change: "thay đổi"
        case .rule: "quy tắc"
        case .perDossier: "mỗi hồ sơ"
        case .perYearColumn: "mỗi năm"
        case .why: "lý do"
        case .fullSize: "xem cỡ lớn"
        case .online: "trực tuyến"
        case .paper: "hồ sơ giấy"
        case .deadlineIs: "Thời hạn giải quyết"
        case .review: "Rà soát quy trình nội bộ của Sở"
        case .proceduresAnalysed: "thủ tục đã được phân tích"
        case .withErrors: "có lỗi (chưa phân tích)"
        case .savingsIfAdopted: "Tiết kiệm mỗi năm nếu áp dụng các phương án (hoặc các đề xuất của flowcut)"
        case .byDossiers: "Thủ tục theo số hồ sơ mỗi năm"
        case .procedure: "thủ tục"
        case .dossiersAYear: "hồ sơ mỗi năm"
        case .leadBeforeAfter: "thời gian giải quyết trung bình trước → sau"
        case .cut: "cắt giảm"
        case .citizenDaysAYear: "ngày chờ của người dân mỗi năm"
        case .staffHoursAYear: "giờ công cán bộ mỗi năm"
        case .deadlineFit: "thời hạn"
        case .onlineShare: "tỷ lệ trực tuyến"
        case .onlineShareByYear: "Tỷ lệ hồ sơ trực tuyến theo năm"
        case .year: "năm"
        case .noneWord: "Không có."
        case .listNoDossiers: "Dịch vụ công trực tuyến không phát sinh hồ sơ từ năm 2018"
        case .listNoCounts: "Dịch vụ công trực tuyến chưa có số liệu hồ sơ từ năm 2018"
        case .listPaper: "Vẫn nhận hồ sơ giấy sau khi chuyển sang chỉ nhận trực tuyến (2022)"
        case .listOver: "Quá thời hạn giải quyết (kịch bản chính hoặc P90)"
        case .filesWithErrors: "Tệp có lỗi"
        case .over: "quá hạn"
        case .withinShort: "trong hạn"
        case .diagramLeadTime: "Thời gian giải quyết"
        case .diagramDeadline: "thời hạn"
        case .savedPerDossier: "Tiết kiệm mỗi hồ sơ"
        case .afterWord: "sau"
        case .theSuggestedChanges: "các đề xuất của flowcut"
        case .diagramWait: "chờ"
        case .diagramEnds: "kết thúc hồ sơ"
        case .diagramPaper: "hồ sơ giấy"
        case .diagramOnline: "trực tuyến"
        case .diagramFixed: "bắt buộc theo quy định"
        case .diagramExternal: "cơ quan khác"
        case .diagramRemoved: "bỏ theo phương án"
        case .diagramMergedInto: "gộp vào bước {}"
        case .conflictsWith: "Không áp dụng cùng thay đổi ở trên: {}."
        case .timeline: "Biểu đồ tiến độ theo kịch bản chính (ngày làm việc)"
        case .onlineDossiers: "hồ sơ trực tuyến"
        case .timelineTab: "Biểu đồ tiến độ"
        case .timelineMore: "… và {} bước khác (đầy đủ trong báo cáo JSON)"
        case .p90Over: "P90 quá hạn"
        case .reviewDefinitions:
            "Thời gian giải quyết trung bình: bình quân của các hồ sơ mô phỏng (thời gian theo kịch bản chính nếu không mô phỏng), trước → sau khi áp dụng các thay đổi. Thời hạn: “quá hạn” khi kịch bản chính kết thúc sau thời hạn giải quyết; “P90 quá hạn” khi kịch bản chính trong hạn nhưng hơn 10% số hồ sơ quá hạn; còn lại là “trong hạn”."
        case .diagramBypassed: "đường găng, qua bước được bỏ"
        case .diagramChanged: "thay đổi theo phương án"
        case .diagramLegend: "Chú giải"
        case .diagramCritical: "đường găng"
        case .diagramLoop: "vòng yêu cầu bổ sung (nét đứt)"
        case .diagramIntake: "tiếp nhận"
        case .diagramHandoff: "chuyển hồ sơ"
        case .diagramWork: "chuyên viên xử lý"
        case .diagramApproval: "xem xét, phê duyệt"
        case .diagramConsult: "lấy ý kiến"
        case .diagramField: "kiểm tra thực địa"
        case .diagramClerical: "văn thư"
        case .diagramDelivery: "trả kết quả"
        case .diagramRework: "yêu cầu bổ sung"
        case .diagramDelay: "chờ"
        case .diagramDecimal: ","
        case .diagramDays: "ngày"
        case .diagramHours: "giờ"
        }
    }
}

/// Every phrase in one language, by name (`words.deadline`) or by key
/// (`words[.deadline]`).
public struct Words: Sendable {
    public var language: ReportLanguage
    public var decimalMark: Character

    public static let english = Words(language: .en, decimalMark: ".")
    public static let vietnamese = Words(language: .vi, decimalMark: ",")

    public subscript(_ phrase: Phrase) -> String {
        language == .vi ? phrase.vietnamese : phrase.english
    }

    /// The diagrams' words (legend, marks, units), for the renderer.
    public var diagram: DiagramWords {
        var words = DiagramWords(
            wait: self[.diagramWait], paper: self[.diagramPaper], online: self[.diagramOnline], fixed: self[.diagramFixed],
            external: self[.diagramExternal], removed: self[.diagramRemoved], changed: self[.diagramChanged],
            legend: self[.diagramLegend], critical: self[.diagramCritical], loop: self[.diagramLoop],
            kinds: [
                .intake: self[.diagramIntake], .handoff: self[.diagramHandoff], .work: self[.diagramWork],
                .approval: self[.diagramApproval], .consult: self[.diagramConsult], .field: self[.diagramField],
                .clerical: self[.diagramClerical], .delivery: self[.diagramDelivery], .rework: self[.diagramRework],
                .delay: self[.diagramDelay],
            ],
            decimal: self[.diagramDecimal], days: self[.diagramDays], hours: self[.diagramHours])
        words.ends = self[.diagramEnds]
        words.mergedInto = self[.diagramMergedInto]
        words.bypassed = self[.diagramBypassed]
        return words
    }

    public var workingDay: String { self[.workingDay] }
    public var workingDays: String { self[.workingDays] }
    public var hoursUnit: String { self[.hoursUnit] }
    public var daysUnit: String { self[.daysUnit] }
    public var leadTimeMain: String { self[.leadTimeMain] }
    public var deadline: String { self[.deadline] }
    public var target: String { self[.target] }
    public var simulated: String { self[.simulated] }
    public var cases: String { self[.cases] }
    public var seed: String { self[.seed] }
    public var expected: String { self[.expected] }
    public var onTime: String { self[.onTime] }
    public var withinSpare: String { self[.withinSpare] }
    public var overBy: String { self[.overBy] }
    public var within: String { self[.within] }
    public var exactlyOnIt: String { self[.exactlyOnIt] }
    public var criticalPath: String { self[.criticalPath] }
    public var topConsumers: String { self[.topConsumers] }
    public var offScenario: String { self[.offScenario] }
    public var inCases: String { self[.inCases] }
    public var workPerDossier: String { self[.workPerDossier] }
    public var noActor: String { self[.noActor] }
    public var handoffs: String { self[.handoffs] }
    public var pce: String { self[.pce] }
    public var pceNote: String { self[.pceNote] }
    public var stoppedCases: String { self[.stoppedCases] }
    public var stepCount: String { self[.stepCount] }
    public var noCaseCompleted: String { self[.noCaseCompleted] }
    public var stoppedWhy: String { self[.stoppedWhy] }
    public var code: String { self[.code] }
    public var service: String { self[.service] }
    public var dossiersIn: String { self[.dossiersIn] }
    public var beforeAfter: String { self[.beforeAfter] }
    public var theSuggested: String { self[.theSuggested] }
    public var proposalWord: String { self[.proposalWord] }
    public var before: String { self[.before] }
    public var after: String { self[.after] }
    public var beforeDiagram: String { self[.beforeDiagram] }
    public var afterDiagram: String { self[.afterDiagram] }
    public var saved: String { self[.saved] }
    public var mainLeadTime: String { self[.mainLeadTime] }
    public var expectedLeadTime: String { self[.expectedLeadTime] }
    public var perYear: String { self[.perYear] }
    public var citizenDays: String { self[.citizenDays] }
    public var staffHours: String { self[.staffHours] }
    public var savedWord: String { self[.savedWord] }
    public var changes: String { self[.changes] }
    public var otherSuggestions: String { self[.otherSuggestions] }
    public var targetWord: String { self[.targetWord] }
    public var numbers: String { self[.numbers] }
    public var suggestions: String { self[.suggestions] }
    public var change: String { self[.change] }
    public var rule: String { self[.rule] }
    public var perDossier: String { self[.perDossier] }
    public var perYearColumn: String { self[.perYearColumn] }
    public var why: String { self[.why] }
    public var fullSize: String { self[.fullSize] }
    public var online: String { self[.online] }
    public var paper: String { self[.paper] }
    public var deadlineIs: String { self[.deadlineIs] }
    public var review: String { self[.review] }
    public var proceduresAnalysed: String { self[.proceduresAnalysed] }
    public var withErrors: String { self[.withErrors] }
    public var savingsIfAdopted: String { self[.savingsIfAdopted] }
    public var byDossiers: String { self[.byDossiers] }
    public var procedure: String { self[.procedure] }
    public var dossiersAYear: String { self[.dossiersAYear] }
    public var leadBeforeAfter: String { self[.leadBeforeAfter] }
    public var cut: String { self[.cut] }
    public var citizenDaysAYear: String { self[.citizenDaysAYear] }
    public var staffHoursAYear: String { self[.staffHoursAYear] }
    public var deadlineFit: String { self[.deadlineFit] }
    public var onlineShare: String { self[.onlineShare] }
    public var onlineShareByYear: String { self[.onlineShareByYear] }
    public var year: String { self[.year] }
    public var noneWord: String { self[.noneWord] }
    public var listNoDossiers: String { self[.listNoDossiers] }
    public var listNoCounts: String { self[.listNoCounts] }
    public var listPaper: String { self[.listPaper] }
    public var listOver: String { self[.listOver] }
    public var filesWithErrors: String { self[.filesWithErrors] }
    public var over: String { self[.over] }
    public var withinShort: String { self[.withinShort] }
    public var diagramLeadTime: String { self[.diagramLeadTime] }
    public var diagramDeadline: String { self[.diagramDeadline] }
    public var savedPerDossier: String { self[.savedPerDossier] }
    public var afterWord: String { self[.afterWord] }
    public var theSuggestedChanges: String { self[.theSuggestedChanges] }

    /// A service level as reviewers name it.
    public func level(_ l: ServiceLevel) -> String {
        guard language == .vi else {
            switch l {
            case .none: return "none"
            case .level2: return "level 2"
            case .level3: return "level 3"
            case .level4: return "level 4"
            case .partial: return "partly online"
            case .full: return "fully online"
            }
        }
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

    /// `template` with its `{}`s replaced by `values`, in order.
    public func fill(_ template: String, _ values: [String]) -> String {
        var out = ""
        var rest = values[...]
        var tail = template[...]
        while let hole = tail.firstRange(of: "{}"), let value = rest.popFirst() {
            out += tail[..<hole.lowerBound] + value
            tail = tail[hole.upperBound...]
        }
        return out + tail
    }

    /// The thousands separator: "," in English (49,883.2), a space in
    /// Vietnamese (49 883,2), where the comma is the decimal mark and a dot
    /// would read as one to many readers.
    public var groupMark: Character { decimalMark == "," ? " " : "," }

    /// "5,770 dossiers in 2023", "1 dossier in 2023"; "5 770 hồ sơ năm 2023".
    public func dossiers(_ n: Int, in year: Int) -> String {
        language == .en && n == 1 ? "1 dossier in \(year)" : "\(count(n)) \(dossiersIn) \(year)"
    }

    /// The review's deadline column: within, over, P90 over; "—" without a deadline.
    public func deadlineFit(_ fit: Portfolio.DeadlineFit?) -> String {
        switch fit {
        case nil: "—"
        case .within: withinShort
        case .mainOver: over
        case .p90Over: self[.p90Over]
        }
    }

    /// A count grouped by thousands in this language: 346,200 / 346 200.
    public func count(_ n: Int) -> String { grouped(n, separator: groupMark) }

    /// A number with this language's decimal mark, its whole part grouped by
    /// thousands: 43,275.5 in English, 43 275,5 in Vietnamese.
    public func number(_ x: Double, decimals: Int = 2) -> String {
        let text = formatNumber(x, decimals: decimals)
        let sign = text.hasPrefix("-") ? "-" : ""
        let body = text.dropFirst(sign.count)
        let whole = body.prefix { $0.isASCII && $0.isNumber }
        let rest = body.dropFirst(whole.count)
        let fraction = rest.isEmpty || rest.hasPrefix(".") ? String(rest) : nil
        guard let fraction, whole.count > 3, let n = Int(whole) else {
            return decimalMark == "." ? text : String(text.map { $0 == "." ? decimalMark : $0 })
        }
        return sign + count(n) + (decimalMark == "." ? fraction : String(fraction.map { $0 == "." ? decimalMark : $0 }))
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
