import FlowcutCore
import Foundation

/// A Prosimos simulation scenario (the JSON the Tartu BPMN simulator reads
/// beside a BPMN model): branching probabilities of exclusive gateways and
/// a duration distribution per task, in seconds.
///
/// Distributions, as Prosimos 2.x (pix-framework) reads them, each
/// parameter an object `{"value": v}`:
/// `fix [mean]`, `uniform [min, max]`, `norm [mean, std, min, max]`,
/// `expon [mean, min, max]`, `lognorm [mean, variance, min, max]`,
/// `gamma [mean, variance, min, max]`; samples outside [min, max] are drawn
/// again.
///
/// Into the language (one working hour = 3 600 s): `fix` is a single time;
/// `uniform` a range; a distribution with a finite, wider-than-zero
/// [min, max] a three-point estimate whose PERT mean is the distribution's
/// mean (likely = (6·mean − min − max) / 4, kept within the bounds); one
/// without bounds a single time at its mean.
///
/// Out of the language: a single time is `fix`, a range `uniform`, a
/// three-point estimate `norm` with the PERT mean and standard deviation,
/// cut at min and max (the same mean when the estimate is symmetric; the
/// round trip gives the three points back exactly). A step's wait is added
/// to its duration (Prosimos has one time per task).
public enum ProsimosScenario {
    /// What a scenario says, by BPMN element ID.
    public struct Scenario: Sendable {
        /// Probability of each sequence flow leaving an exclusive gateway.
        public var flowProbabilities: [String: Double] = [:]
        /// Duration of each task, in working hours.
        public var taskDurations: [String: TimeEstimate] = [:]
        public init() {}
    }

    static let hour = 3600.0
    /// Hours between two cases' arrivals in a written scenario.
    static let arrival = 24.0

    // MARK: Reading

    public static func read(_ data: Data) throws(ImportError) -> Scenario {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw ImportError(message: "the scenario is not valid JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any] else { throw ImportError(message: "the scenario is not a JSON object") }
        var scenario = Scenario()
        for g in object["gateway_branching_probabilities"] as? [[String: Any]] ?? [] {
            for p in g["probabilities"] as? [[String: Any]] ?? [] {
                guard let path = p["path_id"] as? String, let value = number(p["value"]) else { continue }
                guard value >= 0, value <= 1 else {
                    throw ImportError(message: "gateway '\(g["gateway_id"] as? String ?? "?")': probability \(value) of '\(path)' is not between 0 and 1")
                }
                scenario.flowProbabilities[path] = value
            }
        }
        for t in object["task_resource_distribution"] as? [[String: Any]] ?? [] {
            guard let task = t["task_id"] as? String, let first = (t["resources"] as? [[String: Any]])?.first else { continue }
            guard let name = first["distribution_name"] as? String else {
                throw ImportError(message: "task '\(task)': no distribution_name")
            }
            let params = (first["distribution_params"] as? [Any] ?? []).map { p in
                number((p as? [String: Any])?["value"] ?? p)
            }
            scenario.taskDurations[task] = try estimate(name, params.map { $0 ?? .nan }, task: task)
        }
        return scenario
    }

    static func number(_ v: Any?) -> Double? {
        if let n = v as? NSNumber { return n.doubleValue }
        if let s = v as? String { return Double(s) }
        return nil
    }

    /// One distribution (seconds) as a time estimate (hours).
    static func estimate(_ name: String, _ p: [Double], task: String) throws(ImportError) -> TimeEstimate {
        let needed = ["fix": 1, "uniform": 2, "expon": 1, "norm": 2, "lognorm": 2, "gamma": 2][name]
        guard let needed else {
            throw ImportError(message: "task '\(task)': distribution '\(name)' is not one flowcut reads (fix, uniform, norm, expon, lognorm, gamma)")
        }
        guard p.count >= needed, p.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw ImportError(message: "task '\(task)': \(name) needs \(needed) or more non-negative parameters, found \(p)")
        }
        let h = p.map { $0 / hour }
        switch name {
        case "fix": return .single(h[0])
        case "uniform":
            guard h[1] >= h[0] else { throw ImportError(message: "task '\(task)': uniform minimum \(p[0]) is above its maximum \(p[1])") }
            return h[1] == h[0] ? .single(h[0]) : .range(min: h[0], max: h[1])
        default:
            let mean = h[0]
            let bounds: (Double, Double)? = name == "expon" ? (h.count >= 3 ? (h[1], h[2]) : nil) : (h.count >= 4 ? (h[2], h[3]) : nil)
            guard let (lo, hi) = bounds, hi > lo, lo <= mean, mean <= hi else { return .single(mean) }
            let likely = min(max((6 * mean - lo - hi) / 4, lo), hi)
            return .threePoint(min: lo, likely: likely, max: hi)
        }
    }

