//! The run's secret and what is derived from it: new UIDs, person numbers' keys, date shifts.
//!
//! Everything is an HMAC-SHA-256 of the old value under a secret drawn at random for each run
//! (the caller supplies it: the core has no source of randomness). The same input gives the same
//! output across the whole run, in any file and any order, with no table of old values kept;
//! without the secret, which is never written, a new UID cannot be tied to the old one (an
//! unkeyed hash could be, by hashing candidate UIDs).

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The standard's own UIDs (SOP classes, transfer syntaxes, coding schemes) identify nobody
/// and must stay as they are.
const STANDARD_UID_ROOT: &str = "1.2.840.10008.";

/// Longest shift of Retain Longitudinal Temporal Information with Modified Dates, in days.
pub const MAX_SHIFT_DAYS: i64 = 3650;

/// The secret of one run.
#[derive(Clone)]
pub struct RunKeys {
    secret: [u8; 32],
}

impl std::fmt::Debug for RunKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RunKeys(secret hidden)")
    }
}

impl RunKeys {
    /// Keys from 32 random bytes (`getrandom` natively, `crypto.getRandomValues` in a page).
    pub fn new(secret: [u8; 32]) -> RunKeys {
        RunKeys { secret }
    }

    fn mac(&self, domain: &str, value: &str) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret).expect("any key length");
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The new UID for `old`: `2.25.` and a 128-bit number (PS3.5 B.2), at most 44 characters.
    /// Standard UIDs and empty values are returned as they are.
    pub fn uid(&self, old: &str) -> String {
        let old = old.trim_end_matches(['\0', ' ']).trim_start();
        if old.is_empty() || old.starts_with(STANDARD_UID_ROOT) {
            return old.to_string();
        }
        let digest = self.mac("uid", old);
        let mut number = [0u8; 16];
        number.copy_from_slice(&digest[..16]);
        format!("2.25.{}", u128::from_be_bytes(number))
    }

    /// A key standing for one person (their ID and name as written), without holding either.
    pub fn person(&self, id: &str, name: &str) -> [u8; 16] {
        let digest = self.mac("person", &format!("{}\0{}", id.trim(), name.trim()));
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        key
    }

    /// The person's date shift: between 1 and [`MAX_SHIFT_DAYS`] days into the past.
    pub fn shift_days(&self, person: &[u8; 16]) -> i64 {
        let digest = self.mac("shift", &format!("{person:?}"));
        let n = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        -((n % MAX_SHIFT_DAYS as u64) as i64 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uid_maps_to_one_new_uid_per_run_and_standard_uids_stay() {
        let a = RunKeys::new([1; 32]);
        let b = RunKeys::new([2; 32]);
        let old = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
        let new = a.uid(old);
        assert!(new.starts_with("2.25.") && new.len() <= 44, "{new}");
        assert!(new[5..].bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(
            a.uid(&format!("{old}\0")),
            new,
            "padding is not part of the UID"
        );
        assert_ne!(b.uid(old), new, "another run, another UID");
        assert_ne!(a.uid("1.2.3.4"), new);
        assert_eq!(
            a.uid("1.2.840.10008.5.1.4.1.1.2"),
            "1.2.840.10008.5.1.4.1.1.2"
        );
    }

    #[test]
    fn shifts_stay_in_range_and_differ_between_people() {
        let keys = RunKeys::new([7; 32]);
        let shifts: std::collections::HashSet<i64> = (0..200)
            .map(|i| keys.shift_days(&keys.person(&format!("ID{i}"), "DOE^JANE")))
            .inspect(|d| assert!((-MAX_SHIFT_DAYS..=-1).contains(d), "{d}"))
            .collect();
        assert!(shifts.len() > 150, "{}", shifts.len());
        let p = keys.person("123", "DOE^JOHN");
        assert_eq!(
            keys.shift_days(&p),
            keys.shift_days(&keys.person("123 ", "DOE^JOHN"))
        );
    }
}
