/// Where a report's bytes go as they are made: a file or standard output, a megabyte at a time, so
/// that a national report (around a hundred megabytes of JSON) is never held whole in memory.
///
/// Writers append to `buffer` and call `passOnIfFull()` between pieces; `finish()` passes on the
/// rest. An output without a destination keeps everything in `buffer`, for `render`.
public struct ReportOutput {
    /// Bytes not yet passed on.
    public var buffer: [UInt8] = []
    private let destination: ((UnsafeRawBufferPointer) throws -> Void)?

    /// Bytes are passed on in pieces of about this size.
    private let pieceSize: Int

    /// Passes the bytes to `destination` (which writes them out, or throws) in pieces of about
    /// `pieceSize` bytes.
    public init(pieceSize: Int = 1 << 20, _ destination: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.destination = destination
        self.pieceSize = max(1, pieceSize)
        buffer.reserveCapacity(min(self.pieceSize, 1 << 20) + 4096)
    }

    /// Keeps every byte in `buffer`.
    public init() {
        destination = nil
        pieceSize = .max
    }

    public mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    public mutating func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Writes a whole text, passed on as it is when it is large (no copy of a rendered report).
    public mutating func writeWhole(_ text: String) throws {
        guard let destination, text.utf8.count >= pieceSize else {
            write(text)
            return try passOnIfFull()
        }
        try passOn()
        var text = text
        try text.withUTF8 { try destination(UnsafeRawBufferPointer($0)) }
    }

    /// Passes the buffer on once it holds a piece's worth.
    public mutating func passOnIfFull() throws {
        if destination != nil, buffer.count >= pieceSize { try passOn() }
    }

    /// Whether bytes made elsewhere (`JSONWriter`'s) are a piece's worth, to be passed on with
    /// `passOn(_:)`.
    public func isFull(_ count: Int) -> Bool {
        destination != nil && count >= pieceSize
    }

    /// Passes on `bytes` (made elsewhere), after what is in the buffer.
    public mutating func passOn(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let destination else { return buffer.append(contentsOf: bytes) }
        try passOn()
        try destination(UnsafeRawBufferPointer(bytes))
    }

    /// Passes on whatever is left.
    public mutating func finish() throws {
        if destination != nil { try passOn() }
    }

    private mutating func passOn() throws {
        guard let destination, !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try destination($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
