// Hot path (a Fast/ folder). Public, not package: the release build inlines public declarations across modules, not package ones.
/// Hashes that are the same on every machine and every run (unlike
/// `Hasher`, seeded per process): the simulation keys its draws with them
/// and `NameIndex` places names with them.
public enum StableHash {
    /// SplitMix64's finaliser (Steele, Lea and Flood, 2014): a bijection
    /// that mixes every bit.
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 64-bit FNV-1a of the name's UTF-8 bytes, mixed (FNV's low bits alone
    /// cluster).
    @inline(__always)
    public static func of(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var name = name
        name.withUTF8 { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        return mix(h)
    }
}
