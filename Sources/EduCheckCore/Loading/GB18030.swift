#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decodes GB18030 (which includes GBK and GB2312): what Excel writes when it saves a CSV on
/// Chinese Windows. Our own decoder rather than Foundation's, for the reasons given in
/// `Scripts/gen-gb18030.py`, which generates the tables.
///
/// Byte sequences: 0x00–0x7F is ASCII; a lead byte 0x81–0xFE followed by 0x40–0x7E or 0x80–0xFE
/// is a two-byte code (table); 0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39 is a four-byte code,
/// whose linear index maps to the BMP through ranges (0x81308130–0x8431A439) or linearly to
/// U+10000–U+10FFFF (0x90308130–0xE3329A35). Anything else, 0x80 and 0xFF included, is invalid.
enum GB18030 {
    struct Invalid: Error {
        /// The offset of the first byte that does not start a valid sequence.
        var offset: Int
        /// The UTF-8 decoded before it, to tell the user where it is.
        var decoded: [UInt8]
    }

    static let twoByteTable: [UInt16] = {
        guard let data = Data(base64Encoded: encodedTwoByteTable, options: .ignoreUnknownCharacters) else { return [] }
        let bytes = [UInt8](data)
        return (0..<bytes.count / 2).map { UInt16(bytes[2 * $0]) | UInt16(bytes[2 * $0 + 1]) << 8 }
    }()

    /// The index where the four-byte supplementary area (U+10000 up) starts: 0x90308130.
    static let supplementaryStart: UInt32 = 189_000

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], Invalid> {
        let table = twoByteTable
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        let count = bytes.count
        var i = 0
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                output.append(lead)
                i += 1
                continue
            }
            guard lead != 0x80, lead != 0xFF, i + 1 < count else { return .failure(Invalid(offset: i, decoded: output)) }
            let second = bytes[i + 1]
            if second >= 0x30 && second <= 0x39 {
                guard i + 3 < count,
                      (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3]),
                      let scalar = fourByte(lead, second, bytes[i + 2], bytes[i + 3])
                else { return .failure(Invalid(offset: i, decoded: output)) }
                append(scalar, to: &output)
                i += 4
                continue
            }
            guard (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) else {
                return .failure(Invalid(offset: i, decoded: output))
            }
            let index = Int(lead - 0x81) * 190 + Int(second < 0x7F ? second - 0x40 : second - 0x41)
            guard index < table.count, let scalar = Unicode.Scalar(UInt32(table[index])) else {
                return .failure(Invalid(offset: i, decoded: output))
            }
            append(scalar, to: &output)
            i += 2
        }
        return .success(output)
    }

    static func fourByte(_ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8) -> Unicode.Scalar? {
        let index = ((UInt32(b1 - 0x81) * 10 + UInt32(b2 - 0x30)) * 126 + UInt32(b3 - 0x81)) * 10 + UInt32(b4 - 0x30)
        if index <= fourByteBMPEnd.index {
            // The last range starting at or before `index`.
            var low = 0
            var high = fourByteRanges.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if fourByteRanges[middle].index <= index { low = middle } else { high = middle - 1 }
            }
            let range = fourByteRanges[low]
            return Unicode.Scalar(range.codePoint + (index - range.index))
        }
        guard index >= supplementaryStart, index - supplementaryStart <= 0x10FFFF - 0x10000 else { return nil }
        return Unicode.Scalar(0x10000 + index - supplementaryStart)
    }

    static func append(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case ..<0x80:
            output.append(UInt8(value))
        case ..<0x800:
            output.append(0xC0 | UInt8(value >> 6))
            output.append(0x80 | UInt8(value & 0x3F))
        case ..<0x10000:
            output.append(0xE0 | UInt8(value >> 12))
            output.append(0x80 | UInt8(value >> 6 & 0x3F))
            output.append(0x80 | UInt8(value & 0x3F))
        default:
            output.append(0xF0 | UInt8(value >> 18))
            output.append(0x80 | UInt8(value >> 12 & 0x3F))
            output.append(0x80 | UInt8(value >> 6 & 0x3F))
            output.append(0x80 | UInt8(value & 0x3F))
        }
    }
}
