import FlowcutCore
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// The critical path method, against published examples and hand work.
struct CriticalPathTests {
    /// The `criticalpath` Python package's README: A3, B3, C4, D6, E5; A
    /// before B, C, D; B, C, D before E. Its answer: path A-D-E, duration 14.
    @Test func criticalpathPackageReadme() throws {
        let w = try workflow(
            """
            procedure "criticalpath README"
            step A "A" 3h
            step B "B" 3h
            step C "C" 4h
            step D "D" 6h
            step E "E" 5h
            A -> B -> E
            A -> C -> E
            A -> D -> E
            """)
        let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
        #expect(a.mainLeadTime == 14)
        #expect(ids(w, a.criticalPath.steps) == ["A", "D", "E"])
        // By hand: E starts at 3 + 6 = 9, so its latest start is 9; B may
        // finish by 9 (slack 9 − 6 = 3), C by 9 (slack 9 − 7 = 2).
        #expect(try schedule(a, "B").slack == 3)
        #expect(try schedule(a, "C").slack == 2)
        #expect(try schedule(a, "D").slack == 0)
        #expect(try schedule(a, "E") == StepSchedule(earliestStart: 9, earliestFinish: 14, latestStart: 9, latestFinish: 14))
    }

    /// The MS Project example from projmanr issue 9 (bgreenawald/projmanr#9):
    /// MS Project gives 40 days; projmanr's wrong answer was 63 (the sum of
    /// the critical items). Start and finish milestones (0 days) are left
    /// out: A, B and C start, D, G, J and K end.
    @Test func projmanrIssue9() throws {
        let w = try workflow(
            """
            procedure "projmanr #9"
              workday 24h
            step A "A" 8d
            step B "B" 14d
            step C "C" 15d
            step D "D" 17d
            step E "E" 10d
            step F "F" 7d
            step G "G" 18d
            step H "H" 5d
            step I "I" 2d
            step J "J" 17d
            step K "K" 14d
            start A B C
            A -> D
            B -> D
            A -> E
            A -> F
            B -> F
            C -> G
            B -> H
            E -> H
            F -> I
            H -> J
            I -> J
            H -> K
            I -> K
            """)
        let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
        #expect(a.mainLeadTime == 40 * 24)
        // Two paths are tied at 40 days: A-E-H-J (8+10+5+17) and B-F-I-J
        // (14+7+2+17); H -> J is written before I -> J, so A-E-H-J, as
        // MS Project reports it.
        #expect(ids(w, a.criticalPath.steps) == ["A", "E", "H", "J"])
        // Earliest starts by hand, in days: D 14, E 8, F 14, G 15, H 18, I 21, J 23, K 23.
        let expected: [String: Double] = ["A": 0, "B": 0, "C": 0, "D": 14, "E": 8, "F": 14, "G": 15, "H": 18, "I": 21, "J": 23, "K": 23]
        for (id, days) in expected { #expect(try schedule(a, id).earliestStart == days * 24, "\(id)") }
        // Slack by hand, in days: C 7 (G may finish at 40), D 9, G 7, K 3; B, F, I 0 (the tied path).
        let slack: [String: Double] = ["A": 0, "B": 0, "C": 7, "D": 9, "E": 0, "F": 0, "G": 7, "H": 0, "I": 0, "J": 0, "K": 3]
        for (id, days) in slack { #expect(try schedule(a, id).slack == days * 24, "\(id)") }
    }

    /// Two consultations in parallel: the lead time follows the longer one.
    @Test func parallelConsultationsWithSlack() throws {
        let w = try workflow(
            """
            procedure "P"
            step receive "Tiếp nhận" 4h
            step police  "Công an"  5d consult
            step tax     "Thuế"     3d consult
            step decide  "Quyết định" 1d wait 2h
            receive -> police -> decide
            receive -> tax -> decide
            """)
        let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
        // 4 + 40 + (2 + 8) = 54 h; tax finishes at 28, may finish at 44: slack 16.
        #expect(a.mainLeadTime == 54)
        #expect(ids(w, a.criticalPath.steps) == ["receive", "police", "decide"])
        #expect(try schedule(a, "tax").slack == 16)
    }

    /// The main scenario takes the most probable branch and no loop.
    @Test func mainScenarioOfTheContractExample() throws {
        let w = try workflow(
            """
            procedure "P"
            step receive  "R" 4h
            step route    "Ro" 4h
            step review   "Rv" 2d..3d..5d
            step more     "M" 0,5d rework wait 5d
            step check    "C" 1d
            step sign     "S" 1d
            step stamp    "St" 4h
            step deliver  "D" 4h
            receive -> route -> review -> check -> sign -> stamp -> deliver
            review -> more 15%
            more -> review
            """)
        let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
        // 4 + 4 + PERT (16 + 4·24 + 40)/6 = 25.333… + 8 + 8 + 4 + 4 = 57.333… h.
        let expected: Double = 32 + 152.0 / 6
        #expect(near(a.mainLeadTime, expected))
        #expect(ids(w, a.criticalPath.steps) == ["receive", "route", "review", "check", "sign", "stamp", "deliver"])
        #expect(!a.scenario.contains[w.stepIndex(of: "more")!])
        // more -> review closes the loop: review lies on every path to more.
        let back = w.arrows.firstIndex { w.steps[$0.from].id == "more" }!
        #expect(a.structure.closesLoop[back])
        #expect(a.structure.closesLoop.count { $0 } == 1)
    }

    /// Decisions: the scenario skips a branch that can only loop, even when
    /// it is the most probable one.
    @Test func mainScenarioAvoidsABranchThatCannotEnd() throws {
        let w = try workflow(
            """
            procedure "P"
            step a "A" 1h
            step redo "Redo" 1h rework
            step b "B" 2h
            a -> redo 60%
            a -> b 40%
            redo -> a
            """)
        let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
        #expect(ids(w, a.criticalPath.steps) == ["a", "b"])
        #expect(a.mainLeadTime == 3)
    }

    /// Handoffs count main-scenario arrows between different actors; PCE is
    /// work-step duration on the critical path over the main lead time.
    @Test func handoffsAndProcessCycleEfficiency() throws {
        let w = try workflow(
            """
            procedure "P"
            actor x "X"
            actor y "Y"
            step a "A" by x 2h intake
            step b "B" by x 6h work wait 2h
            step c "C" by y 4h approval
            step d "D" by x 4h delivery
            a -> b -> c -> d
            """)
        let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
        // b -> c and c -> d change actor: 2 handoffs. Lead 2 + 8 + 4 + 4 = 18;
        // work time on the path: b's 6 h → PCE 6/18.
        #expect(a.handoffs == 2)
        #expect(near(try #require(a.pce), 6.0 / 18))
        #expect(a.mainLeadTime == 18)
        // Without a simulation, work per actor counts main-scenario steps once: x 12 h, y 4 h.
        #expect(a.actors.map(\.hours) == [12, 4])
    }

    /// Declared actors are compared by number; a workflow built in code may
    /// name an actor it does not declare, and a step may have none: there
    /// the IDs decide. a (x) -> b (z) is a handoff, b (z) -> c (z) is not,
    /// nor are c (z) -> d (no actor) and d -> e (x): one, by hand.
    @Test func handoffsBetweenUndeclaredActorsAreFoundByTheirIDs() {
        let w = Workflow(
            name: "P", actors: [Actor(id: "x", label: "X")],
            steps: [
                Step(id: "a", label: "A", actor: "x", duration: .single(1)),
                Step(id: "b", label: "B", actor: "z", duration: .single(1)),
                Step(id: "c", label: "C", actor: "z", duration: .single(1)),
                Step(id: "d", label: "D", duration: .single(1)),
                Step(id: "e", label: "E", actor: "x", duration: .single(1)),
            ],
            arrows: (0..<4).map { Arrow(from: $0, to: $0 + 1) })
        let a = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
        #expect(a.handoffs == 1)
    }
}
