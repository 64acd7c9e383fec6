//! Secrets from the operating system's random source: upload ids, handoff tokens, result ids
//! and the demo's bank secret. Each is the only key to what it names, so none may be guessable
//! from the clock, a counter or the process.

/// 128 random bits as 32 lower-case hex digits.
pub fn token() -> String {
    let mut bytes = [0u8; 16];
    // The OS source failing is a broken machine, not a request's fault: nothing safe to hand out.
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_32_hex_digits_and_differ() {
        let (a, b) = (super::token(), super::token());
        assert!(a.len() == 32 && a.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{a}");
        assert_ne!(a, b);
    }
}
