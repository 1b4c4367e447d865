import ArgumentParser
import Flowcut
import FlowcutAnalysis
import Foundation

/// A percentage on the command line: "95" or "95%".
struct Percentage: ExpressibleByArgument {
    var share: Double

    init?(argument: String) {
        guard let share = ReviewSettings.percentage(argument) else { return nil }
        self.share = share
    }
}

/// The department's records and the targets of its scorecard: from the
/// command line, else from each input folder's review.yaml.
struct RecordsOptions: ParsableArguments {
    @Option(
        name: .customLong("stats"),
        help: ArgumentHelp(
            "A table of the department's records (CSV): dossier statistics as report 06a counts them, or the procedure catalogue; may be given more than once. A folder's review.yaml may name them instead.",
            valueName: "file"))
    var stats: [String] = []

    @Option(help: ArgumentHelp("The on-time rate aimed at, in percent (default 100, as Decision 766 scores it).", valueName: "percent"))
    var onTimeTarget: Percentage?

    @Option(help: ArgumentHelp("The online share aimed at, in percent (default 50).", valueName: "percent"))
    var onlineTarget: Percentage?

    @Option(help: ArgumentHelp("The share of online services with online dossiers aimed at, in percent (default 100).", valueName: "percent"))
    var servicesTarget: Percentage?

    /// The tables and targets for a run over `inputs`: the folders'
    /// review.yaml first, the command line over them; and the settings'
    /// problems, each with its place.
    func settings(inputs: [String]) -> (stats: [String], targets: Targets, problems: [String]) {
        var tables: [String] = []
        var targets = Targets.decision766
        var problems: [String] = []
        for path in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
                let settings = ReviewSettings.read(folder: path)
            else { continue }
            tables += settings.stats
            targets = settings.targets
            problems += settings.problems
        }
        if !stats.isEmpty { tables = stats }
        if let onTimeTarget { targets.onTime = onTimeTarget.share }
        if let onlineTarget { targets.online = onlineTarget.share }
        if let servicesTarget { targets.servicesWithDossiers = servicesTarget.share }
        return (tables, targets, problems)
    }
}
