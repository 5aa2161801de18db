#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, from `stat` (following links, as opening the file would).
enum FileKind: Equatable {
    case directory
    case file

    static func of(_ path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    /// A folder's entries (`.` and `..` left out) with their kinds, nil when it cannot be read.
    /// The kind comes from the folder itself where the file system gives it, saving a `stat` per
    /// file (thousands in a national run); a symbolic link is followed, and an entry whose kind
    /// cannot be found is nil.
    static func entries(of folder: String) -> [(name: String, kind: FileKind?)]? {
        guard let stream = opendir(folder) else { return nil }
        defer { closedir(stream) }
        var entries: [(name: String, kind: FileKind?)] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let kind: FileKind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK), Int32(DT_UNKNOWN): kind = of(folder.hasSuffix("/") ? folder + name : folder + "/" + name)
            default: kind = .file
            }
            entries.append((name, kind))
        }
        return entries
    }

    static func size(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}

/// Which file a path names, whatever the path (links followed, `..` and `./` resolved): the
/// device and inode from one `stat`, where resolving the path (`realpath`) costs a system call
/// per folder in it, and a national run compares thousands of paths.
public struct FileIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    /// nil when there is no such file.
    public init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }

    /// Whether the path is a symbolic link itself (not following it).
    static func isLink(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFLNK
    }
}

/// Expands the paths given on the command line into the files to read, in a stable order.
public enum InputCollector {
    public static let extensions = ["yaml", "yml", "json", "csv"]

    /// The files to read, in order, and why any path given could not be used.
    public typealias Collected = (files: [String], diagnostics: [Diagnostic])

