import FlowcutCore

extension Flowcut {
    /// The working calendar in the file at `path` (CalendarFile's format),
    /// or Vietnam's built-in one when `path` is nil; a problem names the
    /// file, line and column, in English or Vietnamese.
    public static func calendar(_ path: String?, vietnamese: Bool = false, limits: Limits = .standard) -> Result<WorkingCalendar, ReadProblem> {
        guard let path else { return .success(VietnamCalendar.calendar) }
        let bytes: [UInt8]
        switch readFile(path, limits: limits) {
        case .success(let b): bytes = b
        case .failure(let problem): return .failure(problem)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(
                ReadProblem(
                    description: vietnamese
                        ? "\(Files.shown(path)): không phải văn bản UTF-8; hãy lưu lại tệp lịch dưới dạng UTF-8"
                        : "\(Files.shown(path)): not UTF-8 text; save the calendar again as UTF-8"))
        }
        switch CalendarFile.parse(text) {
        case .success(let calendar): return .success(calendar)
        case .failure(let problem):
            return .failure(ReadProblem(description: "\(Files.shown(path)):\(problem.line):\(problem.column): \(problem.message(vietnamese: vietnamese))"))
        }
    }
}
