//! The catalog as the app downloads it once and searches locally: every entry (a procedure at
//! an agency), sent as distinct procedures with their placements.

use serde::{Deserialize, Serialize};

use super::{AgencyRef, FieldRef, Level, OnlineMode, Procedure};

/// What the app downloads once to search locally: every catalog entry.
///
/// On the wire it is a [`CatalogWire`]: catalogs repeat a base procedure under many agencies,
/// so each distinct procedure is sent once with the list of agencies carrying it (about five
/// times smaller than one record per entry).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "CatalogWire", into = "CatalogWire")]
pub struct CatalogSnapshot {
    /// Changes whenever the catalog changes; also the `ETag`.
    pub version: String,
    /// The province, e.g. "Vĩnh Phúc", and its portal's name: from the data, never hard-coded.
    pub province: String,
    pub portal_name: String,
    /// The help line to call when no procedure answers a search (`DVC_HOTLINE`); `None`: not
    /// configured.
    pub hotline: Option<String>,
    pub fields: Vec<FieldRef>,
    pub agencies: Vec<AgencyRef>,
    pub entries: Vec<CatalogEntry>,
}

impl CatalogSnapshot {
    /// The entry a procedure address names: by local code, or by national base code (its
    /// first placement), as the API's `/procedures/{code}` answers.
    pub fn by_code(&self, code: &str) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.code == code).or_else(|| self.entries.iter().find(|e| e.base == code))
    }
}

/// The snapshot as sent: distinct procedures, and placements `[procedure, agency]` in entry
/// order. An entry's code is `<base code>.<agency id>` unless `codes` says otherwise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogWire {
    pub version: String,
    pub province: String,
    pub portal_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotline: Option<String>,
    pub fields: Vec<FieldRef>,
    pub agencies: Vec<AgencyRef>,
    pub procedures: Vec<WireProcedure>,
    pub placements: Vec<(u32, u16)>,
    /// (placement index, code) for entries whose code is not the usual one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<(u32, String)>,
}

/// A catalog entry without its agency and code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WireProcedure {
    pub base: String,
    pub name: String,
    pub field: u16,
    pub level: Level,
    pub mode: OnlineMode,
    pub fee: u64,
    pub days: u16,
    pub has_fee: bool,
    pub keywords: Vec<String>,
}

fn usual_code(base: &str, agency: Option<&AgencyRef>) -> String {
    format!("{base}.{}", agency.map_or("", |a| a.id.as_str()))
}

impl From<CatalogWire> for CatalogSnapshot {
    fn from(w: CatalogWire) -> CatalogSnapshot {
        let mut entries: Vec<CatalogEntry> = w
            .placements
            .iter()
            .filter_map(|&(p, agency)| {
                let p = w.procedures.get(p as usize)?;
                Some(CatalogEntry {
                    code: usual_code(&p.base, w.agencies.get(agency as usize)),
                    base: p.base.clone(),
                    name: p.name.clone(),
                    field: p.field,
                    agency,
                    level: p.level,
                    mode: p.mode,
                    fee: p.fee,
                    days: p.days,
                    has_fee: p.has_fee,
                    keywords: p.keywords.clone(),
                })
            })
            .collect();
        for (i, code) in w.codes {
            if let Some(e) = entries.get_mut(i as usize) {
                e.code = code;
            }
        }
        CatalogSnapshot {
            version: w.version,
            province: w.province,
            portal_name: w.portal_name,
            hotline: w.hotline,
            fields: w.fields,
            agencies: w.agencies,
            entries,
        }
    }
}

impl From<CatalogSnapshot> for CatalogWire {
    fn from(s: CatalogSnapshot) -> CatalogWire {
        let mut procedures: Vec<WireProcedure> = Vec::new();
        let mut index: std::collections::HashMap<String, Vec<u32>> = std::collections::HashMap::new();
        let (mut placements, mut codes) = (Vec::new(), Vec::new());
        for (i, e) in s.entries.into_iter().enumerate() {
            if e.code != usual_code(&e.base, s.agencies.get(e.agency as usize)) {
                codes.push((i as u32, e.code.clone()));
            }
            let agency = e.agency;
            let p = WireProcedure {
                base: e.base,
                name: e.name,
                field: e.field,
                level: e.level,
                mode: e.mode,
                fee: e.fee,
                days: e.days,
                has_fee: e.has_fee,
                keywords: e.keywords,
            };
            let same_base = index.entry(p.base.clone()).or_default();
            let found = same_base.iter().copied().find(|&k| procedures[k as usize] == p);
            let k = found.unwrap_or_else(|| {
                procedures.push(p);
                same_base.push(procedures.len() as u32 - 1);
                procedures.len() as u32 - 1
            });
            placements.push((k, agency));
        }
        CatalogWire {
            version: s.version,
            province: s.province,
            portal_name: s.portal_name,
            hotline: s.hotline,
            fields: s.fields,
            agencies: s.agencies,
            procedures,
            placements,
            codes,
        }
    }
}

/// One procedure in the snapshot: enough to search, filter and list it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogEntry {
    pub code: String,
    pub base: String,
    pub name: String,
    /// Index into `CatalogSnapshot::fields`.
    pub field: u16,
    /// Index into `CatalogSnapshot::agencies`.
    pub agency: u16,
    pub level: Level,
    pub mode: OnlineMode,
    /// Fee for the online channel where there is one, else the in-person fee.
    pub fee: u64,
    /// Processing time in working days, for the same channel as `fee`.
    pub days: u16,
    /// A fee is due on some channel (the procedure carries a financial obligation).
    pub has_fee: bool,
    pub keywords: Vec<String>,
}

impl CatalogEntry {
    /// Summary of a full record, for the snapshot.
    pub fn from_procedure(p: &Procedure, field: u16, agency: u16) -> CatalogEntry {
        let main = p.main_channel();
        CatalogEntry {
            code: p.code.clone(),
            base: p.base_code.clone(),
            name: p.name.clone(),
            field,
            agency,
            level: p.level,
            mode: p.online_mode,
            fee: main.map_or(0, |c| c.fee),
            days: main.map_or(0, |c| c.days),
            has_fee: p.has_fee(),
            keywords: p.keywords.clone(),
        }
    }
}
