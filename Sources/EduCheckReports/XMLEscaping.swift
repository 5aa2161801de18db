/// Escaping for XML and HTML, shared by the JUnit and HTML reports. Every string that came from
/// an input file goes through one of these before it is written into markup.
enum XMLEscaping {
    /// Character data: `&`, `<`, `>` (so `]]>` can never appear) and quotes as entities; a
    /// carriage return as a character reference, because parsers turn a literal one into a line
    /// feed; characters XML 1.0 forbids as U+FFFD.
    static func text(_ text: String) -> String {
        escape(text, attribute: false)
    }

    /// An attribute value in double quotes: as `text`, and line breaks and tabs as character
    /// references, since attribute normalisation would turn them into spaces.
    static func attribute(_ text: String) -> String {
        escape(text, attribute: true)
    }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": out += "&#13;"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\t": out += attribute ? "&#9;" : "\t"
            case _ where isForbidden(scalar):
                out.unicodeScalars.append("\u{FFFD}")
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Control characters other than tab, line feed and carriage return, and the non-characters
    /// U+FFFE and U+FFFF, are not allowed anywhere in an XML 1.0 document.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
