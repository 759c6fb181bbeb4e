//! Moving DICOM dates (DA `YYYYMMDD`, the date part of DT) by a number of days.

/// `date` (`YYYYMMDD`) moved by `days`, or `None` when it is not a full valid date (a partial
/// or damaged date cannot be shifted, so the caller removes it).
pub fn shift_da(date: &str, days: i64) -> Option<String> {
    let date = date.trim();
    if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i64 = date[..4].parse().ok()?;
    let month: u32 = date[4..6].parse().ok()?;
    let day: u32 = date[6..8].parse().ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let (y, m, d) = civil_from_days(days_from_civil(year, month, day) + days);
    (0..=9999)
        .contains(&y)
        .then(|| format!("{y:04}{m:02}{d:02}"))
}

/// A DT value (`YYYYMMDDHHMMSS.FFFFFF&ZZXX`) with its date part moved; the time and offset
/// are kept. `None` when it has no full date.
pub fn shift_dt(datetime: &str, days: i64) -> Option<String> {
    let datetime = datetime.trim();
    let date = datetime.get(..8)?;
    Some(format!("{}{}", shift_da(date, days)?, &datetime[8..]))
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms (days since 1970-01-01, proleptic Gregorian calendar).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_move_across_months_years_and_leap_days() {
        assert_eq!(shift_da("20240301", -1).as_deref(), Some("20240229"));
        assert_eq!(shift_da("20230301", -1).as_deref(), Some("20230228"));
        assert_eq!(shift_da("20000101", -1).as_deref(), Some("19991231"));
        assert_eq!(shift_da("19700101", 0).as_deref(), Some("19700101"));
        assert_eq!(shift_da("20041231", -3650).as_deref(), Some("19950103"));
        assert_eq!(
            shift_dt("20040119072730.123+0100", -19).as_deref(),
            Some("20031231072730.123+0100")
        );
    }

    #[test]
    fn what_is_not_a_full_date_is_not_shifted() {
        for bad in [
            "2004",
            "200401",
            "20040230",
            "20041301",
            "2004-01-19",
            "",
            "abcdefgh",
        ] {
            assert_eq!(shift_da(bad, -5), None, "{bad}");
        }
        assert_eq!(shift_dt("2004", -5), None);
    }
}
