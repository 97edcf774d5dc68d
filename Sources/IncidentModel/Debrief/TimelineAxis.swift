import Foundation

/// Where the timeline's axis puts its ticks: on round local times (every 5, 10, 15 or 30 minutes, every
/// few hours, or at midnight) chosen so that a span gets at most `maximumTicks` of them.
struct TimelineAxis {
    enum Step: Equatable {
        case minutes(Int), hours(Int), days(Int)

        var seconds: TimeInterval {
            switch self {
            case .minutes(let n): TimeInterval(n * 60)
            case .hours(let n): TimeInterval(n * 3_600)
            case .days(let n): TimeInterval(n * 86_400)
            }
        }
    }

    let step: Step
    let ticks: [Date]

    private static let steps: [Step] = [.minutes(1), .minutes(5), .minutes(10), .minutes(15), .minutes(30),
                                        .hours(1), .hours(2), .hours(3), .hours(6), .hours(12), .days(1), .days(2), .days(7)]

    init(from start: Date, to end: Date, timeZone: TimeZone, maximumTicks: Int = 12) {
        let span = max(end.timeIntervalSince(start), 60)
        step = Self.steps.first { span / $0.seconds < Double(maximumTicks) }
            ?? .days(7 * Int((span / (Double(maximumTicks) * 7 * 86_400)).rounded(.up)))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        ticks = Self.ticks(step, from: start, to: end, calendar: calendar)
    }

    private static func ticks(_ step: Step, from start: Date, to end: Date, calendar: Calendar) -> [Date] {
        var ticks: [Date] = []
        switch step {
        case .minutes(let n):
            // Minutes are walked in absolute time once the first is aligned: zones are offset by whole
            // quarter hours, so local alignment holds.
            var parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start)
            parts.minute = (parts.minute ?? 0) - (parts.minute ?? 0) % n
            var tick = calendar.date(from: parts) ?? start
            while tick < start { tick += step.seconds }
            while tick <= end {
                ticks.append(tick)
                tick += step.seconds
            }
        case .hours(let n):
            // Each full local hour, kept when its hour is a multiple of the step: right across a DST change.
            var hour = calendar.dateInterval(of: .hour, for: start)?.start ?? start
            if hour < start { hour = calendar.date(byAdding: .hour, value: 1, to: hour) ?? end }
            while hour <= end {
                if calendar.component(.hour, from: hour) % n == 0 { ticks.append(hour) }
                guard let next = calendar.date(byAdding: .hour, value: 1, to: hour) else { break }
                hour = next
            }
        case .days(let n):
            var day = calendar.startOfDay(for: start)
            if day < start { day = calendar.date(byAdding: .day, value: 1, to: day) ?? end }
            while day <= end {
                ticks.append(day)
                guard let next = calendar.date(byAdding: .day, value: n, to: day) else { break }
                day = next
            }
        }
        return ticks
    }
}
