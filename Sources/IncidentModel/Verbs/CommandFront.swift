/// Where a command was typed: a few options make sense in one place only (`brief --strict` refuses a
/// briefing the coach finds fault with, which the dashboard shows as it is typed instead).
public enum CommandFront: Sendable {
    case commandLine
    case composer
}
