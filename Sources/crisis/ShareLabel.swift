import ArgumentParser

/// A share's label: one short line, as it shows in --list.
enum ShareLabel {
    static func check(_ label: String) throws {
        guard !label.contains(where: \.isNewline), label.count <= 80 else {
            throw ValidationError("--label is one line of at most 80 characters")
        }
    }
}
