public enum EduCheckVersion {
    public static let current = "0.1.0"
}
