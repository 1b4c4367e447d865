import FlowcutAnalysis
import FlowcutCore

/// `flowcut due`: each scenario's appointment date, as a receipt slip
/// (phiếu hẹn) writes it, `YYYY-MM-DD HH:MM`.
public enum AppointmentReport {
    /// Monday … Sunday, by ISO weekday.
    public static func weekday(_ day: CivilDay, _ words: Words) -> String {
        let english = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let vietnamese = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
        return (words.language == .vi ? vietnamese : english)[day.weekday - 1]
    }

    static func label(_ scenario: Appointments.Scenario, _ words: Words) -> String {
        switch (scenario, words.language) {
        case (.deadline, .en): "Deadline"
        case (.deadline, .vi): "Thời hạn giải quyết"
        case (.target, .en): "Target"
        case (.target, .vi): "Mục tiêu"
        case (.main, .en): "Main scenario"
        case (.main, .vi): "Kịch bản chính"
        case (.p90, .en): "P90 (9 dossiers in 10)"
        case (.p90, .vi): "P90 (9/10 hồ sơ)"
        }
    }

    /// The lines for one procedure.
    public static func text(_ workflow: Workflow, path: String, calendar: WorkingCalendar, _ a: Appointments, words: Words) -> String {
        let vi = words.language == .vi
        let t = WorkingTime(workdayHours: workflow.workdayHours, words: words)
        var out = "# flowcut due \(Escape.oneLine(path))\n"
        out += Escape.oneLine(workflow.name) + (workflow.code.map { vi ? " (mã \(Escape.oneLine($0)))" : " (code \(Escape.oneLine($0)))" } ?? "") + "\n"
        let received = "\(a.received) (\(weekday(a.received.day, words)))"
        if a.clockStart == a.received {
            out += (vi ? "Tiếp nhận: " : "Received: ") + received + "\n"
        } else {
            out +=
                (vi ? "Tiếp nhận: \(received); ngoài giờ làm việc, thời gian được tính từ " : "Received: \(received); outside working hours, the clock starts ")
                + "\(a.clockStart) (\(weekday(a.clockStart.day, words)))\n"
        }
        let labels = a.lines.map { label($0.scenario, words) }
        let times = a.lines.map { t.long($0.hours) }
        let labelWidth = labels.map(\.count).max() ?? 0
        let timeWidth = times.map(\.count).max() ?? 0
        for (k, line) in a.lines.enumerated() {
            let pad1 = String(repeating: " ", count: labelWidth - labels[k].count)
            let pad2 = String(repeating: " ", count: timeWidth - times[k].count)
            out += "  \(labels[k])\(pad1)  \(times[k])\(pad2)  → \(line.due) (\(weekday(line.due.day, words)))\n"
        }
        out +=
            vi
            ? "Lịch làm việc: \(Escape.oneLine(calendar.name)), \(sessions(calendar)), \(words.count(calendar.daysOff.count)) ngày nghỉ, \(words.count(calendar.daysWorked.count)) ngày làm bù\n"
            : "Working calendar: \(Escape.oneLine(calendar.name)), \(sessions(calendar)), \(words.count(calendar.daysOff.count)) days off listed, \(words.count(calendar.daysWorked.count)) weekend days worked\n"
        if !a.yearsWithoutHolidays.isEmpty {
            let years = a.yearsWithoutHolidays.map(String.init).joined(separator: ", ")
            out +=
                vi
                ? "Lưu ý: lịch không có ngày nghỉ lễ của năm \(years); chỉ trừ thứ Bảy, Chủ nhật\n"
                : "Note: the calendar lists no holidays for \(years); only weekends are left out\n"
        }
        return out
    }

    /// The same as JSON.
    public static func json(_ workflow: Workflow, path: String, _ a: Appointments) -> JSON {
        .object([
            ("file", .string(path)),
            ("procedure", .string(workflow.name)),
            ("code", .optional(workflow.code)),
            ("received", .string(a.received.description)),
            ("clockStarts", .string(a.clockStart.description)),
            (
                "appointments",
                .array(
                    a.lines.map {
                        .object([("scenario", .string($0.scenario.rawValue)), ("hours", .hours($0.hours)), ("due", .string($0.due.description))])
                    })
            ),
            ("yearsWithoutHolidays", .array(a.yearsWithoutHolidays.map { .int($0) })),
        ])
    }

    static func sessions(_ calendar: WorkingCalendar) -> String {
        calendar.sessions.map { "\(clock($0.start))–\(clock($0.end))" }.joined(separator: ", ")
    }

    static func clock(_ s: Int) -> String {
        let h = s / 3600
        let m = s / 60 % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }
}
