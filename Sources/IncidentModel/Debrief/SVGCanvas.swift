import Foundation

/// SVG elements written as text, every attribute from people escaped: the chart says what to draw, this
/// says how SVG spells it.
struct SVGCanvas {
    private var background: [String] = []
    private var elements: [String] = []

    /// Roughly how wide text is in the chart's sans-serif face, to keep labels from running into each other.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * widthPerCharacter
    }

    /// An average character's width as a share of the font size, generous so that labels never touch.
    static let widthPerCharacter = 0.6

    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }

    /// Long names end in `…` so a label stays beside its mark.
    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    func document(width: Double, height: Double) -> String {
        let size = "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\""
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) role=\"img\" aria-label=\"Incident timeline\" "
            + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\">\n"
            + (background + elements).joined(separator: "\n") + "\n</svg>"
    }

    /// Draws under everything drawn so far and after: lane shading, grid lines, status rules.
    mutating func behind(_ draw: (inout SVGCanvas) -> Void) {
        var layer = SVGCanvas()
        draw(&layer)
        background += layer.background + layer.elements
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, rx: Double = 0,
                       opacity: Double = 1, class name: String? = nil, title: String? = nil) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"\(fill)\""
        if rx > 0 { attributes += " rx=\"\(Self.number(rx))\"" }
        if opacity < 1 { attributes += " fill-opacity=\"\(Self.number(opacity))\"" }
        element("rect", attributes, name, title)
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil,
                         class name: String? = nil, title: String? = nil) {
        var attributes = "cx=\"\(Self.number(cx))\" cy=\"\(Self.number(cy))\" r=\"\(Self.number(r))\" fill=\"\(fill)\""
        if let stroke { attributes += " stroke=\"\(stroke)\" stroke-width=\"1.5\"" }
        element("circle", attributes, name, title)
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double,
                       dash: String? = nil, opacity: Double = 1, class name: String? = nil) {
        var attributes = "x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        if opacity < 1 { attributes += " stroke-opacity=\"\(Self.number(opacity))\"" }
        element("line", attributes, name, nil)
    }

    mutating func path(_ d: String, fill: String, stroke: String? = nil, class name: String? = nil, title: String? = nil) {
        var attributes = "d=\"\(d)\" fill=\"\(fill)\""
        if let stroke { attributes += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
        element("path", attributes, name, title)
    }

    /// An ✕: a deadline dropped.
    mutating func cross(cx: Double, cy: Double, size: Double, stroke: String) {
        let d = "M \(Self.number(cx - size)) \(Self.number(cy - size)) l \(Self.number(2 * size)) \(Self.number(2 * size)) "
            + "m 0 \(Self.number(-2 * size)) l \(Self.number(-2 * size)) \(Self.number(2 * size))"
        element("path", "d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2.5\" stroke-linecap=\"round\"", "dropped", nil)
    }

    mutating func text(_ text: String, x: Double, y: Double, size: Double, fill: String, anchor: String? = nil,
                       weight: String? = nil, class name: String? = nil) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" fill=\"\(fill)\""
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        let classAttribute = name.map { " class=\"\($0)\"" } ?? ""
        elements.append("<text \(attributes)\(classAttribute)>\(HTMLEscaping.escape(text))</text>")
    }

    private mutating func element(_ tag: String, _ attributes: String, _ name: String?, _ title: String?) {
        let classAttribute = name.map { " class=\"\($0)\"" } ?? ""
        if let title {
            elements.append("<\(tag) \(attributes)\(classAttribute)><title>\(HTMLEscaping.escape(title))</title></\(tag)>")
        } else {
            elements.append("<\(tag) \(attributes)\(classAttribute)/>")
        }
    }
}
