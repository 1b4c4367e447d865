import FlowcutCore
import Testing

@testable import FlowcutLanguage

/// One malformed input and the first error it must produce. Line and column
/// were counted by hand on the source text (columns in characters, 1-based);
/// the messages are the wording docs/language.md promises.
struct Malformed: CustomTestStringConvertible, Sendable {
    var name: String
    var source: [UInt8]
    var line: Int
    var column: Int
    var message: String

    init(_ name: String, _ source: String, _ line: Int, _ column: Int, _ message: String) {
        self.init(name, Array(source.utf8), line, column, message)
    }

    init(_ name: String, _ bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
        self.name = name
        source = bytes
        self.line = line
        self.column = column
        self.message = message
    }

    var testDescription: String { name }
}

private let p = "procedure \"P\"\n"

let malformedInputs: [Malformed] = [
    // Names
    .init(
        "unknown actor, with suggestion", p + "actor ldp \"L\"\nstep s \"S\" by ldpp 1d\n", 3, 15,
        "unknown actor 'ldpp'; did you mean 'ldp'?"),
    .init(
        "unknown actor, none declared", p + "step s \"S\" by cv 1d\n", 2, 15,
        "unknown actor 'cv'; declare it with actor cv \"Label\""),
    .init(
        "unknown step in a flow, swapped letters", p + "step review \"R\"\nstep sign \"S\"\nreview -> sgin\n", 4, 11,
        "unknown step 'sgin'; did you mean 'sign'?"),
    .init(
        "unknown step in a flow, nothing close", p + "step review \"R\"\nreview -> zzz\n", 3, 11,
        "unknown step 'zzz'"),
    .init("unknown first step of a flow", p + "step a \"A\"\nstep b \"B\"\nx -> b\n", 4, 1, "unknown step 'x'"),
    .init("unknown start step", p + "step a \"A\"\nstart q\n", 3, 7, "unknown step 'q'"),
    .init("duplicate step", p + "step a \"A\"\nstep a \"B\"\n", 3, 6, "step 'a' is declared twice"),
    .init("duplicate actor", p + "actor x \"X\"\nactor x \"Y\"\nstep a \"A\" by x\n", 3, 7, "actor 'x' is declared twice"),
    .init(
        "non-ASCII step ID", p + "step bước \"B\"\n", 2, 6,
        "'bước' is not a valid name; names are ASCII letters, digits, '_' and '-' (labels go in quotes)"),
    // Durations
    .init("bad unit 3x", p + "step a \"A\" 3x\n", 2, 12, "unknown unit 'x' in '3x'; use m, h, d or w"),
    .init("unit written as a word", p + "step a \"A\" 2days\n", 2, 12, "unknown unit 'days' in '2days'; did you mean '2d'?"),
    .init("negative duration", p + "step a \"A\" -2d\n", 2, 12, "a duration cannot be negative ('-2d')"),
    .init("range min over max", p + "step a \"A\" 5d..2d\n", 2, 12, "the minimum 5d is greater than the maximum 2d in '5d..2d'"),
    .init(
        "three-point likely below min", p + "step a \"A\" 2d..1d..3d\n", 2, 12,
        "the most likely 1d is outside 2d..3d in '2d..1d..3d'; a three-point estimate is MIN..LIKELY..MAX"),
    .init(
        "four points", p + "step a \"A\" 1d..2d..3d..4d\n", 2, 12,
        "'1d..2d..3d..4d' has 4 points; a duration has one, two (MIN..MAX) or three (MIN..LIKELY..MAX)"),
    .init(
        "number without unit", p + "step a \"A\" 4\n", 2, 12,
        "'4' needs a unit: m (minutes), h (working hours), d (working days) or w (working weeks)"),
    .init("negative wait", p + "step a \"A\" wait -1h\n", 2, 17, "a duration cannot be negative ('-1h')"),
    .init("workday in days", p + "workday 1d\nstep a \"A\"\n", 2, 9, "give the workday in hours (workday 8h), not in 'd'"),
    .init("deadline as a range", p + "deadline 5d..7d\nstep a \"A\"\n", 2, 10, "the deadline is one duration, not a range ('5d..7d')"),
    // Probabilities and decisions
    .init("probability over 100%", p + "step a \"A\"\nstep b \"B\"\na -> b 120%\n", 4, 8, "probability 120% is over 100%"),
    .init(
        "decision short of 100%", p + "step a \"A\"\nstep b \"B\"\nstep c \"C\"\na -> b 30%\na -> c 30%\n", 5, 6,
        "the probabilities of decision 'a' add up to 60%; they must add up to 100% (or leave one arrow without a probability to take the rest)"),
    .init(
        "decision over 100% with a shared arrow",
        p + "step a \"A\"\nstep b \"B\"\nstep c \"C\"\nstep d \"D\"\na -> b 70%\na -> c 40%\na -> d\n", 6, 6,
        "the probabilities of decision 'a' add up to 110%, over 100%"),
    .init("arrow written twice", p + "step a \"A\"\nstep b \"B\"\na -> b\na -> b\n", 5, 6, "the arrow a -> b is written twice"),
    // Loops
    .init(
        "loop with no way out", p + "step a \"A\"\nstep b \"B\"\na -> b\nb -> a\n", 5, 6,
        "rework loop with no way out: a -> b -> a; give one of its steps a decision arrow with a probability that leaves the loop"),
    .init(
        "self-loop with no way out", p + "step a \"A\"\nstep b \"B\"\na -> a\na -> b\n", 4, 6,
        "rework loop with no way out: a -> a; give one of its steps a decision arrow with a probability that leaves the loop"),
    .init(
        "loops that only lead into each other",
        p + "step a \"A\"\nstep b \"B\"\nstep c \"C\"\na -> b\nb -> a 50%\nb -> c 50%\nc -> b\n", 6, 6,
        "loop with no arrow out of it: a -> b -> a; give one of its steps a decision arrow with a probability that leaves the loop"),
    // Header and structure
    .init("header property twice", p + "  deadline 5d\n  deadline 6d\nstep a \"A\"\n", 3, 3, "'deadline' is given twice"),
    .init(
        "dossiers year twice", p + "dossiers 2021 online 1\ndossiers 2021 paper 2\nstep a \"A\"\n", 3, 10,
        "dossiers for 2021 are given twice"),
    .init("procedure twice", p + "procedure \"Q\"\nstep a \"A\"\n", 2, 1, "'procedure' is given twice; a file holds one procedure"),
    .init(
        "statement before procedure", "actor a \"A\"\n" + p + "step s \"S\" by a\n", 1, 1,
        "expected 'procedure \"Name\"' before any other statement; a .flow file starts with it"),
    .init("no steps", p, 1, 1, "the procedure has no steps; declare them with step ID \"Label\" …"),
    .init("unknown statement, with suggestion", p + "stpe a \"A\"\n", 2, 1, "unknown statement 'stpe'; did you mean 'step'?"),
    .init("unknown service level", p + "service levl4\nstep a \"A\"\n", 2, 9, "unknown service level 'levl4'; did you mean 'level4'?"),
    .init(
        "start twice", p + "step a \"A\"\nstart a\nstart a\n", 4, 1,
        "'start' is given twice; name every starting step in one 'start' line"),
    .init(
        "header after a proposal", p + "step a \"A\"\nproposal \"X\"\ndeadline 5d\n", 4, 1,
        "'deadline' belongs to the header; move it before the first 'proposal'"),
    .init(
        "step inside a proposal", p + "step a \"A\"\nproposal \"X\"\nstep z \"Z\"\n", 4, 1,
        "'step' cannot appear inside a proposal; declare it before the first 'proposal'"),
    .init(
        "change outside a proposal", p + "step a \"A\"\ncut a\n", 3, 1,
        "'cut' is a change statement; put it in a block opened by proposal \"Name\""),
    // Lexical
    .init("unterminated string", "procedure \"P\nstep a \"A\"\n", 1, 11, "unterminated string; add a closing '\"'"),
    .init("unknown escape", p + "step a \"A\\n\"\n", 2, 10, "unknown escape '\\n' in string; only \\\" and \\\\ are escapes"),
    .init(
        "no-break space pasted from a word processor", p + "step\u{00A0}a \"A\"\n", 2, 5,
        "unexpected no-break space (U+00A0); use a plain space"),
    .init("stray character", p + "step a \"A\" @\n", 2, 12, "unexpected character '@'"),
    // Step lines
    .init(
        "unknown attribute, with suggestion", p + "step a \"A\" aproval\n", 2, 12,
        "unknown step attribute 'aproval'; did you mean 'approval'?"),
    .init("missing label", p + "actor b \"B\"\nstep a by b\n", 3, 8, "expected the step's label in double quotes, found 'by'"),
    .init("duration twice", p + "step a \"A\" 1d 2d\n", 2, 15, "the duration is given twice"),
    .init("two channels", p + "step a \"A\" paper online\n", 2, 18, "the channel (paper or online) is given twice"),
    .init("arrow without target", p + "step a \"A\"\na ->\n", 3, 5, "expected a step ID after '->', found the end of the line"),
    .init("text after a statement", p + "actor a \"A\" extra\nstep s \"S\" by a\n", 2, 13, "unexpected 'extra' at the end of the statement"),
    // Proposals
    .init(
        "proposal cuts a fixed step", p + "step a \"A\" fixed\nstep b \"B\"\nproposal \"X\"\n  cut a\n", 5, 7,
        "cannot cut 'a': it is fixed (required by law); it may be shortened instead"),
    .init(
        "proposal merges a fixed step", p + "step a \"A\"\nstep b \"B\" fixed\nproposal \"X\"\n  merge a b\n", 5, 11,
        "cannot merge 'b': it is fixed (required by law); it may be shortened instead"),
    .init(
        "proposal merges steps that are not directly connected",
        p + "step a \"A\"\nstep b \"B\"\nstep c \"C\"\nproposal \"X\"\n  merge a c\n", 6, 11,
        "cannot merge 'a' and 'c': 'a' is not directly followed by 'c'; merge needs A's only successor to be B and B's only predecessor to be A"),
    .init(
        "proposal names an unknown step, with suggestion", p + "step route \"R\"\nproposal \"X\"\n  cut rout\n", 4, 7,
        "unknown step 'rout'; did you mean 'route'?"),
    .init(
        "proposal parallels steps that are not adjacent",
        p + "step a \"A\"\nstep b \"B\"\nstep c \"C\"\nproposal \"X\"\n  parallel a c\n", 6, 14,
        "cannot parallel 'a' and 'c': there is no arrow a -> c; parallel needs A to directly precede B"),
    .init(
        "chance on a step that is not a decision",
        p + "step a \"A\"\nstep b \"B\"\nstep c \"C\"\na -> b\na -> c\nproposal \"X\"\n  chance a -> b 50%\n", 8, 10,
        "'a' is not a decision (none of its arrows has a probability); chance changes a decision's arrow"),
    .init(
        "shorten by more than 100%", p + "step a \"A\" 1d\nproposal \"X\"\n  shorten a by 150%\n", 4, 16,
        "cannot shorten by more than 100% ('150%')"),
    .init(
        "cut twice in one proposal", p + "step a \"A\"\nstep b \"B\"\nproposal \"X\"\n  cut b\n  cut b\n", 6, 7,
        "'b' is cut earlier in this proposal"),
    .init(
        "two proposals with one name", p + "step a \"A\"\nproposal \"X\"\nproposal \"X\"\n", 4, 10,
        "a proposal named \"X\" already exists"),
    // Whole files
    .init("empty file", "", 1, 1, "the file is empty; a .flow file starts with procedure \"Name\""),
    .init("only comments", "# nothing yet\n\n", 1, 1, "the file is empty; a .flow file starts with procedure \"Name\""),
    .init("binary file", [0x50, 0x00, 0x01, 0x02], 1, 2, "this is not a text file (a NUL byte at offset 1); a .flow file is UTF-8 text"),
    .init(
        "invalid UTF-8", Array("procedure \"P".utf8) + [0xFF] + Array("\"\n".utf8), 1, 13,
        "invalid UTF-8 (byte 0xFF); save the file as UTF-8"),
]

