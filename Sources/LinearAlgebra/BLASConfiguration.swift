import _CLAPACK

/// The BLAS/LAPACK library in use and its thread count (OpenBLAS controls; process-global state).
///
/// Set the thread count before a computation, not inside concurrent code: OpenBLAS holds it globally.
/// CareStat's tests and CI run with `OPENBLAS_NUM_THREADS=1`.
public enum BLASConfiguration {
    /// Threads OpenBLAS uses for level-3 BLAS and LAPACK.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Sets the OpenBLAS thread count (values below 1 are treated as 1).
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(clamping: Swift.max(1, n))) }

    /// The kernel family OpenBLAS chose for this CPU, e.g. "Haswell".
    public static var coreName: String {
        guard let p = openblas_get_corename() else { return "unknown" }
        return String(cString: p)
    }

    /// OpenBLAS's build configuration string, e.g. "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ...".
    public static var configuration: String {
        guard let p = openblas_get_config() else { return "unknown" }
        return String(cString: p)
    }

    /// The LAPACK version as "major.minor.patch" (ilaver).
    public static var lapackVersion: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        ilaver_(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
