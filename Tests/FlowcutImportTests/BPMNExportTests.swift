import FlowcutAnalysis
import FlowcutCore
import FlowcutLanguage
import FlowcutSimulation
import FlowcutTiming
import Foundation
import Testing

@testable import FlowcutImport

struct BPMNExportTests {
    static let workflows = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("workflows")

    static var bundled: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: workflows.path)) ?? []).filter { $0.hasSuffix(".flow") }.sorted()
    }

    static func load(_ name: String) throws -> Workflow {
        let text = try String(contentsOf: workflows.appendingPathComponent(name), encoding: .utf8)
        let checked = Checker.check(SourceFile(path: name, text: text))
        return try #require(checked.workflow)
    }

    static func parse(_ text: String) throws -> Workflow {
        let checked = Checker.check(SourceFile(path: "t.flow", text: text))
        #expect(checked.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        return try #require(checked.workflow)
    }

    /// Export to BPMN with its scenario, import the pair back: the same
    /// steps (labels, in order), actors, arrows, probabilities and step
    /// times (wait and duration become one time), so the same critical path.
    @Test(arguments: bundled)
    func roundTrip(_ name: String) throws {
        let w = try Self.load(name)
        let out = try BPMNExport.export(w)
        let scenario = try ProsimosScenario.read(Data(ProsimosScenario.write(w, out).utf8))
        let back = try BPMNImport.read(Data(out.xml.utf8), name: "x", scenario: scenario).workflow
        #expect(back.name == w.name)
        #expect(back.steps.map(\.label) == w.steps.map(\.label))
        func actorLabel(_ wf: Workflow, _ s: Step) -> String? { wf.actors.first { $0.id == s.actor }?.label }
        #expect(back.steps.map { actorLabel(back, $0) } == w.steps.map { actorLabel(w, $0) })
        let usedActors = w.actors.filter { a in w.steps.contains { $0.actor == a.id } }.map(\.label)
        #expect(back.actors.map(\.label) == usedActors)
        func arrows(_ wf: Workflow) -> [String] {
            wf.arrows.map { a in
                // A decision's share left unwritten comes back written.
                let p = wf.isDecision(a.from) ? String(format: " %.6f", a.probability) : ""
                return "\(a.from)->\(a.to)\(p) \(a.label ?? "")"
            }.sorted()
        }
        #expect(arrows(back) == arrows(w))
        #expect(back.starts.sorted() == w.starts.sorted())
        for (a, b) in zip(w.steps, back.steps) {
            #expect(abs(a.meanTime - b.duration.mean) < 1e-6, "\(a.id): \(a.meanTime) h")
            #expect(abs(a.duration.minimum + a.wait.minimum - b.duration.minimum) < 1e-6, "\(a.id)")
            #expect(abs(a.duration.maximum + a.wait.maximum - b.duration.maximum) < 1e-6, "\(a.id)")
        }
        let before = Analyzer.analyze(w, options: AnalysisOptions(runs: 0)).mainLeadTime
        let after = Analyzer.analyze(back, options: AnalysisOptions(runs: 0)).mainLeadTime
        #expect(abs(before - after) < 1e-6, "critical path \(before) h, back \(after) h")
        #expect(try BPMNExport.export(w).xml == out.xml, "the same input gives the same file")
    }

    /// The diagram section, read independently of the exporter (regular
    /// expressions on the text): every flow node of the process has a shape,
    /// every sequence flow an edge of two or more waypoints, and every
    /// element listed in a lane lies inside that lane's band.
    @Test(arguments: bundled)
    func diagramCoversTheModel(_ name: String) throws {
        let xml = try BPMNExport.export(Self.load(name)).xml
        func ids(_ kinds: String) -> [String] {
            xml.matches(of: try! Regex("<bpmn:(\(kinds)) id=\"([^\"]+)\"")).compactMap { $0.output[2].substring.map(String.init) }
        }
        let nodes = ids("task|startEvent|endEvent|exclusiveGateway|parallelGateway|inclusiveGateway")
        let flows = ids("sequenceFlow")
        var bounds: [String: (Double, Double, Double, Double)] = [:]
        for m in xml.matches(of: /bpmnElement="([^"]+)"[^>]*>\s*<dc:Bounds x="([-0-9.]+)" y="([-0-9.]+)" width="([0-9.]+)" height="([0-9.]+)"/) {
            bounds[String(m.output.1)] = (Double(m.output.2)!, Double(m.output.3)!, Double(m.output.4)!, Double(m.output.5)!)
        }
        #expect(nodes.count > 0)
        for n in nodes { #expect(bounds[n] != nil, "\(n) has no shape") }
        for f in flows {
            let edge = try #require(xml.firstMatch(of: try Regex("bpmnElement=\"\(f)\">((\\s*<di:waypoint [^>]*/>)+)")), "\(f) has no edge")
            #expect(edge.output[1].substring!.matches(of: /<di:waypoint/).count >= 2)
        }
        for lane in xml.matches(of: /<bpmn:lane id="([^"]+)"[^>]*>((\s*<bpmn:flowNodeRef>[^<]+<\/bpmn:flowNodeRef>)*)/) {
            let band = try #require(bounds[String(lane.output.1)])
            for ref in lane.output.2.matches(of: /<bpmn:flowNodeRef>([^<]+)</) {
                let b = try #require(bounds[String(ref.output.1)])
                #expect(b.1 >= band.1 && b.1 + b.3 <= band.1 + band.3, "\(ref.output.1) outside \(lane.output.1)")
                #expect(b.0 >= band.0 && b.0 + b.2 <= band.0 + band.2)
            }
        }
    }

    /// Gateways chosen for a hand-made process (counted by hand): two
    /// starts behind one start event (a parallel split), a parallel split
    /// after a, a join before d of a's two branches and of the second start
    /// (inclusive: not all from one kind of split), a decision at d, a join
    /// before e of d's branch and g's loop back (exclusive: a loop closes
    /// there), a join before g of e and f (inclusive: e is itself a join),
    /// a decision at g, and one end, after h.
    @Test func gatewayKinds() throws {
        let w = try Self.parse(
            """
            procedure "Gateways"
            step a "A" 1h
            step z "Z" 1h
            step b "B" 1h
            step c "C" 2h
            step d "D" 1h
            step e "E" 1h
            step f "F" 1h
            step g "G" 1h
            step h "H" 1h
            start a z
            a -> b
            a -> c
            b -> d
            c -> d
            z -> d
            d -> e 30%
            d -> f 70%
            e -> g
            f -> g
            g -> e 10%
            g -> h 90%
            """)
        let xml = try BPMNExport.export(w).xml
        #expect(xml.matches(of: /<bpmn:parallelGateway\s/).count == 2)
        #expect(xml.matches(of: /<bpmn:exclusiveGateway\s/).count == 3)
        #expect(xml.matches(of: /<bpmn:inclusiveGateway\s/).count == 2)
        #expect(xml.matches(of: /<bpmn:endEvent\s/).count == 1)
        #expect(xml.matches(of: /<bpmn:task\s/).count == 9)
        let back = try BPMNImport.read(Data(xml.utf8), name: "x").workflow
        #expect(back.steps.map(\.label) == ["A", "Z", "B", "C", "D", "E", "F", "G", "H"])
        #expect(back.starts == [0, 1])
        #expect(back.arrows.count == w.arrows.count)
    }

    /// Durations written for Prosimos, by hand (1 h = 3 600 s):
    /// 2 h + wait 1 h → fix 10 800; 1..3 h → uniform 3 600..10 800;
    /// 1h..2h..6h → PERT mean (1 + 8 + 6) / 6 = 2.5 h = 9 000 s, standard
    /// deviation √((2.5 − 1)(6 − 2.5) / 7) = √0.75 h = 3 117.691 s.
    @Test func scenarioDurationsByHand() throws {
        let w = try Self.parse(
            """
            procedure "Times"
            step a "A" 2h wait 1h
            step b "B" 1h..3h
            step c "C" 1h..2h..6h
            a -> b 40%
            a -> c 60%
            """)
        let out = try BPMNExport.export(w)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ProsimosScenario.write(w, out).utf8)) as? [String: Any])
        let tasks = try #require(json["task_resource_distribution"] as? [[String: Any]])
        func dist(_ task: String) throws -> (String, [Double]) {
            let t = try #require(tasks.first { $0["task_id"] as? String == task })
            let r = try #require((t["resources"] as? [[String: Any]])?.first)
            let params = (r["distribution_params"] as? [[String: Any]] ?? []).map { ($0["value"] as! NSNumber).doubleValue }
            return (r["distribution_name"] as! String, params)
        }
        #expect(try dist("Task_1") == ("fix", [10_800]))
        #expect(try dist("Task_2") == ("uniform", [3_600, 10_800]))
        let (name, p) = try dist("Task_3")
        #expect(name == "norm")
        #expect(p[0] == 9_000 && abs(p[1] - 3_117.691) < 0.001 && p[2] == 3_600 && p[3] == 21_600)
        let gateways = try #require(json["gateway_branching_probabilities"] as? [[String: Any]])
        let values = (gateways.first?["probabilities"] as? [[String: Any]] ?? []).map { ($0["value"] as! NSNumber).doubleValue }
        #expect(gateways.count == 1 && values == [0.4, 0.6])
    }

    /// Each distribution Prosimos writes, read as the language's times (by
    /// hand, seconds / 3 600): fix 7 200 → 2 h; uniform 3 600..10 800 →
    /// 1h..3h; norm mean 9 000 in 3 600..21 600 → three-point with likely
    /// (6·2.5 − 1 − 6) / 4 = 2 h; expon mean 7 200 in 0..36 000 → likely
    /// (12 − 0 − 10) / 4 = 0.5 h, PERT mean (0 + 2 + 10) / 6 = 2 h;
    /// lognorm and gamma mean 14 400 in 3 600..28 800 → likely (24 − 1 − 8)
    /// / 4 = 3.75 h, mean (1 + 15 + 8) / 6 = 4 h; norm without bounds → its
    /// mean.
    @Test func scenarioDistributionsRead() throws {
        let json = """
            {"gateway_branching_probabilities": [{"gateway_id": "g", "probabilities": [{"path_id": "f1", "value": 0.25}, {"path_id": "f2", "value": "0.75"}]}],
             "task_resource_distribution": [
              {"task_id": "fix", "resources": [{"resource_id": "r", "distribution_name": "fix", "distribution_params": [{"value": 7200}]}]},
              {"task_id": "uni", "resources": [{"resource_id": "r", "distribution_name": "uniform", "distribution_params": [{"value": 3600}, {"value": 10800}]}]},
              {"task_id": "nor", "resources": [{"resource_id": "r", "distribution_name": "norm", "distribution_params": [{"value": 9000}, {"value": 3000}, {"value": 3600}, {"value": 21600}]}]},
              {"task_id": "exp", "resources": [{"resource_id": "r", "distribution_name": "expon", "distribution_params": [{"value": 7200}, {"value": 0}, {"value": 36000}]}]},
              {"task_id": "log", "resources": [{"resource_id": "r", "distribution_name": "lognorm", "distribution_params": [{"value": 14400}, {"value": 1e7}, {"value": 3600}, {"value": 28800}]}]},
              {"task_id": "gam", "resources": [{"resource_id": "r", "distribution_name": "gamma", "distribution_params": [{"value": 14400}, {"value": 1e7}, {"value": 3600}, {"value": 28800}]}]},
              {"task_id": "open", "resources": [{"resource_id": "r", "distribution_name": "norm", "distribution_params": [{"value": 5400}, {"value": 600}]}]}
             ]}
            """
        let s = try ProsimosScenario.read(Data(json.utf8))
        #expect(s.flowProbabilities == ["f1": 0.25, "f2": 0.75])
        #expect(s.taskDurations["fix"] == .single(2))
        #expect(s.taskDurations["uni"] == .range(min: 1, max: 3))
        #expect(s.taskDurations["nor"] == .threePoint(min: 1, likely: 2, max: 6))
        #expect(s.taskDurations["exp"] == .threePoint(min: 0, likely: 0.5, max: 10))
        #expect(s.taskDurations["exp"]?.mean == 2)
        #expect(s.taskDurations["log"] == .threePoint(min: 1, likely: 3.75, max: 8))
        #expect(s.taskDurations["gam"]?.mean == 4)
        #expect(s.taskDurations["open"] == .single(1.5))
    }

    @Test func badScenarios() {
        let cases: [(String, String)] = [
            ("not json", "not valid JSON"),
            ("[1, 2]", "not a JSON object"),
            (
                #"{"task_resource_distribution": [{"task_id": "t", "resources": [{"distribution_name": "weibull", "distribution_params": []}]}]}"#,
                "'weibull' is not one flowcut reads"
            ),
            (
                #"{"task_resource_distribution": [{"task_id": "t", "resources": [{"distribution_name": "norm", "distribution_params": [{"value": -5}, {"value": 1}]}]}]}"#,
                "non-negative"
            ),
            (#"{"gateway_branching_probabilities": [{"gateway_id": "g", "probabilities": [{"path_id": "f", "value": 1.5}]}]}"#, "not between 0 and 1"),
        ]
        for (text, expected) in cases {
            #expect(throws: ImportError.self) { try ProsimosScenario.read(Data(text.utf8)) }
            do { _ = try ProsimosScenario.read(Data(text.utf8)) } catch { #expect(error.message.contains(expected), "\(error.message)") }
        }
    }

    /// A model too big for dot's layout in reasonable time (16 000 steps;
    /// the file is over 10 MB, which libxml2 refuses in a single chunk):
    /// exported with the plain column layout and imported back whole.
    @Test func aBigModelGoesOutAndComesBack() throws {
        let n = 16_000
        var text = "procedure \"Big\"\nactor a \"A\"\n"
        for i in 0..<n { text += "step s\(i) \"Step \(i)\" by a 1h\n" }
        let w = try Self.parse(text)
        let out = try BPMNExport.export(w)
        #expect(out.xml.utf8.count > 10_000_000)
        let back = try BPMNImport.read(Data(out.xml.utf8), name: "x").workflow
        #expect(back.steps.count == n)
        #expect(back.arrows.count == n - 1)
        // Columns from the start: the last task is n + 1 columns along
        // (the start event is column 0), 150 points each.
        let last = try #require(out.xml.firstMatch(of: /bpmnElement="Task_16000">\s*<dc:Bounds x="([0-9.]+)"/))
        #expect(Double(last.output.1) == 30 + 40 + Double(n) * 150 + 60 - 50)
    }

    /// A scenario that gives times but no branching probabilities: the
    /// decision's branches share equally and the importer says so.
    @Test func aScenarioWithoutProbabilitiesIsReported() throws {
        let w = try Self.parse(
            """
            procedure "Partial"
            step a "A" 1h
            step b "B" 1h
            step c "C" 1h
            a -> b 20%
            a -> c 80%
            """)
        let out = try BPMNExport.export(w)
        var scenario = try ProsimosScenario.read(Data(ProsimosScenario.write(w, out).utf8))
        let full = try BPMNImport.read(Data(out.xml.utf8), name: "x", scenario: scenario)
        #expect(full.findings == [])
        scenario.flowProbabilities = [:]
        let partial = try BPMNImport.read(Data(out.xml.utf8), name: "x", scenario: scenario)
        #expect(partial.findings.map(\.code) == [.equalShares])
        #expect(partial.findings.first?.message.contains("no probabilities in the model; its branches share equally") == true)
        #expect(partial.workflow.arrows.map(\.probability) == [0.5, 0.5])
    }
}