@Suite("Malformed input: exact message, line and column")
struct MalformedInputTests {
    @Test(arguments: malformedInputs)
    func firstError(_ c: Malformed) {
        let file = SourceFile(path: "t.flow", bytes: c.source)
        let checked = Checker.check(file)
        #expect(checked.workflow == nil, "a file with errors yields no workflow")
        let errors = checked.diagnostics.filter { $0.severity == .error }
        guard let first = errors.first else {
            Issue.record("no error for \(c.name)")
            return
        }
        #expect(first.message == c.message)
        #expect(first.range.line == c.line)
        #expect(file.column(of: first.range) == c.column)
    }

    @Test func thereAreAtLeastFortyCases() {
        #expect(malformedInputs.count >= 40)
    }

    /// The check reads plain ASCII eight bytes at a time: a NUL or a bad
    /// byte must be found wherever it falls in a word, on any line.
    @Test(arguments: [UInt8(0x00), 0xFF, 0xC3])
    func aBadByteIsFoundAtEveryOffset(_ bad: UInt8) {
        let line = Array("step abcdefgh \"ijklmnopqrstuvwxyz0123456789\" 1h".utf8)
        for position in 0..<line.count {
            var second = line
            second[position] = bad
            let source = Array("procedure \"P\"\n".utf8) + second + [0x0A]
            let problem = Checker.check(SourceFile(path: "t.flow", bytes: source)).diagnostics.first
            #expect(problem?.range.line == 2)
            #expect(problem?.range.start == 14 + position, "byte \(bad) at \(position)")
        }
    }

