import ArgumentParser

/// `--max-file-size`: bytes, or with a binary suffix: `512K`, `64M`, `1G` (`KiB`, `MB`… too).
struct FileSize: ExpressibleByArgument {
    var bytes: Int

    init?(argument: String) {
        var text = Substring(argument.uppercased())
        if text.hasSuffix("IB") { text = text.dropLast(2) } else if text.hasSuffix("B") { text = text.dropLast() }
        var multiplier = 1
        switch text.last {
        case "K": multiplier = 1 << 10
        case "M": multiplier = 1 << 20
        case "G": multiplier = 1 << 30
        default: break
        }
        if multiplier > 1 { text = text.dropLast() }
        guard !text.isEmpty, text.allSatisfy(\.isASCII), let value = Int(text), value > 0 else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        self.bytes = bytes
    }

    var defaultValueDescription: String { "16M" }
}

extension FileSize {
    init(bytes: Int) {
        self.bytes = bytes
    }
}
