import FlowcutCore
import Testing

@testable import FlowcutAnalysis

/// The scorecard's rates, each worked out by hand from the counts below
/// (those of Tests/Fixtures/records/thong-ke-06a.csv).
struct ScorecardTests {
    static func counts(_ online: Int, _ offline: Int, _ carried: Int, _ early: Int, _ onTime: Int, _ late: Int, _ within: Int, _ openLate: Int)
        -> PeriodCounts
    {
        var c = PeriodCounts()
        (c.receivedOnline, c.receivedOffline, c.carriedOver) = (online, offline, carried)
        (c.resolvedEarly, c.resolvedOnTime, c.resolvedLate, c.openWithinTerm, c.openLate) = (early, onTime, late, within, openLate)
        return c
    }

    static let procedures = [
        Scorecard.Procedure(
            code: ProcedureCode("1.001806")!, name: "Permit", file: "a.flow", service: .full,
            years: [(2023, counts(20, 20, 0, 30, 8, 0, 2, 0)), (2024, counts(30, 10, 2, 20, 15, 3, 3, 1))], inRecords: true),
        Scorecard.Procedure(
            code: ProcedureCode("1.001865")!, name: "Rules", file: "b.flow", service: .partial, years: [(2024, counts(11, 9, 0, 9, 7, 2, 1, 1))],
            inRecords: true),
        Scorecard.Procedure(
            code: ProcedureCode("1.004949")!, name: "Reissue", file: nil, service: .level4, years: [(2024, counts(0, 0, 0, 0, 0, 0, 0, 0))],
            inRecords: true),
        Scorecard.Procedure(
            code: ProcedureCode("1.005194")!, name: "Extension", file: nil, service: .partial, years: [(2024, counts(2, 18, 0, 10, 6, 4, 0, 0))],
            inRecords: true),
    ]

    @Test func theDepartmentByYear() throws {
        let s = Scorecard(Self.procedures)
        #expect(s.years.map(\.year) == [2023, 2024])
        let y = try #require(s.latestYear)
        // On time: (20+15+3) + (9+7+1) + (10+6+0) = 71 of (42 + 20 + 20) = 82;
        // 1.004949 had nothing to handle and stays out.
        #expect(y.onTimeRate == 71.0 / 82.0)
        // Online: 30 + 11 + 0 + 2 = 43 of 40 + 20 + 0 + 20 = 80.
        #expect(y.onlineShare == 43.0 / 80.0)
        // Four online services; 1.004949 had no online dossier.
        #expect(y.onlineServices == 4 && y.onlineServicesWithDossiers == 3)
        // 2023: only 1.001806 has a row; the others are in the records, which
        // count 2023, so they had none that year: 1 of 4.
        #expect(s.years[0].onlineServices == 4 && s.years[0].onlineServicesWithDossiers == 1)
        #expect(s.years[0].onTimeRate == 1)
    }

    @Test func whatKeepsEachRateFromItsTarget() {
        let s = Scorecard(Self.procedures)
        // On time at 100%: late or open late 3+1, 2+1, 4 dossiers; ties by code.
        #expect(s.onTimeShortfalls.map { "\($0.code) \($0.dossiers)" } == ["1.001806 4", "1.005194 4", "1.001865 3"])
        // Online at 50%: 1.005194 needs 10 of 20 and has 2.
        #expect(s.onlineShortfalls.map { "\($0.code) \($0.dossiers)" } == ["1.005194 8"])
        #expect(s.servicesWithoutOnlineDossiers.map(\.code.short) == ["1.004949"])
        // At 85%: 1.001806 needs ⌈35.7⌉ = 36 of 42 and has 38; 1.001865 17 of 20 (has 17);
        // 1.005194 17 of 20, has 16.
        let lenient = Scorecard(Self.procedures, targets: Targets(onTime: 0.85))
        #expect(lenient.onTimeShortfalls.map { "\($0.code) \($0.dossiers)" } == ["1.005194 1"])
    }

    @Test func dossiersNeeded() {
        #expect(Scorecard.needed(0.5, of: 30, have: 14) == 1)
        #expect(Scorecard.needed(0.95, of: 21, have: 19) == 1)  // 19.95 → 20
        #expect(Scorecard.needed(0.95, of: 20, have: 19) == 0)  // 19 exactly
        #expect(Scorecard.needed(1, of: 0, have: 0) == 0)
        #expect(Scorecard.needed(0.5, of: 10, have: 9) == 0)
    }

    /// A procedure's rates: nil where nothing was received or handled.
    @Test func ratesWithoutDossiersAreNone() {
        let none = PeriodCounts()
        #expect(none.onTimeRate == nil && none.onlineShare == nil)
        // Counted as received only (a process file's dossiers line): no on-time rate.
        #expect(Self.counts(3, 1, 0, 0, 0, 0, 0, 0).onTimeRate == nil)
    }
}
