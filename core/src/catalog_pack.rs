//! The catalog snapshot as compact text, for the app's first load: no JSON decoder in the
//! bundle, and a read that is a few splits instead of a parser (`GET /api/v1/catalog/pack`).
//! The same [`CatalogWire`] as the JSON form, written the same way by the server that the app
//! reads it:
//!
//! ```text
//! dvc-catalog 1
//! <version> TAB <province> TAB <portal name> [TAB <hotline>]
//! <fields> TAB <agencies> TAB <procedures> TAB <codes>     how many lines of each follow
//! <slug> TAB <name> TAB <name_en>                            one line per field
//! <id> TAB <name> TAB <short> TAB <level> TAB <parent>       one line per agency
//! <base> TAB <name> TAB <field> TAB <level> TAB <mode> TAB <fee> TAB <days> TAB <has fee 0/1> TAB <keywords, US-separated>
//! <procedure>.<agency> SPACE <procedure>.<agency> …          the placements, in entry order, on one line
//! <placement> TAB <code>                                     one line per unusual code
//! ```
//!
//! In text a backslash, tab, newline, carriage return and unit separator (U+001F) are written
//! `\\`, `\t`, `\n`, `\r` and `\u`.

use crate::catalog::{AgencyRef, CatalogWire, FieldRef, Level, OnlineMode, WireProcedure};

const MAGIC: &str = "dvc-catalog 1";
const KEYWORD_SEPARATOR: char = '\u{1f}';

/// What is wrong with a pack, for the log: the app then falls back to downloading it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackError(pub &'static str);

pub fn encode(wire: &CatalogWire) -> String {
    let mut out = String::with_capacity(64 * 1024);
    // Cells come escaped: a tab or newline inside one cannot end it.
    let mut line = |cells: &[String]| {
        out.push_str(&cells.join("\t"));
        out.push('\n');
    };
    line(&[MAGIC.to_owned()]);
    let mut title = vec![escape(&wire.version), escape(&wire.province), escape(&wire.portal_name)];
    title.extend(wire.hotline.as_deref().map(escape));
    line(&title);
    line(&[wire.fields.len(), wire.agencies.len(), wire.procedures.len(), wire.codes.len()].map(|n| n.to_string()));
    for f in &wire.fields {
        line(&[escape(&f.slug), escape(&f.name), escape(&f.name_en)]);
    }
    for a in &wire.agencies {
        line(&[
            escape(&a.id),
            escape(&a.name),
            escape(&a.short),
            a.level.slug().to_owned(),
            escape(a.parent.as_deref().unwrap_or("")),
        ]);
    }
    for p in &wire.procedures {
        let keywords: Vec<String> = p.keywords.iter().map(|k| escape(k)).collect();
        line(&[
            escape(&p.base),
            escape(&p.name),
            p.field.to_string(),
            p.level.slug().to_owned(),
            p.mode.slug().to_owned(),
            p.fee.to_string(),
            p.days.to_string(),
            if p.has_fee { "1" } else { "0" }.to_owned(),
            keywords.join("\u{1f}"),
        ]);
    }
    let placements: Vec<String> = wire.placements.iter().map(|(p, a)| format!("{p}.{a}")).collect();
    line(&[placements.join(" ")]);
    for (i, code) in &wire.codes {
        line(&[i.to_string(), escape(code)]);
    }
    out
}

pub fn decode(text: &str) -> Result<CatalogWire, PackError> {
    let mut lines = text.split('\n');
    let mut next = |what: &'static str| lines.next().ok_or(PackError(what));
    if next("header")? != MAGIC {
        return Err(PackError("not a catalog pack of version 1"));
    }
    let title = next("title")?;
    // The hotline, when there is one, is a fourth cell.
    let (title, hotline) = match title.splitn(4, '\t').nth(3) {
        Some(hotline) => (&title[..title.len() - hotline.len() - 1], Some(unescape(hotline))),
        None => (title, None),
    };
    let [version, province, portal_name] = cells(title, "title")?;
    let [fields, agencies, procedures, codes] =
        cells(next("counts")?, "counts")?.map(|n| n.parse::<usize>().map_err(|_| PackError("counts")));
    let (fields, agencies, procedures, codes) = (fields?, agencies?, procedures?, codes?);

    let mut wire = CatalogWire {
        version: unescape(version),
        province: unescape(province),
        portal_name: unescape(portal_name),
        hotline,
        fields: Vec::with_capacity(fields.min(10_000)),
        agencies: Vec::with_capacity(agencies.min(10_000)),
        procedures: Vec::with_capacity(procedures.min(100_000)),
        placements: Vec::new(),
        codes: Vec::new(),
    };
    for _ in 0..fields {
        let [slug, name, name_en] = cells(next("field")?, "field")?.map(unescape);
        wire.fields.push(FieldRef { slug, name, name_en });
    }
    for _ in 0..agencies {
        let [id, name, short, level, parent] = cells(next("agency")?, "agency")?;
        let level = Level::from_slug(level).ok_or(PackError("agency level"))?;
        wire.agencies.push(AgencyRef {
            id: unescape(id),
            name: unescape(name),
            short: unescape(short),
            level,
            parent: (!parent.is_empty()).then(|| unescape(parent)),
        });
    }
    for _ in 0..procedures {
        let [base, name, field, level, mode, fee, days, has_fee, keywords] = cells(next("procedure")?, "procedure")?;
        wire.procedures.push(WireProcedure {
            base: unescape(base),
            name: unescape(name),
            field: field.parse().map_err(|_| PackError("procedure field"))?,
            level: Level::from_slug(level).ok_or(PackError("procedure level"))?,
            mode: OnlineMode::from_slug(mode).ok_or(PackError("procedure mode"))?,
            fee: fee.parse().map_err(|_| PackError("procedure fee"))?,
            days: days.parse().map_err(|_| PackError("procedure days"))?,
            has_fee: has_fee == "1",
            keywords: if keywords.is_empty() {
                Vec::new()
            } else {
                keywords.split(KEYWORD_SEPARATOR).map(unescape).collect()
            },
        });
    }
    for pair in next("placements")?.split(' ').filter(|p| !p.is_empty()) {
        let (p, a) = pair.split_once('.').ok_or(PackError("placement"))?;
        let (p, a): (u32, u16) =
            (p.parse().map_err(|_| PackError("placement"))?, a.parse().map_err(|_| PackError("placement"))?);
        if p as usize >= wire.procedures.len() || a as usize >= wire.agencies.len() {
            return Err(PackError("placement out of range"));
        }
        wire.placements.push((p, a));
    }
    for _ in 0..codes {
        let [i, code] = cells(next("code")?, "code")?;
        wire.codes.push((i.parse().map_err(|_| PackError("code"))?, unescape(code)));
    }
    Ok(wire)
}

