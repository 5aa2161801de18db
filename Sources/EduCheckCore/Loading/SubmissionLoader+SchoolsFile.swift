extension SubmissionLoader.SchoolsFile {
    /// The school-rows file to read, as a path to show (the submission's folder joined with
    /// what the submission wrote), or why it is refused: an absolute path or one that leaves
    /// the submission's folder (`unsafe-path`, symbolic links included), the submission itself
    /// (`self-reference`), a file that is not CSV, or no such file. `submissionFile` is the
    /// submission's identity when the caller has it (from reading it), saving a `stat`.
    public func resolve(from submission: String, in directory: String?, submissionFile: FileIdentity? = nil) -> Result<String, Diagnostic> {
        func refuse(_ code: String, zh: String, en: String) -> Result<String, Diagnostic> {
            .failure(.error(code, zh: zh, en: en, at: location))
        }
        let written = path.trimmingSpaces.replacingAll("\\", with: "/")
        if written.isEmpty {
            return refuse("missing-value", zh: "schools 没有填写文件名", en: "schools names no file")
        }
        if written.hasPrefix("/") || written.hasPrefix("~") || written.dropFirst().hasPrefix(":") {
            return refuse("unsafe-path", zh: "schools 不能是绝对路径（“\(path)”）：学校名单文件须与填报文件放在同一文件夹或其子文件夹中，并写相对路径", en: "schools cannot be an absolute path ('\(path)'): the school-rows file must be in the submission's folder or below it, written as a relative path")
        }
        var parts: [Substring] = []
        for part in written.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else {
                    return refuse("unsafe-path", zh: "schools 的路径 “\(path)” 离开了填报文件所在的文件夹，不予读取", en: "the schools path '\(path)' leaves the submission's folder and is not read")
                }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let folder = submission.lastIndex(of: "/").map { String(submission[..<$0]) } ?? ""
        let relative = parts.joined(separator: "/")
        let target = folder.isEmpty ? relative : folder + "/" + relative
        let resolvedTarget = InputCollector.resolve(target, in: directory)
        let targetFile = FileIdentity(resolvedTarget)
        if relative.isEmpty || target == submission || (targetFile != nil && targetFile == (submissionFile ?? FileIdentity(InputCollector.resolve(submission, in: directory)))) {
            return refuse("self-reference", zh: "schools 指向了填报文件本身（“\(path)”）；应为单独的学校名单 CSV 文件", en: "schools names the submission itself ('\(path)'); it must name a separate school-rows CSV file")
        }
        guard InputDocument.isCSV(relative) else {
            return refuse("wrong-type", zh: "schools 引用的文件应为 CSV（.csv），实际为 “\(path)”", en: "schools must name a CSV file (.csv), found '\(path)'")
        }
        guard targetFile != nil else {
            return refuse("path-not-found", zh: "找不到学校名单文件 \(target)", en: "no school-rows file at \(target)")
        }
        guard staysInside(parts, below: folder, target: resolvedTarget, in: directory) else {
            return refuse("unsafe-path", zh: "schools 的文件 “\(path)” 经符号链接指向了填报文件夹之外，不予读取", en: "the schools file '\(path)' is a symbolic link out of the submission's folder and is not read")
        }
        return .success(target)
    }

    /// Whether the file `parts` names below `folder` is really there: `..` is already resolved
    /// in `parts`, so only a symbolic link on the way can lead out. Without one (the usual case:
    /// one `lstat` per part) it is inside; with one, the resolved paths decide.
    private func staysInside(_ parts: [Substring], below folder: String, target: String, in directory: String?) -> Bool {
        var path = folder
        var linked = false
        for part in parts {
            path = path.isEmpty ? String(part) : path + "/" + part
            if FileIdentity.isLink(InputCollector.resolve(path, in: directory)) {
                linked = true
                break
            }
        }
        guard linked else { return true }
        let base = InputCollector.canonical(InputCollector.resolve(folder.isEmpty ? "." : folder, in: directory))
        return InputCollector.canonical(target).hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }
}
