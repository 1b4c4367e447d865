import Testing

@testable import FlowcutReport

/// Digit grouping as each language writes numbers: English groups thousands
/// with a comma and marks decimals with a point (49,883.2); Vietnamese marks
/// decimals with a comma, so it groups with a space (49 883,2), as the SI
/// writes it, not with a dot that some readers take for a decimal mark.
/// Expected strings written by hand.
struct WordsTests {
    @Test func countsAreGroupedByThousandsInEachLanguage() {
        #expect(Words.english.count(0) == "0")
        #expect(Words.english.count(999) == "999")
        #expect(Words.english.count(1_000) == "1,000")
        #expect(Words.english.count(346_200) == "346,200")
        #expect(Words.english.count(-1_234_567) == "-1,234,567")
        #expect(Words.vietnamese.count(346_200) == "346 200")
        #expect(Words.vietnamese.count(1_000_000) == "1 000 000")
    }

    @Test func numbersKeepTheirDecimalsAfterTheGrouping() {
        #expect(Words.english.number(49_883.2, decimals: 1) == "49,883.2")
        #expect(Words.vietnamese.number(49_883.2, decimals: 1) == "49 883,2")
        #expect(Words.english.number(43_275) == "43,275")
        #expect(Words.vietnamese.number(0.67) == "0,67")
        #expect(Words.english.number(999.5, decimals: 1) == "999.5")
        #expect(Words.vietnamese.number(-12_345.25) == "-12 345,25")
    }

    @Test func oneDossierIsSingular() {
        #expect(Words.english.dossiers(1, in: 2023) == "1 dossier in 2023")
        #expect(Words.english.dossiers(5_770, in: 2023) == "5,770 dossiers in 2023")
        #expect(Words.vietnamese.dossiers(1, in: 2023) == "1 hồ sơ năm 2023")
        #expect(Words.vietnamese.dossiers(5_770, in: 2023) == "5 770 hồ sơ năm 2023")
    }
}