    /// Files are taken as given; folders are searched recursively (hidden entries skipped) for
    /// `*.yaml`, `*.yml`, `*.json` and `*.csv`, sorted by path so output never depends on the
    /// order the file system lists them in.
    /// Relative paths are taken from `directory` when given (else the process's working folder) and
    /// stay relative in what is returned, so reports show paths as the user wrote them.
    public static func collect(_ paths: [String], in directory: String? = nil) -> Collected {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            guard let kind = FileKind.of(resolve(path, in: directory)) else {
                diagnostics.append(.error("path-not-found", zh: "找不到文件或文件夹 \(path)", en: "no such file or folder: \(path)", at: SourceLocation(path: path, line: 1, column: 1)))
                continue
            }
            guard kind == .directory else {
                files.append(path)
                continue
            }
            var found: [String] = []
            walk(path, base: directory, into: &found, depth: 0)
            files.append(contentsOf: found.sorted())
        }
        // One path gives each file once (a folder lists each entry once); several may overlap.
        guard paths.count > 1 else { return (files, diagnostics) }
        var seen = Set<String>()
        return (files.filter { seen.insert($0).inserted }, diagnostics)
    }

    /// `path` joined to `directory` unless it is absolute.
    public static func resolve(_ path: String, in directory: String?) -> String {
        guard let directory, !path.hasPrefix("/") else { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    private static func walk(_ folder: String, base: String?, into found: inout [String], depth: Int) {
        // Deep trees are not submissions; the bound also stops symlink cycles.
        guard depth < 32, let entries = FileKind.entries(of: resolve(folder, in: base)) else { return }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for (name, kind) in entries where name.utf8.first != UInt8(ascii: ".") {
            guard let kind else { continue }
            if kind == .directory {
                walk(prefix + name, base: base, into: &found, depth: depth + 1)
            } else if hasInputExtension(name) {
                found.append(prefix + name)
            }
        }
    }

    /// Whether the name ends in one of `extensions` after a dot, in any case. Read as bytes: a
    /// national run lists thousands of files, and splitting each name into characters showed.
    static func hasInputExtension(_ name: String) -> Bool {
        hasExtension(name, in: extensionBytes)
    }

    /// Whether the name (or path) ends in one of `extensions` (small ASCII letters, as bytes)
    /// after a dot, in any case.
    static func hasExtension(_ name: String, in extensions: [[UInt8]]) -> Bool {
        var name = name
        return name.withUTF8 { utf8 in
            guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
            let ext = utf8[(dot + 1)...]
            // `| 0x20` makes an ASCII capital small; the extensions are all small letters.
            return extensions.contains { $0.count == ext.count && zip($0, ext).allSatisfy { $0 == $1 | 0x20 } }
        }
    }

    private static let extensionBytes = extensions.map { Array($0.utf8) }

    /// Reads a file, refusing one larger than `limit` bytes before reading it.
    public static func read(_ path: String, in directory: String? = nil, limit: Int) -> Swift.Result<[UInt8], Diagnostic> {
        readFile(path, in: directory, limit: limit).map(\.bytes)
    }

    /// `read`, with which file was read (from the same `fstat` that gave its size).
    static func readFile(_ path: String, in directory: String? = nil, limit: Int) -> Swift.Result<(bytes: [UInt8], file: FileIdentity), Diagnostic> {
        let location = SourceLocation(path: path, line: 1, column: 1)
        func tooLarge(_ size: Int?) -> Swift.Result<(bytes: [UInt8], file: FileIdentity), Diagnostic> {
            guard let size else {
                return .failure(.error("file-too-large", zh: "文件过大（上限 \(limit) 字节）", en: "the file is too large (the limit is \(limit) bytes)", at: location))
            }
            return .failure(.error(
                "file-too-large",
                zh: "文件过大（\(size) 字节，上限 \(limit) 字节）",
                en: "the file is too large (\(size) bytes; the limit is \(limit))",
                at: location))
        }
        let unreadable = Swift.Result<(bytes: [UInt8], file: FileIdentity), Diagnostic>.failure(.error("unreadable-file", zh: "无法读取文件 \(path)", en: "cannot read \(path)", at: location))
        // Plain system calls: thousands of small files are read in a national run, and each
        // went through Foundation's Data and a copy into an array.
        let descriptor = open(resolve(path, in: directory), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return unreadable }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return unreadable }
        let size = Int(info.st_size)
        if size > limit { return tooLarge(size) }
        let regular = (info.st_mode & S_IFMT) == S_IFREG
        // One byte more than the size, to see a file that grew while it was read; pipes and
        // special files report no size and are read until they end (or pass the limit).
        var bytes = [UInt8](repeating: 0, count: Swift.max(size, 0) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { return tooLarge(nil) }
                bytes += repeatElement(0, count: Swift.min(Swift.max(count, 4096), limit + 1 - count))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return unreadable
            }
            if got == 0 { break }
            count += got
            // A regular file gives less than asked for only at its end: no second read to
            // hear that (half the system calls of a run of many small files).
            if regular, count < bytes.count { break }
        }
        guard count <= limit else { return tooLarge(nil) }
        bytes.removeLast(bytes.count - count)
        return .success((bytes, FileIdentity(info)))
    }

    /// Reads every regular file under a ruleset folder, by path relative to it.
    public static func rulesetFiles(at folder: String) -> Swift.Result<RulesetFiles, Diagnostic> {
        guard FileKind.of(folder) == .directory else {
            return .failure(.error("path-not-found", zh: "找不到规则集文件夹 \(folder)", en: "no ruleset folder at \(folder)", at: SourceLocation(path: folder, line: 1, column: 1)))
        }
        var files: [String: [UInt8]] = [:]
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        var found: [String] = []
        collectAll(base, into: &found, depth: 0)
        for path in found {
            if let data = FileManager.default.contents(atPath: path) {
                files[String(path.dropFirst(base.count + 1))] = [UInt8](data)
            }
        }
        return .success(RulesetFiles(origin: base, files: files))
    }

    private static func collectAll(_ folder: String, into found: inout [String], depth: Int) {
        guard depth < 8, let entries = FileKind.entries(of: folder) else { return }
        for (name, kind) in entries where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard let kind else { continue }
            if kind == .directory { collectAll(path, into: &found, depth: depth + 1) } else { found.append(path) }
        }
    }
}

extension InputCollector {
    /// The path with symbolic links, `.` and `..` resolved, to tell whether two paths name one
    /// file; the path itself when it does not exist.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// `read(2)`, by a name the `read` methods above do not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