    // MARK: Writing

    /// The scenario for an exported model: durations by task, branching
    /// probabilities by gateway, a 24/7 calendar, one resource per actor
    /// (and one for steps with no actor). Cases arrive one a day (24 h,
    /// fixed) and each resource has enough units that its utilisation stays
    /// under a tenth: 10 × the sum of its tasks' longest times / 24 h, plus
    /// one. A case then (almost) never waits for another, so that the
    /// other engine's mean cycle time is comparable with flowcut's expected
    /// lead time, which assumes no queue between cases.
    public static func write(_ w: Workflow, _ export: BPMNExport.Output) -> String {
        let calendar: [String: Any] = ["from": "MONDAY", "to": "SUNDAY", "beginTime": "00:00:00", "endTime": "23:59:59.999"]
        func resource(_ step: Step) -> String {
            guard let a = step.actor, let k = w.actors.firstIndex(where: { $0.id == a }) else { return "R_none" }
            return "R_\(k + 1)"
        }
        var resources: [String: (name: String, tasks: [String], hours: Double)] = [:]
        var tasks: [[String: Any]] = []
        for (i, s) in w.steps.enumerated() {
            let r = resource(s)
            let name = r == "R_none" ? "(no actor)" : w.actors.first { $0.id == s.actor }!.label
            resources[r, default: (name, [], 0)].tasks.append(export.taskIDs[i])
            resources[r]!.hours += s.wait.maximum + s.duration.maximum
            tasks.append([
                "task_id": export.taskIDs[i],
                "resources": [["resource_id": r].merging(distribution(s)) { a, _ in a }],
            ])
        }
        let profiles: [[String: Any]] = resources.keys.sorted().map { r in
            [
                "id": "Profile_\(r)", "name": resources[r]!.name,
                "resource_list": [
                    [
                        "id": r, "name": resources[r]!.name, "cost_per_hour": 0, "amount": Int((10 * resources[r]!.hours / arrival).rounded(.up)) + 1,
                        "calendar": "Calendar_24_7", "assignedTasks": resources[r]!.tasks,
                    ] as [String: Any]
                ],
            ]
        }
        let gateways: [[String: Any]] = export.decisions.keys.sorted().map { s in
            let d = export.decisions[s]!
            return [
                "gateway_id": d.gateway,
                "probabilities": d.flows.map { ["path_id": $0.flow, "value": w.arrows[$0.arrow].probability] as [String: Any] },
            ]
        }
        let root: [String: Any] = [
            "resource_profiles": profiles,
            "arrival_time_distribution": ["distribution_name": "fix", "distribution_params": params([arrival * hour])],
            "arrival_time_calendar": [calendar],
            "gateway_branching_probabilities": gateways,
            "task_resource_distribution": tasks,
            "resource_calendars": [["id": "Calendar_24_7", "name": "24/7", "time_periods": [calendar]] as [String: Any]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func params(_ values: [Double]) -> [[String: Any]] { values.map { ["value": $0] } }

    /// A step's wait plus duration as a Prosimos distribution, in seconds.
    static func distribution(_ s: Step) -> [String: Any] {
        let wait = s.wait
        let d = s.duration
        let sec = { (h: Double) in (h * hour * 1000).rounded() / 1000 }
        switch (wait, d) {
        case (.single(let w), .single(let v)):
            return ["distribution_name": "fix", "distribution_params": params([sec(w + v)])]
        case (.single(let w), .range(let lo, let hi)), (.range(let lo, let hi), .single(let w)):
            return ["distribution_name": "uniform", "distribution_params": params([sec(w + lo), sec(w + hi)])]
        default:
            // Mean and variance add; the bounds add.
            let mean = wait.mean + d.mean
            let variance = pertVariance(wait) + pertVariance(d)
            return [
                "distribution_name": "norm",
                "distribution_params": params([sec(mean), sec(variance.squareRoot()), sec(wait.minimum + d.minimum), sec(wait.maximum + d.maximum)]),
            ]
        }
    }

    static func pertVariance(_ e: TimeEstimate) -> Double {
        switch e {
        case .single: 0
        case .range(let lo, let hi): (hi - lo) * (hi - lo) / 12
        case .threePoint(let lo, _, let hi): (e.mean - lo) * (hi - e.mean) / 7
        }
    }
}
