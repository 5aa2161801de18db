/// Text in the two languages every message and report carries. Chinese is the default.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(in language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

/// The languages a report can be written in.
public enum Language: String, CaseIterable, Sendable, Codable {
    case zh
    case en
}