/// The `N` tab-separated cells of a line, as written; another count is the error `what`.
fn cells<'a, const N: usize>(line: &'a str, what: &'static str) -> Result<[&'a str; N], PackError> {
    line.split('\t').collect::<Vec<&'a str>>().try_into().map_err(|_| PackError(what))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            KEYWORD_SEPARATOR => out.push_str("\\u"),
            c => out.push(c),
        }
    }
}

fn unescape(cell: &str) -> String {
    if !cell.contains('\\') {
        return cell.to_owned();
    }
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => out.push(KEYWORD_SEPARATOR),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::CatalogSnapshot;

    fn wire() -> CatalogWire {
        CatalogWire {
            version: "v7".into(),
            province: "Vĩnh Phúc".into(),
            portal_name: "Cổng\tDịch vụ công\\tỉnh".into(),
            hotline: Some("1900 0000\t(8–17h)".into()),
            fields: vec![FieldRef {
                slug: "ho-tich".into(), name: "Hộ tịch".into(), name_en: "Civil status".into()
            }],
            agencies: vec![
                AgencyRef {
                    id: "000.00.15.H62".into(),
                    name: "UBND huyện".into(),
                    short: "Huyện".into(),
                    level: Level::District,
                    parent: None,
                },
                AgencyRef {
                    id: "008.01.00.H62".into(),
                    name: "UBND xã\nmới".into(),
                    short: "Xã".into(),
                    level: Level::Commune,
                    parent: Some("000.00.15.H62".into()),
                },
            ],
            procedures: vec![
                WireProcedure {
                    base: "1.001193".into(),
                    name: "Đăng ký khai sinh".into(),
                    field: 0,
                    level: Level::Commune,
                    mode: OnlineMode::Full,
                    fee: 0,
                    days: 1,
                    has_fee: false,
                    keywords: vec!["khai sinh".into(), "giấy\u{1f}khai sinh".into()],
                },
                WireProcedure {
                    base: "1.004222".into(),
                    name: "Đăng ký thường trú".into(),
                    field: 0,
                    level: Level::Commune,
                    mode: OnlineMode::Partial,
                    fee: 10_000,
                    days: 7,
                    has_fee: true,
                    keywords: vec![],
                },
            ],
            placements: vec![(0, 1), (1, 1), (0, 0)],
            codes: vec![(2, "1.001193.000.00.15.H62\\x".into())],
        }
    }

    #[test]
    fn a_catalog_goes_through_its_text_form_unchanged_tabs_newlines_and_backslashes_included() {
        let text = encode(&wire());
        assert!(text.starts_with("dvc-catalog 1\n"));
        assert_eq!(decode(&text), Ok(wire()));
        let snapshot = CatalogSnapshot::from(decode(&text).unwrap());
        assert_eq!(snapshot.entries.len(), 3);
        assert_eq!(snapshot.entries[0].code, "1.001193.008.01.00.H62");
        assert_eq!(snapshot.entries[2].code, "1.001193.000.00.15.H62\\x");
        // Without a hotline the title has three cells, and reads back as none.
        let without = CatalogWire { hotline: None, ..wire() };
        assert_eq!(decode(&encode(&without)), Ok(without));
    }

    #[test]
    fn a_broken_or_foreign_pack_is_refused_not_half_read() {
        let text = encode(&wire());
        assert_eq!(decode("{\"version\": 1}"), Err(PackError("not a catalog pack of version 1")));
        assert!(decode(&text[..text.len() / 2]).is_err(), "cut short");
        assert!(decode(&text.replace("\tcommune\t", "\tward\t")).is_err(), "an unknown level");
        assert!(decode(&text.replace("1.1 ", "9.1 ")).is_err(), "a placement of no procedure");
        assert!(decode(&text.replacen("\t10000\t", "\tten\t", 1)).is_err(), "a fee that is not a number");
    }
}
