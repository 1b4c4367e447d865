import ArgumentParser
import Flowcut
import FlowcutAnalysis
import FlowcutCore
import FlowcutReport
import Foundation

/// A moment on the command line: "2026-02-13 10:00".
struct ReceiptTime: ExpressibleByArgument {
    var time: WallTime

    init?(argument: String) {
        guard let time = WallTime(parsing: argument.trimmingCharacters(in: .whitespaces)) else { return nil }
        self.time = time
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// The calendar to count working time on: --calendar, else the first input
/// folder's review.yaml, else Vietnam's.
struct CalendarOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A working calendar file (print the built-in one with `flowcut calendar` to start from it).", valueName: "file"))
    var calendar: String?

    /// The calendar for a run over `inputs`; nil after saying why not.
    func calendar(inputs: [String], vietnamese: Bool) -> WorkingCalendar? {
        var path = calendar
        if path == nil {
            for input in inputs {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue,
                    let settings = ReviewSettings.read(folder: input)
                else { continue }
                for problem in settings.problems { Terminal.fail(problem) }
                if let named = settings.calendar {
                    path = named
                    break
                }
            }
        }
        switch Flowcut.calendar(path, vietnamese: vietnamese) {
        case .success(let calendar): return calendar
        case .failure(let problem):
            Terminal.fail(problem.description, translated: true)
            return nil
        }
    }
}

struct Due: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The appointment date for a dossier received at a given time: deadline, main scenario and P90, in working time.",
        discussion: """
            Working time is counted on the working calendar (`flowcut calendar`): \
            07:00–11:30 and 13:30–17:00, weekends and Vietnam's public holidays off, \
            swapped Saturdays worked. A dossier received outside working hours starts \
            the clock at the next opening; work that ends with a day's last session ends \
            at that day's close.
            """)

    @Option(help: ArgumentHelp("When the dossier was received, as YYYY-MM-DD HH:MM.", valueName: "time"))
    var received: ReceiptTime

    @OptionGroup var input: InputOptions

    @OptionGroup var calendarOptions: CalendarOptions

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    @Option(help: "Output format: text or json.")
    var format: DueFormat = .text

    @Option(help: "Language of the text: en or vi (default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    enum DueFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws { try DefaultLanguage.validate() }

    func run() throws {
        Terminal.speak(lang)
        guard let calendar = calendarOptions.calendar(inputs: input.paths, vietnamese: lang == .vi) else { throw ExitCode(1) }
        let inputs = Inputs(paths: input.paths, limits: limits.applied())
        var failed = inputs.failures
        let request = simulation.request(suggestions: false, limits: limits.applied())
        var reports: [JSON] = []
        var printed = 0
        for (path, checked) in zip(inputs.files, inputs.check()) {
            guard let checked else {
                failed += 1
                continue
            }
            Terminal.printDiagnostics(checked)
            guard let workflow = checked.workflow else {
                failed += 1
                continue
            }
            if let refusal = request.tooManyCases(steps: workflow.steps.count) {
                Terminal.fail("\(Files.shown(path)): \(refusal)")
                failed += 1
                continue
            }
            let options = request.options(steps: workflow.steps.count, joins: workflow.joinCount).options
            let analysis = Analyzer.analyze(workflow, options: options)
            let appointments = Appointments(analysis, receivedAt: received.time, calendar: calendar)
            switch format {
            case .text:
                if printed > 0 { Terminal.out("") }
                printed += 1
                Terminal.out(AppointmentReport.text(workflow, path: path, calendar: calendar, appointments, words: lang.words), terminator: "")
            case .json:
                reports.append(AppointmentReport.json(workflow, path: path, appointments))
            }
        }
        if format == .json { Terminal.out(JSON.array(reports).text(), terminator: "") }
        Terminal.finish(failed > 0 ? 1 : 0)
    }
}

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Print the built-in working calendar of Vietnam (to edit and pass with --calendar), or check a calendar file.")

    @Argument(help: "A calendar file to check (none: print the built-in one).")
    var file: String?

    @Option(help: "Language of the messages: en or vi (default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    func validate() throws { try DefaultLanguage.validate() }

    func run() throws {
        Terminal.speak(lang)
        guard let file else {
            Terminal.out(VietnamCalendar.text)
            return
        }
        switch Flowcut.calendar(file, vietnamese: lang == .vi) {
        case .success(let calendar):
            let hours = Double(calendar.dayLength) / 3600
            Terminal.out(
                lang == .vi
                    ? "\(Files.shown(file)): hợp lệ: “\(Escape.oneLine(calendar.name))”, \(lang.words.number(hours)) giờ mỗi ngày, \(calendar.daysOff.count) ngày nghỉ lễ, \(calendar.daysWorked.count) ngày làm bù"
                    : "\(Files.shown(file)): ok: \"\(Escape.oneLine(calendar.name))\", \(lang.words.number(hours)) h a day, \(plural(calendar.daysOff.count, "holiday")), \(plural(calendar.daysWorked.count, "swapped working day"))"
            )
        case .failure(let problem):
            Terminal.fail(problem.description, translated: true)
            throw ExitCode(1)
        }
    }
}
