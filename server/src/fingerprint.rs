//! A stable 64-bit FNV-1a fingerprint, for ETags and for noticing that the catalog data
//! changed. Not for security: it only has to be the same for the same bytes, across runs.

pub struct Fingerprint(u64);

impl Fingerprint {
    pub fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }

    pub fn of(bytes: &[u8]) -> String {
        let mut f = Fingerprint::new();
        f.write(bytes);
        f.hex()
    }
}

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint::new()
    }
}
