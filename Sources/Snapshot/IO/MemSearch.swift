/// glibc's `memmem` (hidden behind _GNU_SOURCE in the Glibc module): SIMD-accelerated substring search.
@_silgen_name("memmem")
func c_memmem(_ haystack: UnsafeRawPointer?, _ haystackLen: Int, _ needle: UnsafeRawPointer?, _ needleLen: Int) -> UnsafeMutableRawPointer?
