import FlowcutCore
import FlowcutLanguage
import Testing

@testable import Flowcut

/// The first proposal block taken out of a file and put back (what the
/// editor of `flowcut serve` edits). Expected texts written by hand.
struct ProposalDraftTests {
    static let process = """
        procedure "P"
        step a "A" 1d
        step b "B" 2d
        a -> b

        """

    static func checked(_ text: String) -> CheckedFile {
        Checker.check(SourceFile(path: "p.flow", text: text), keepSyntax: true)
    }

    @Test func theFirstOfTwoProposalsIsTheDraftAndTheSecondStays() throws {
        let file = Self.process + "proposal \"One\"\n  cut a\n\nproposal \"Two\"\n  cut b\n"
        let draft = try #require(ProposalDraft(Self.checked(file)))
        // The blank line before "Two" belongs to the first block, and is
        // not part of the draft's text.
        #expect(draft.block == "proposal \"One\"\n  cut a")
        #expect(draft.firstLine == 5)  // four lines of process, then the proposal
        let composed = String(decoding: draft.composed("proposal \"One\"\n  shorten b 1d").bytes, as: UTF8.self)
        #expect(composed == Self.process + "proposal \"One\"\n  shorten b 1d\n\nproposal \"Two\"\n  cut b\n")
        // Putting the block back as it was gives the file again.
        #expect(draft.composed(draft.block).bytes == Array(file.utf8))
    }

    @Test func aFileWithoutProposalGetsTheDraftAfterABlankLine() throws {
        let draft = try #require(ProposalDraft(Self.checked(Self.process)))
        #expect(draft.block == "")
        let composed = String(decoding: draft.composed("proposal \"X\"\n  cut a").bytes, as: UTF8.self)
        #expect(composed == Self.process + "\nproposal \"X\"\n  cut a\n")
        // No final line break in the file: one is added before the blank line.
        let bare = try #require(ProposalDraft(Self.checked("procedure \"P\"\nstep a \"A\" 1d")))
        #expect(String(decoding: bare.composed("proposal \"X\"").bytes, as: UTF8.self) == "procedure \"P\"\nstep a \"A\" 1d\n\nproposal \"X\"\n")
    }

    @Test func findingsArePlacedInTheDraftAndTheFilesOwnApart() throws {
        // The file's own warning (an unreachable step) stays the file's; the
        // draft's error is at line 2, columns 7–8 of the draft (by hand:
        // "  cut z" — `z` is the 7th character).
        let file = Self.process.replacingOccurrences(of: "a -> b\n", with: "a -> b\nstep c \"C\" 1d\n") + "proposal \"One\"\n  cut a\n"
        let checkedFile = Self.checked(file)
        let draft = try #require(ProposalDraft(checkedFile))
        let trial = draft.trial("proposal \"One\"\n  cut z")
        #expect(trial.hasErrors)
        #expect(trial.draft.map(\.place) == [DraftPlace(line: 2, column: 7, endColumn: 8)])
        #expect(trial.draft.first?.diagnostic.code.rawValue == "E322")
        #expect(trial.file.map(\.code) == checkedFile.diagnostics.map(\.code))
        #expect(!trial.file.isEmpty, "the file's own finding is kept, apart")
    }
}
