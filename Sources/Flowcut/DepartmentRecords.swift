import FlowcutAnalysis
import FlowcutCore
import FlowcutImport
import FlowcutLanguage
import Foundation
import Yams

/// The department's records as read: every table's procedures merged, and
/// what each table said.
public struct RecordsRead: Sendable {
    public var records = Records()
    /// Each table's findings (bad cells, columns not read), by file.
    public var findings: [(path: String, diagnostics: [Diagnostic])] = []
    /// Tables that could not be read at all.
    public var problems: [ReadProblem] = []

    public var errorCount: Int { findings.reduce(0) { $0 + $1.diagnostics.errorCount } }
}

/// A review folder's settings (`review.yaml` beside its `.flow` files):
/// the records to join and the targets (docs/records.md).
public struct ReviewSettings: Sendable {
    /// Statistics and catalogue tables, as paths from where flowcut runs.
    public var stats: [String] = []
    public var targets = Targets.decision766
    /// A working calendar file (CalendarFile) for the folder's histories
    /// and appointment dates, as a path from where flowcut runs.
    public var calendar: String?
    /// Problems in the settings file, each with its line and column.
    public var problems: [String] = []

    public static let fileName = "review.yaml"

    public init() {}

    /// The settings of `folder`, if it has a `review.yaml`; paths in it are
    /// taken from the folder.
    public static func read(folder: String) -> ReviewSettings? {
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var settings = ReviewSettings()
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            settings.problems.append("\(Files.shown(path)): cannot be read as UTF-8 text")
            return settings
        }
        func problem(_ node: Node?, _ message: String) {
            let at = node?.mark.map { ":\($0.line):\($0.column)" } ?? ""
            settings.problems.append("\(Files.shown(path))\(at): \(message)")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            settings.problems.append("\(Files.shown(path)): not YAML that can be read: \(error)")
            return settings
        }
        guard let root else { return settings }
        guard let mapping = root.mapping else {
            problem(root, "the settings are a list of keys (stats:, targets:, calendar:)")
            return settings
        }
        for (key, value) in mapping {
            switch key.string {
            case "stats":
                let items = value.sequence.map(Array.init) ?? [value]
                for item in items {
                    guard let name = item.string, !name.isEmpty else {
                        problem(item, "'stats' lists table files (CSV or XLSX), one per line")
                        continue
                    }
                    settings.stats.append(name.hasPrefix("/") ? name : (folder.hasSuffix("/") ? folder : folder + "/") + name)
                }
            case "calendar":
                guard let name = value.string, !name.isEmpty else {
                    problem(value, "'calendar' names one calendar file (see `flowcut calendar`)")
                    continue
                }
                settings.calendar = name.hasPrefix("/") ? name : (folder.hasSuffix("/") ? folder : folder + "/") + name
            case "targets":
                guard let targets = value.mapping else {
                    problem(value, "'targets' holds onTime, online and servicesWithDossiers, each a percentage")
                    continue
                }
                for (name, rate) in targets {
                    guard let share = rate.string.flatMap(Self.percentage) else {
                        problem(rate, "'\(rate.string ?? "")' is not a percentage from 0% to 100%")
                        continue
                    }
                    switch name.string {
                    case "onTime": settings.targets.onTime = share
                    case "online": settings.targets.online = share
                    case "servicesWithDossiers": settings.targets.servicesWithDossiers = share
                    default:
                        problem(name, "unknown target '\(name.string ?? "")'; the targets are onTime, online and servicesWithDossiers")
                    }
                }
            default:
                let known = ["stats", "targets", "calendar"]
                let near = closestName(to: key.string ?? "", among: known).map { "; did you mean '\($0)'?" } ?? ""
                problem(key, "unknown setting '\(key.string ?? "")'\(near)")
            }
        }
        return settings
    }

    /// "95%" or "95" (a percentage; "1" is 1%, not 100%) as the share
    /// 0…1, or nil outside 0–100.
    public static func percentage(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") { t.removeLast() }
        guard let value = Double(t.replacingOccurrences(of: ",", with: ".")), (0...100).contains(value) else { return nil }
        return value / 100
    }
}

extension Flowcut {
    /// Reads the statistics and catalogue tables (CSV or .xlsx, every
    /// sheet with a code column; docs/records.md)
    /// and merges them into one set of records.
    public static func records(_ paths: [String], limits: Limits = .standard) -> RecordsRead {
        var read = RecordsRead()
        var readingsOfFiles: [(path: String, procedures: [ProcedureRecord])] = []
        for path in paths {
            switch readFile(path, limits: limits) {
            case .failure(let problem):
                read.problems.append(problem)
            case .success where [".xls", ".ods"].contains { path.lowercased().hasSuffix($0) }:
                read.problems.append(
                    ReadProblem(
                        description: "\(Files.shown(path)): flowcut reads records as .xlsx or CSV; open the file and save it as .xlsx (Excel) or CSV (UTF-8)"))
            case .success(let bytes) where [".xlsx", ".xlsm"].contains { path.lowercased().hasSuffix($0) }:
                let sheets: [SourceTable]
                do { sheets = try Workbook.sheets(bytes) } catch {
                    read.problems.append(ReadProblem(description: "\(Files.shown(path)): \(error.message)"))
                    continue
                }
                // Every sheet with a code column; a sheet of notes beside them says nothing.
                let readings = sheets.map { RecordsTable.read(rows: $0.denseRows, table: $0.name, path: path) }
                let withCodes = readings.filter { !$0.diagnostics.contains { $0.code == .recordsWithoutCode } }
                for reading in withCodes.isEmpty ? Array(readings.prefix(1)) : withCodes {
                    readingsOfFiles.append((path, reading.procedures))
                    read.findings.append((path, reading.diagnostics))
                }
            case .success(let bytes):
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    read.problems.append(ReadProblem(description: "\(Files.shown(path)): not UTF-8 text; save the table again as CSV (UTF-8)"))
                    continue
                }
                let reading = RecordsTable.read(csv: text, path: path)
                readingsOfFiles.append((path, reading.procedures))
                read.findings.append((path, reading.diagnostics))
            }
        }
        let merged = RecordsTable.merge(readingsOfFiles)
        read.records = merged.records
        for (path, d) in merged.diagnostics {
            if let i = read.findings.firstIndex(where: { $0.path == path }) { read.findings[i].diagnostics.append(d) }
        }
        return read
    }

    /// A process joined to the records by its code: each year the records
    /// count replaces the file's own `dossiers` line for it (a warning
    /// where they differ); years only the file counts stay.
    public static func join(_ records: Records, into workflow: Workflow) -> (workflow: Workflow, diagnostics: [Diagnostic]) {
        guard let code = workflow.code.flatMap(ProcedureCode.init), let record = records[code], !record.years.isEmpty else { return (workflow, []) }
        var w = workflow
        var diagnostics: [Diagnostic] = []
        var byYear: [Int: DossierCount] = [:]
        for d in workflow.dossiers { byYear[d.year] = d }
        for (year, counts) in record.years {
            let fromRecords = DossierCount(year: year, online: counts.receivedOnline, paper: counts.receivedOffline)
            if let own = byYear[year], own != fromRecords {
                diagnostics.append(
                    .warning(
                        .dossiersDisagree,
                        "the records (\(Files.shown(record.source))) count \(year) as online \(fromRecords.online) paper \(fromRecords.paper); this line says online \(own.online) paper \(own.paper); the records' counts are used",
                        at: own.range))
            }
            byYear[year] = fromRecords
        }
        w.dossiers = byYear.keys.sorted().map { byYear[$0]! }
        return (w, diagnostics)
    }
}