    /// A file over the threshold (`Parser.parallelThreshold`, lowered here
    /// to 4 096 bytes so that the test needs no 4 MB file) is checked in two halves at
    /// once, the second from the first byte after the middle that can
    /// begin a character. Around the middle the file is one long label of
    /// "Đ" (bytes C4 90): a bad byte put on a C4 is reported there, on a
    /// 90 at the C4 before it (whose character it breaks) — worked out by
    /// hand from the offsets, for either half. One more letter puts the
    /// middle on a 90 instead of a C4. (The label is longer than a text may
    /// be by default: the limit is raised for it.)
    @Test(arguments: [UInt8(0x00), 0xFF], [0, 1])
    func aBadByteNearTheMiddleOfABigFile(_ bad: UInt8, _ more: Int) {
        let head = Array("procedure \"P\"\nstep a \"".utf8)
        let threshold = 4_096
        func check(_ bytes: [UInt8]) -> CheckedFile {
            Checker.check(SourceFile(path: "t.flow", bytes: bytes), keepSyntax: true, parallelAbove: threshold, limits: Limits(textCharacters: 10_000))
        }
        let letters = threshold / 2 + 1000 + more
        let valid = head + Array(repeating: [UInt8]([0xC4, 0x90]), count: letters).joined() + Array("\"\n".utf8)
        #expect(valid.count > threshold)
        #expect(check(valid).diagnostics.isEmpty)
        let middle = valid.count / 2
        for position in (middle - 6)...(middle + 6) {
            var source = valid
            source[position] = bad
            let problem = check(source).diagnostics.first
            let onLead = (position - head.count) % 2 == 0
            #expect(problem?.range.start == (onLead ? position : position - 1), "byte \(bad) at \(position)")
            #expect(problem?.range.line == 2)
        }
        // A problem in each half: the first half's is the file's.
        var twice = valid
        twice[head.count + 10] = bad
        twice[valid.count - 10] = bad
        #expect(check(twice).diagnostics.first?.range.start == head.count + 10)
    }

    @Test func everyErrorOfAFileAtOnce() {
        let source = p + "actor ldp \"L\"\nstep a \"A\" by ldpp 3x\nstep b \"B\" by ldp\na -> c\n"
        let checked = Checker.check(SourceFile(path: "t.flow", text: source))
        let messages = checked.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(
            messages == [
                "unknown actor 'ldpp'; did you mean 'ldp'?",
                "unknown unit 'x' in '3x'; use m, h, d or w",
                "unknown step 'c'",
            ])
    }
}
