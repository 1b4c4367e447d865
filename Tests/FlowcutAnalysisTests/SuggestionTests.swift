import FlowcutCore
import FlowcutLanguage
import Testing

@testable import FlowcutAnalysis
@testable import FlowcutSimulation
@testable import FlowcutTiming

/// Every rule against its own examples, and savings against hand work.
struct SuggestionTests {
    static let rules = suggestionRules.map { $0.description.id }

    @Test func theRulesOfTheContractAreAllThere() {
        #expect(
            Self.rules == [
                "paper-handoff", "online-channel", "serial-approvals", "serial-consults",
                "same-actor", "queue-wait", "rework", "benchmark",
            ])
        for rule in suggestionRules {
            #expect(!rule.description.explanation.isEmpty && !rule.description.explanationVietnamese.isEmpty)
            #expect(!rule.description.triggering.isEmpty && !rule.description.nonTriggering.isEmpty)
        }
    }

    @Test(arguments: 0..<suggestionRules.count)
    func ruleFiresOnItsExamplesAndOnlyThere(_ index: Int) throws {
        let rule = suggestionRules[index]
        for example in rule.description.triggering {
            let w = try workflow(example)
            #expect(!rule.candidates(w, Analyzer.analyze(w, options: AnalysisOptions(runs: 0))).isEmpty, "\(rule.description.id) should fire")
        }
        for example in rule.description.nonTriggering {
            let w = try workflow(example)
            #expect(rule.candidates(w, Analyzer.analyze(w, options: AnalysisOptions(runs: 0))).isEmpty, "\(rule.description.id) should not fire")
        }
    }

    /// Constant durations: every saving is exact. By hand: halving the 2d
    /// wait before review saves 1d = 8 h; cutting the 4h handoff saves 4 h;
    /// with 10 dossiers in the latest year, 80 h and 40 h a year.
    @Test func savingsOfConstantProcessesAreExact() throws {
        let w = try workflow(
            """
            procedure "P"
              service level4
              dossiers 2022 online 3 paper 30
              dossiers 2023 online 6 paper 4
            actor mc "Một cửa"
            actor cv "Chuyên viên"
            step receive "Tiếp nhận" by mc 4h intake online
            step route "Chuyển hồ sơ" by mc 4h handoff
            step review "Thẩm định" by cv 1d wait 2d
            step deliver "Trả kết quả" by mc 4h delivery online
            """)
        let suggestions = Suggester.suggestions(Analyzer.analyze(w, options: AnalysisOptions(runs: 500)))
        let byStatement = Dictionary(uniqueKeysWithValues: suggestions.map { ($0.statement, $0) })
        #expect(byStatement["shorten review wait 1d"]?.savingHours == 8)
        #expect(byStatement["shorten review wait 1d"]?.savingPerYearHours == 80)
        #expect(byStatement["cut route"]?.savingHours == 4)
        #expect(byStatement["cut route"]?.rule == RuleID("paper-handoff"))
        // Ranked by saving per year. The benchmark target scales review's
        // duration and wait alike: (8 + 16) × 47.57% = 11.4168 h, first; it is
        // shown, never applied. Then the wait (8 h), then the handoff (4 h).
        #expect(suggestions.first?.statement == "shorten review by 47.57%")
        #expect(abs((suggestions.first?.savingHours ?? 0) - 11.4168) < 1e-9)
        #expect(suggestions.filter { !$0.isTargetOnly }.prefix(2).map(\.statement) == ["shorten review wait 1d", "cut route"])
        // The suggested set never includes a target (benchmark).
        let set = Suggester.suggestedChanges(suggestions, to: w)
        #expect(set.map(\.action).contains(.cut("route")))
        #expect(
            !set.contains {
                if case .shortenBy = $0.action { return true }
                return false
            })
    }

    /// Halving a 20% rework share: by the closed form, review (10 h) runs
    /// 1/(1 − p) times and more (2 h) p/(1 − p) times: at p = 0.2 that is
    /// 12.5 + 0.5 = 13 h, at p = 0.1 11.111 + 0.222 = 11.333 h; saved 1.667 h.
    @Test func reworkSavingMatchesTheClosedForm() throws {
        let w = try workflow(
            """
            procedure "P"
            step review "R" 10h
            step more "M" 2h rework
            step done "D"
            review -> done
            review -> more 20%
            more -> review
            """)
        let s = try #require(Suggester.suggestions(Analyzer.analyze(w, options: AnalysisOptions(runs: 100_000))).first { $0.rule == RuleID("rework") })
        #expect(s.statement == "chance review -> more 10%")
        let expected = (10 / 0.8 + 2 * 0.2 / 0.8) - (10 / 0.9 + 2 * 0.1 / 0.9)
        #expect(abs(s.savingHours - expected) / expected < 0.05)
    }

    /// Fixed steps are never cut or merged, and two suggestions on the same
    /// step never go into the suggested set together.
    @Test func fixedStepsAndConflicts() throws {
        let w = try workflow(
            """
            procedure "P"
              service level3
            actor a "A"
            actor b "B"
            step route "Chuyển" by a 4h handoff paper fixed
            step check "Xem xét" by a 1d approval
            step sign "Ký" by b 1d approval paper
            """)
        let suggestions = Suggester.suggestions(Analyzer.analyze(w, options: AnalysisOptions(runs: 0)))
        #expect(!suggestions.contains { $0.change == .cut("route") })
        let set = Suggester.suggestedChanges(suggestions, to: w)
        for (i, x) in set.enumerated() { for y in set[(i + 1)...] { #expect(!x.action.conflicts(with: y.action)) } }
        // merge check sign removes sign, so online sign cannot join it.
        #expect(set.map(\.action).contains(.merge("check", "sign", actor: "a", duration: nil)))
        #expect(!set.map(\.action).contains(.online(["sign"], duration: nil)))
    }

    /// Conflicts by aspect: removing a step conflicts with anything naming
    /// it; otherwise only changes of the same aspect of one step conflict.
    @Test func conflicts() {
        #expect(ChangeAction.cut("route").conflicts(with: .online(["route"], duration: nil)))
        #expect(ChangeAction.merge("check", "sign", actor: nil, duration: nil).conflicts(with: .shorten("sign", to: .single(1))))
        #expect(ChangeAction.merge("check", "sign", actor: nil, duration: nil).conflicts(with: .shorten("check", to: .single(1))))
        #expect(!ChangeAction.online(["receive"], duration: nil).conflicts(with: .chance(from: "receive", to: "more", percent: 10)))
        #expect(!ChangeAction.shortenWait("review", to: .single(4)).conflicts(with: .shorten("review", to: .single(8))))
        #expect(ChangeAction.shortenBy("review", percent: 50).conflicts(with: .shortenWait("review", to: .single(4))))
        #expect(ChangeAction.parallel("a", "b").conflicts(with: .parallel("b", "c")))
    }

    /// The bundled procedures: every suggestion applies and the set applies.
    @Test func theSuggestedSetOfTheContractExampleApplies() throws {
        let w = try workflow(
            """
            procedure "P"
              service level4
            step receive "R" 4h intake paper
            step route "Ro" 4h handoff paper
            step review "Rv" 2d..3d..5d fixed
            step more "M" 0,5d rework wait 5d
            step check "C" 1d approval
            step deliver "D" 4h delivery paper
            receive -> route -> review -> check -> deliver
            review -> more 15%
            more -> review
            """)
        let suggestions = Suggester.suggestions(Analyzer.analyze(w, options: AnalysisOptions(runs: 2_000)))
        let set = Suggester.suggestedChanges(suggestions, to: w)
        guard case .success(let applied) = ProposalApplier.apply(set, to: w) else {
            Issue.record("the suggested set does not apply")
            return
        }
        #expect(applied.workflow.stepIndex(of: "route") == nil)
        #expect(applied.workflow.steps.allSatisfy { $0.channel != .paper })
    }

    /// Without a simulation (0 cases) no candidate can be metered: each is
    /// analysed again. A budget of one such analysis measures the first
    /// candidate and says how many others were left out; nothing is lost
    /// without being counted.
    @Test func candidatesOverTheBudgetAreCountedNotLost() throws {
        let w = try workflow(
            """
            procedure "P"
              service level4
            step receive "R" 4h intake paper
            step route "Ro" 4h handoff paper
            step review "Rv" 2d approval
            step sign "S" 1d approval
            step deliver "D" 4h delivery paper
            receive -> route -> review -> sign -> deliver
            """)
        let before = Analyzer.analyze(w, options: AnalysisOptions(runs: 0))
        let all = Suggester.measured(before, budget: .max)
        let one = Suggester.measured(before, budget: 1)
        #expect(all.leftOut == 0)
        #expect(all.suggestions.count >= 2)
        #expect(one.suggestions.count == 1)
        #expect(one.leftOut == all.suggestions.count - 1)
    }
}
