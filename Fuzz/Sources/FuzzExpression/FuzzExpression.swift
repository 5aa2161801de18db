import EduCheckCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let expression = try? Expression.parse(text) else { return 0 }
    // Every identifier gets a value of some kind, so evaluation goes as deep as it can.
    let values: [ExpressionValue] = [.number(Rational(3)), .number(.zero), .flag(true), .text("primary")]
    for offset in 0..<values.count {
        _ = try? expression.evaluate { name in values[(name.utf8.count + offset) % values.count] }
    }
    return 0
}
