import FlowcutCore
import Foundation
import Testing

@testable import FlowcutLanguage

/// Each change statement on a small workflow; the after graph was worked out
/// by hand and is compared as "from -> to p%" lines.
struct ProposalApplierTests {
    func workflow(_ text: String) throws -> Workflow {
        let checked = Checker.check(SourceFile(path: "t.flow", text: text))
        #expect(checked.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        guard let w = checked.workflow else { throw CheckFailed() }
        return w
    }

    struct CheckFailed: Error {}

    /// The file's first proposal applied.
    func after(_ text: String) throws -> Workflow {
        let w = try workflow(text)
        switch ProposalApplier.apply(w.proposals[0].changes, to: w) {
        case .success(let applied): return applied.workflow
        case .failure(let e):
            Issue.record("\(e.message)")
            throw CheckFailed()
        }
    }

    /// The apply error of the first proposal.
    func failure(_ text: String) throws -> ApplyError? {
        let w = try workflow(text)
        if case .failure(let e) = ProposalApplier.apply(w.proposals[0].changes, to: w) { return e }
        return nil
    }

    func arrows(_ w: Workflow) -> [String] {
        w.arrows.map { "\(w.steps[$0.from].id) -> \(w.steps[$0.to].id) \(formatNumber($0.probability * 100))%" }
    }

    @Test func cutInADecisionMultipliesProbabilities() throws {
        // a chooses x (30%) or y (70%); x chooses p or q (50% each).
        // Cut x: a -> p 30% × 50% = 15%, a -> q 15%, a -> y 70%.
        let w = try after(
            """
            procedure "P"
            step a "A"
            step x "X"
            step y "Y"
            step p "P"
            step q "Q"
            a -> x 30%
            a -> y 70%
            x -> p 50%
            x -> q 50%
            proposal "cut"
              cut x
            """)
        #expect(arrows(w) == ["a -> p 15%", "a -> q 15%", "a -> y 70%"])
        #expect(w.steps.map(\.id) == ["a", "y", "p", "q"])
    }

    @Test func cutTheReworkStepOfALoopMakesASelfLoop() throws {
        // review -> more 15% -> review: without more, review returns to
        // itself with the same 15%.
        let w = try after(
            """
            procedure "P"
            step review "R" 1d
            step more "M" 2h rework
            step check "C" 1d
            review -> check
            review -> more 15%
            more -> review
            proposal "cut"
              cut more
            """)
        #expect(arrows(w) == ["review -> check 85%", "review -> review 15%"])
    }

    @Test func mergeTwoApprovals() throws {
        // check (1d, ldp) then sign (2d, lds): one step "check" with both
        // labels, by ldp as written, and the longer duration, 2d.
        let w = try after(
            """
            procedure "P"
            actor ldp "L"
            actor lds "S"
            step draft "D" 1d
            step check "Xem xét" by ldp 1d approval
            step sign "Ký" by lds 2d approval
            step stamp "S" 1h
            draft -> check -> sign -> stamp
            proposal "merge"
              merge check sign by ldp
            """)
        #expect(w.steps.map(\.id) == ["draft", "check", "stamp"])
        #expect(w.steps[1].label == "Xem xét; Ký")
        #expect(w.steps[1].actor == "ldp")
        #expect(w.steps[1].duration == .single(16))
        #expect(arrows(w) == ["draft -> check 100%", "check -> stamp 100%"])
    }

    @Test func parallelTwoConsultations() throws {
        // receive -> police (5d) -> tax (3d) -> decide becomes: tax waits for
        // receive instead of police; decide waits for both.
        let w = try after(
            """
            procedure "P"
            step receive "R" 4h
            step police "C" 5d consult
            step tax "T" 3d consult
            step decide "D" 1d
            receive -> police -> tax -> decide
            proposal "parallel"
              parallel police tax
            """)
        #expect(Set(arrows(w)) == ["receive -> police 100%", "tax -> decide 100%", "receive -> tax 100%", "police -> decide 100%"])
    }

    @Test func chanceRescalesTheOtherArrows() throws {
        // b 20% → 10%; c and d share the other 90% in their old proportion
        // 30:50: c = 30 × 0.9/0.8 = 33.75%, d = 50 × 0.9/0.8 = 56.25%.
        let w = try after(
            """
            procedure "P"
            step a "A"
            step b "B"
            step c "C"
            step d "D"
            a -> b 20%
            a -> c 30%
            a -> d 50%
            proposal "chance"
              chance a -> b 10%
            """)
        #expect(arrows(w) == ["a -> b 10%", "a -> c 33.75%", "a -> d 56.25%"])
    }

