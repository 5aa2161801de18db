import Foundation
import Testing
@testable import EduCheckCore

/// The two compressions: `SHA256()` takes the x86 SHA extensions where the CPU has them (on
/// any other CPU both cases run the Swift code); `SHA256(portable: true)` always takes Swift.
enum SHA256Compression: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case standard, portable

    var testDescription: String { rawValue }

    func hasher() -> SHA256 {
        SHA256(portable: self == .portable)
    }

    /// The digest of `bytes`, fed to `update` in pieces of the given sizes, repeated.
    func digest(_ bytes: [UInt8], pieces: [Int] = [Int.max]) -> SHA256.Digest {
        var hasher = hasher()
        var offset = 0
        var next = 0
        while offset < bytes.count {
            let end = offset + min(pieces[next % pieces.count], bytes.count - offset)
            hasher.update(bytes[offset..<end])
            offset = end
            next += 1
        }
        return hasher.finalize()
    }
}

@Suite("SHA-256, against the FIPS 180-4 examples")
struct SHA256Tests {
    @Test("known digests", arguments: SHA256Compression.allCases, [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        // 448 bits: the padding needs a second block.
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        // Multi-byte UTF-8, checked with sha256sum.
        ("越秀区", "e14959409cd98606acaedc5b0a95f83ef69818696cc3ea3eeea104df9a6a94c2"),
    ])
    func digests(compression: SHA256Compression, vector: (String, String)) {
        let (input, expected) = vector
        #expect(compression.digest(Array(input.utf8)).hexString == expected)
    }

    @Test("the public hash takes the standard compression")
    func publicHash() {
        #expect(SHA256.hash(Array("abc".utf8)).hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256().usesHardware == SHA256.hardwareAvailable)
        #expect(!SHA256(portable: true).usesHardware)
    }

    @Test("a million 'a's, fed in uneven pieces, gives the standard digest", arguments: SHA256Compression.allCases)
    func longInputInPieces(compression: SHA256Compression) {
        var hasher = compression.hasher()
        var remaining = 1_000_000
        var piece = 1
        while remaining > 0 {
            let count = min(piece, remaining)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
            remaining -= count
            piece = piece * 3 + 1
        }
        #expect(hasher.finalize().hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Pieces that start and end inside blocks, on their edges, and that are empty.
    static let unevenPieces = [1, 63, 0, 2, 64, 65, 7, 129, 31, 200]

    @Test("every length from 0 to 300 gives the same digest both ways, whole or in pieces")
    func everyShortLength() {
        var digests: [UInt8] = []
        for length in 0...300 {
            let bytes = pseudoRandomBytes(length, seed: UInt64(length))
            let portable = SHA256Compression.portable.digest(bytes)
            #expect(SHA256Compression.standard.digest(bytes).hexString == portable.hexString, "length \(length)")
            #expect(SHA256Compression.standard.digest(bytes, pieces: Self.unevenPieces).hexString == portable.hexString, "length \(length)")
            #expect(SHA256Compression.portable.digest(bytes, pieces: Self.unevenPieces).hexString == portable.hexString, "length \(length)")
            digests += portable.bytes
        }
        // The SHA-256 of those 301 digests one after the other, from Python's hashlib with the
        // same generator: it pins the portable digests, so the two ways cannot agree on a wrong one.
        #expect(SHA256.hash(digests).hexString == "ae4a058448847e874c54fa51dd502e01ba9d7ce6ff0c8769887df374e9caadf8")
    }

    @Test("large inputs give the same digest both ways, whole or in pieces", arguments: [
        (4_151, nil),
        (65_536, nil),
        // From Python's hashlib with the same generator.
        (1_000_003, "2fc3c5493e1e80ac62d19b2cc821f73357c6429e57ae05d39691d84481a2dc12"),
        (1_048_576, "2d9b61c80bccfbf4cd57b9d678eacc96966cfdd064c195b6c27914cd524099d7"),
    ] as [(Int, String?)])
    func largeInputs(length: Int, expected: String?) {
        let bytes = pseudoRandomBytes(length, seed: UInt64(length))
        let portable = SHA256Compression.portable.digest(bytes).hexString
        #expect(SHA256Compression.standard.digest(bytes).hexString == portable)
        #expect(SHA256Compression.standard.digest(bytes, pieces: Self.unevenPieces + [4_096, 10_000]).hexString == portable)
        if let expected { #expect(portable == expected) }
    }

    #if os(Linux) && arch(x86_64)
    /// Without this, a CPUID check that always said no would leave every test above comparing
    /// the Swift code with itself.
    @Test("the SHA extensions are used exactly when the kernel lists sha_ni, ssse3 and sse4_1")
    func hardwareMatchesTheKernel() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagsLine = try #require(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(flagsLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }).map(String.init))
        #expect(SHA256.hardwareAvailable == flags.isSuperset(of: ["sha_ni", "ssse3", "sse4_1"]))
    }
    #endif
}

/// SplitMix64's output, one low byte per step; Python can make the same bytes for the digests above.
private func pseudoRandomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
    }
}
