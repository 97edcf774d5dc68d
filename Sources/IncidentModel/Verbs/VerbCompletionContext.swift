extension Verb {
    /// What the next word after `words` (the words typed after the verb, options of the command line's own
    /// taken out) would be, so Tab can offer it: an option's value, a form's word, a positional.
    public func valueExpected(after words: [String]) -> VerbValue? {
        let subForms = forms.filter { $0.word != nil }
        // `crisis deadline ` offers `met`, `drop`, `slip`: the words that pick a form.
        if words.isEmpty && !subForms.isEmpty { return .choice(subForms.compactMap(\.word)) }
        let first = words.first?.lowercased()
        let form = subForms.first { $0.word == first } ?? forms[0]
        if let last = words.last, VerbArguments.isOption(last),
           let option = form.options.first(where: { "--\($0.name)" == last }), let value = option.value {
            return value
        }
        var positional = 0
        var index = form.word == nil ? 0 : 1
        while index < words.count {
            if VerbArguments.isOption(words[index]) {
                let takesValue = form.options.first { "--\($0.name)" == words[index] }?.value != nil
                index += takesValue ? 2 : 1
            } else {
                positional += 1
                index += 1
            }
        }
        if positional < form.positionals.count { return form.positionals[positional].value }
        return form.positionals.last?.value == .text ? .text : nil
    }

    /// The options the form `words` pick would accept next, for Tab after a dash.
    public func optionsExpected(after words: [String]) -> [VerbOption] {
        let first = words.first?.lowercased()
        let form = forms.first { $0.word != nil && $0.word == first } ?? forms[0]
        return form.options
    }
}