    @Test func shortenOnlineAndTheirForms() throws {
        let w = try after(
            """
            procedure "P"
            step a "A" 2d wait 1d paper
            step b "B" 1d..2d..6d wait 4h
            step c "C" 3h paper
            proposal "all"
              shorten a 1d
              shorten a wait 2h
              shorten b by 50%
              online a c 1h
            """)
        // a: 1d (8 h), wait 2 h, then online with 1 h; b halved: 4h..8h..24h, wait 2 h; c online, 1 h.
        #expect(w.steps[0].duration == .single(1))
        #expect(w.steps[0].wait == .single(2))
        #expect(w.steps[0].channel == .online)
        #expect(w.steps[1].duration == .threePoint(min: 4, likely: 8, max: 24))
        #expect(w.steps[1].wait == .single(2))
        #expect(w.steps[2].channel == .online)
        #expect(w.steps[2].duration == .single(1))
    }

    // MARK: Errors, with exact messages

    @Test func cutOfAFixedStep() throws {
        let w = try workflow("procedure \"P\"\nstep a \"A\" fixed\nstep b \"B\"\n")
        let result = ProposalApplier.apply([Change(.cut("a"))], to: w)
        guard case .failure(let e) = result else {
            Issue.record("applied")
            return
        }
        #expect(e.message == "cannot cut 'a': it is fixed (required by law)")
    }

    @Test func mergeOfUnconnectedSteps() throws {
        let w = try workflow("procedure \"P\"\nstep a \"A\"\nstep b \"B\"\nstep c \"C\"\n")
        guard case .failure(let e) = ProposalApplier.apply([Change(.merge("a", "c", actor: nil, duration: nil))], to: w) else {
            Issue.record("applied")
            return
        }
        #expect(e.message == "cannot merge 'a' and 'c': merge needs A's only successor to be B and B's only predecessor to be A")
    }

    /// A decision's branch starts one step; `parallel` cannot make it start
    /// two (it used to add the branch's share twice, and read back with the
    /// second arrow at 0%: B never ran on that branch).
    @Test func parallelOfABranchOfADecision() throws {
        let w = try workflow(
            """
            procedure "P"
            step a "A"
            step x "X"
            step y "Y"
            step z "Z"
            a -> x 40%
            a -> z
            x -> y
            z -> y
            """)
        guard case .failure(let e) = ProposalApplier.apply([Change(.parallel("x", "y"))], to: w) else {
            Issue.record("applied")
            return
        }
        #expect(e.message == "cannot parallel 'x' and 'y': 'x' is a branch of the decision at 'a', and a branch starts one step")
    }

    @Test func aChangeThatLeavesALoopWithoutExit() throws {
        // b returns to a (50%) or goes on to c (50%). Sending all of b's
        // cases back to a leaves the loop a -> b -> a with no way out.
        let e = try #require(
            try failure(
                """
                procedure "P"
                step a "A"
                step b "B"
                step c "C"
                a -> b
                b -> a 50%
                b -> c 50%
                proposal "X"
                  chance b -> a 100%
                """))
        #expect(
            e.message
                == "this change leaves an invalid process: rework loop with no way out: a -> b -> a; give one of its steps a decision arrow with a probability that leaves the loop"
        )
        #expect(e.change.range?.line == 9)
    }

    @Test func aStepNamedAfterItWasMergedAway() throws {
        let e = try #require(
            try failure(
                """
                procedure "P"
                step a "A"
                step b "B"
                step c "C"
                proposal "X"
                  merge a b
                  online b
                """))
        #expect(e.message == "'b' no longer exists: an earlier change of this proposal removed it")
        #expect(e.change.range?.line == 7)
    }

    // MARK: Round trips

    /// `flowcut apply` output reads back to the same model, for every
    /// proposal of every bundled workflow.
    @Test(arguments: FormatterTests.bundled)
    func appliedTextReadsBackToTheSameModel(_ name: String) throws {
        let url = FormatterTests.root.appendingPathComponent("workflows").appendingPathComponent(name)
        let w = try #require(Checker.check(SourceFile(path: name, bytes: [UInt8](try Data(contentsOf: url)))).workflow)
        for proposal in w.proposals {
            guard case .success(let applied) = ProposalApplier.apply(proposal.changes, to: w) else {
                Issue.record("\(name): \(proposal.name) does not apply")
                continue
            }
            let again = Checker.check(SourceFile(path: "after.flow", text: applied.text))
            #expect(again.workflow?.dump() == applied.workflow.dump())
            // The same text as printing and checking after every change gives.
            guard case .success(let printed) = ProposalApplier.applyPrinting(proposal.changes, to: w, layout: true) else {
                Issue.record("\(name): \(proposal.name) does not apply the printing way")
                continue
            }
            #expect(printed.text == applied.text, "\(name): \(proposal.name)")
        }
        // Printing the before workflow reads back to it too (proposals aside).
        // The printer writes every share of a decision that the file left to
        // be shared, so only the `written=` notes may differ.
        var plain = w
        plain.proposals = []
        let printed = Checker.check(SourceFile(path: "before.flow", text: WorkflowPrinter.text(plain)))
        let effective = { (dump: String?) in dump?.replacing(/\ written=[0-9.]+%/, with: "") }
        #expect(effective(printed.workflow?.dump()) == effective(plain.dump()))
    }
}
