import FlowcutCore
import Testing

@testable import FlowcutLanguage

/// Resolved values checked against hand calculation (each noted inline).
struct ResolverTests {
    func workflow(_ text: String) throws -> Workflow {
        let checked = Checker.check(SourceFile(path: "t.flow", text: text))
        #expect(checked.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        return try #require(checked.workflow)
    }

    /// Every kind of LANGUAGE.md, written after a step's label, is read as
    /// that kind (the parser compares them on bytes, by length).
    @Test func everyStepKindIsRead() throws {
        let kinds = ["intake", "handoff", "work", "approval", "consult", "field", "clerical", "delivery", "rework", "delay"]
        let lines = kinds.enumerated().map { "step s\($0.offset) \"S\" 1h \($0.element)" }
        let w = try workflow("procedure \"P\"\n" + lines.joined(separator: "\n") + "\n")
        #expect(w.steps.map(\.kind.rawValue) == kinds)
    }

    @Test func durationsInWorkingHours() throws {
        let w = try workflow(
            """
            procedure "P"
              workday 7,5h
              deadline 2w
            step a "A" 30m
            step b "B" 0,5d
            step c "C" 1d..2d..4d
            step d "D" 1h..3h wait 1w
            """)
        // 30 min = 0.5 h; half a 7.5 h day = 3.75 h.
        #expect(w.steps[0].duration == .single(0.5))
        #expect(w.steps[1].duration == .single(3.75))
        // 1d..2d..4d at 7.5 h = 7.5..15..30 h; PERT mean (7.5 + 4·15 + 30) / 6 = 16.25 h.
        #expect(w.steps[2].duration == .threePoint(min: 7.5, likely: 15, max: 30))
        #expect(w.steps[2].duration.mean == 16.25)
        // A range's mean is its midpoint: (1 + 3) / 2 = 2 h; a week is 5 days: 37.5 h.
        #expect(w.steps[3].duration.mean == 2)
        #expect(w.steps[3].wait == .single(37.5))
        // 2 weeks = 10 days = 75 h.
        #expect(w.deadline == 75)
    }

    @Test func decisionArrowsShareTheRemainder() throws {
        let w = try workflow(
            """
            procedure "P"
            step a "A"
            step b "B"
            step c "C"
            step d "D"
            step e "E"
            a -> b 40%
            a -> c
            a -> d
            a -> e 10%
            """)
        // 100% − 40% − 10% = 50%, shared by two arrows: 25% each.
        #expect(w.arrows.map(\.probability) == [0.4, 0.25, 0.25, 0.1])
        #expect(w.isDecision(0))
    }

    @Test func parallelSplitArrowsAllStart() throws {
        let w = try workflow("procedure \"P\"\nstep a \"A\"\nstep b \"B\"\nstep c \"C\"\na -> b\na -> c\n")
        #expect(w.arrows.map(\.probability) == [1, 1])
        #expect(!w.isDecision(0))
    }

    @Test func aLoopLeftThroughADecisionIsValid() throws {
        // The contract's example: review -> more 15%, more -> review.
        let w = try workflow(
            """
            procedure "P"
            step review "R"
            step more "M" rework
            step done "D"
            review -> done
            review -> more 15%
            more -> review
            """)
        #expect(w.reworkLoops == [[0, 1]])
    }

    @Test func aLoopInsideAParallelBlockLeftByItsJoinDecision() throws {
        // a splits into b and c, both join at d; d loops back 20% or ends 80%.
        _ = try workflow(
            """
            procedure "P"
            step a "A"
            step b "B"
            step c "C"
            step d "D"
            step e "E"
            a -> b -> d
            a -> c -> d
            d -> a 20%
            d -> e 80%
            """)
    }

    @Test func multipleStartsAndTheDefaultStart() throws {
        let two = try workflow("procedure \"P\"\nstep a \"A\"\nstep b \"B\"\nstep c \"C\"\nstart b c\nb -> a\nc -> a\n")
        #expect(two.starts == [1, 2])
        let one = try workflow("procedure \"P\"\nstep a \"A\"\nstep b \"B\"\n")
        #expect(one.starts == [0])
        #expect(one.arrows.count == 1)  // no flows: a -> b in declared order
    }

    @Test func headerAnywhereBeforeTheFirstProposal() throws {
        let w = try workflow(
            """
            procedure "P"
            step a "A"
            dossiers 2023 paper 7
            service full
            dossiers 2022 online 3 paper 4
            """)
        #expect(w.service == .full)
        #expect(w.dossiers == [DossierCount(year: 2022, online: 3, paper: 4), DossierCount(year: 2023, online: 0, paper: 7)])
        #expect(w.latestDossiers?.total == 7)
    }

    @Test func keywordsAreNotReservedWhereThePositionIsClear() throws {
        let w = try workflow(
            """
            procedure "P"
            actor by "By"
            step step "S" by by
            step online "O" online
            step -> online
            proposal "X"
              online online
            """)
        #expect(w.steps.map(\.id) == ["step", "online"])
        #expect(w.steps[0].actor == "by")
        #expect(w.proposals[0].changes[0].action == .online(["online"], duration: nil))
    }

    @Test func identifiersWithHyphensAndArrowsWithoutSpaces() throws {
        let w = try workflow("procedure \"P\"\nstep xa-receive \"A\"\nstep b \"B\"\nxa-receive->b\n")
        #expect(w.arrows.count == 1)
        #expect(w.steps[w.arrows[0].from].id == "xa-receive")
    }

    @Test func unreachableStepAndIdleActorAreWarnings() throws {
        let checked = Checker.check(
            SourceFile(
                path: "t.flow",
                text: """
                    procedure "P"
                    actor idle "I"
                    step a "A"
                    step b "B"
                    step c "C"
                    a -> b
                    """))
        #expect(!checked.hasErrors)
        #expect(
            checked.diagnostics.map(\.message) == [
                "actor 'idle' performs no step",
                "step 'c' is never reached from the start",
            ])
        #expect(checked.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func proposalStatementsResolve() throws {
        let w = try workflow(
            """
            procedure "P"
            actor x "X"
            step a "A" 1d
            step b "B" 1d
            step c "C"
            step d "D"
            a -> d 10%
            a -> b 90%
            b -> c
            proposal "All forms"
              shorten a 4h "r"
              shorten a wait 1h
              shorten b by 50%
              merge b c by x 2h
              online a b 1h
              chance a -> d 5%
            proposal "Parallel"
              parallel b c
            """)
        #expect(w.proposals.map(\.name) == ["All forms", "Parallel"])
        #expect(
            w.proposals[0].changes.map(\.action) == [
                .shorten("a", to: .single(4)),
                .shortenWait("a", to: .single(1)),
                .shortenBy("b", percent: 50),
                .merge("b", "c", actor: "x", duration: .single(2)),
                .online(["a", "b"], duration: .single(1)),
                .chance(from: "a", to: "d", percent: 5),
            ])
        #expect(w.proposals[0].changes[0].reason == "r")
    }
}
