import Testing
@testable import EduCheckCore

@Suite("Calendar dates for waivers and --as-of")
struct CalendarDateTests {
    @Test("real days parse; impossible ones do not", arguments: [
        ("2025-12-31", true), ("2024-02-29", true), ("2025-02-29", false), ("2025-13-01", false),
        ("2025-1-1", false), ("20251231", false), ("2025-12-31T00:00", false), ("1900-02-29", false), ("2000-02-29", true),
    ])
    func parsing(text: String, valid: Bool) {
        #expect((CalendarDate(text) != nil) == valid)
    }

    @Test("epoch seconds map to the UTC day", arguments: [
        (Int64(0), "1970-01-01"), (Int64(1_764_460_800), "2025-11-30"), (Int64(1_764_460_799), "2025-11-29"),
        (Int64(951_782_400), "2000-02-29"), (Int64(-1), "1969-12-31"),
    ])
    func epoch(seconds: Int64, day: String) {
        #expect(CalendarDate(secondsSince1970: seconds).description == day)
    }

    @Test("a waiver holds through its expiry day and not after")
    func waiverExpiry() {
        let waiver = Waiver(rule: "r", unit: "440117", reason: "", approvedBy: "", document: "", expires: CalendarDate(year: 2025, month: 12, day: 31))
        #expect(waiver.isValid(on: CalendarDate(year: 2025, month: 12, day: 31)))
        #expect(!waiver.isValid(on: CalendarDate(year: 2026, month: 1, day: 1)))
    }
}
