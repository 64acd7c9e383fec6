//! The administrative-procedure catalog (docs/domain.md, "Procedures"): what a procedure
//! is, as the national portal publishes it: levels, modes, channels and fees, documents, legal
//! basis. The compact snapshot the app searches locally is in [`snapshot`].

use serde::{Deserialize, Serialize};

use crate::json::Json;

mod snapshot;
pub use snapshot::{CatalogEntry, CatalogSnapshot, CatalogWire, WireProcedure};

/// Level of government that carries a procedure out (cấp thực hiện).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    District,
    Commune,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Province, Level::District, Level::Commune];

    pub fn slug(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.slug() == slug)
    }

    /// The level's name, as the API's facets and the Vietnamese UI show it.
    pub fn name_vi(self) -> &'static str {
        match self {
            Level::Province => "Cấp tỉnh",
            Level::District => "Cấp huyện",
            Level::Commune => "Cấp xã",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Level::Province => "Province",
            Level::District => "District",
            Level::Commune => "Commune",
        }
    }
}

/// How much of a procedure can be done online (Decree 42/2022/NĐ-CP art. 11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OnlineMode {
    /// Toàn trình: information, submission, processing and result all online.
    Full,
    /// Một phần: some steps need the citizen in person.
    Partial,
    /// Only in person; the catalog says where and how. Its wire name is `offline` (the portal's
    /// word); in the app "offline" means no network, so the code calls it by what it is.
    #[serde(rename = "offline")]
    InPersonOnly,
}

impl OnlineMode {
    pub const ALL: [OnlineMode; 3] = [OnlineMode::Full, OnlineMode::Partial, OnlineMode::InPersonOnly];

    pub fn slug(self) -> &'static str {
        match self {
            OnlineMode::Full => "full",
            OnlineMode::Partial => "partial",
            OnlineMode::InPersonOnly => "offline",
        }
    }

    pub fn from_slug(slug: &str) -> Option<OnlineMode> {
        OnlineMode::ALL.into_iter().find(|m| m.slug() == slug)
    }

    /// The mode's name, as the API's facets and the Vietnamese UI show it.
    pub fn name_vi(self) -> &'static str {
        match self {
            OnlineMode::Full => "Trực tuyến toàn trình",
            OnlineMode::Partial => "Trực tuyến một phần",
            OnlineMode::InPersonOnly => "Chỉ nộp trực tiếp",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            OnlineMode::Full => "Fully online",
            OnlineMode::Partial => "Partly online",
            OnlineMode::InPersonOnly => "In person only",
        }
    }

    /// A dossier can be filed online (fully or partly).
    pub fn accepts_online_submission(self) -> bool {
        !matches!(self, OnlineMode::InPersonOnly)
    }
}

/// The fee facet's values by name: whether a procedure carries a fee.
pub fn fee_name_vi(has_fee: bool) -> &'static str {
    if has_fee {
        "Có lệ phí"
    } else {
        "Không mất phí"
    }
}

pub fn fee_name_en(has_fee: bool) -> &'static str {
    if has_fee {
        "With a fee"
    } else {
        "Free"
    }
}

/// Channel of submission (docs/domain.md, "Dossiers": 1 in person, 2 online, 3 public postal
/// service).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    InPerson,
    Online,
    Postal,
}

impl ChannelKind {
    /// As serde names it: `in_person`, `online`, `postal`.
    pub fn from_slug(slug: &str) -> Option<ChannelKind> {
        match slug {
            "in_person" => Some(ChannelKind::InPerson),
            "online" => Some(ChannelKind::Online),
            "postal" => Some(ChannelKind::Postal),
            _ => None,
        }
    }

    /// The national channel code.
    pub fn code(self) -> u8 {
        match self {
            ChannelKind::InPerson => 1,
            ChannelKind::Online => 2,
            ChannelKind::Postal => 3,
        }
    }
}

/// One row of "Cách thức thực hiện": time and fee differ by channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Channel {
    pub channel: ChannelKind,
    /// Processing time in working days (0: the same day).
    pub days: u16,
    /// The processing time as published.
    pub time: String,
    /// Fee in đồng for this channel (0: none).
    pub fee: u64,
    pub fee_text: String,
    pub description: String,
}

/// One line of "Thành phần hồ sơ".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequiredDocument {
    pub name: String,
    /// Form template, where one is published.
    pub form: Option<String>,
    /// As published: "1 bản chính", "1 bản sao".
    pub quantity: String,
}

/// One line of "Căn cứ pháp lý".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegalBasis {
    pub number: String,
    pub summary: String,
    /// dd/mm/yyyy.
    pub date: String,
    pub issuer: String,
}

/// Who may apply (đối tượng thực hiện).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicantType {
    Citizen,
    Organisation,
}

/// A procedure as placed in the province's catalog: a base procedure carried out by one agency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Procedure {
    /// Local code: the national base code followed by the publishing agency's id.
    pub code: String,
    /// National base code, e.g. `1.001193`.
    pub base_code: String,
    pub name: String,
    /// Publishing decision (quyết định công bố).
    pub decision: String,
    pub level: Level,
    /// Further levels where the same procedure is carried out.
    pub other_levels: Vec<Level>,
    pub kind: String,
    pub field: FieldRef,
    pub online_mode: OnlineMode,
    pub on_national_portal: bool,
    pub payable_online: bool,
    pub steps: Vec<String>,
    pub channels: Vec<Channel>,
    pub documents: Vec<RequiredDocument>,
    pub applicants: Vec<ApplicantType>,
    pub agency: AgencyRef,
    pub implementing_agency: String,
    pub competent_agency: String,
    pub where_to_submit: String,
    pub result: String,
    pub legal_basis: Vec<LegalBasis>,
    pub conditions: String,
    pub keywords: Vec<String>,
    pub description: String,
}

impl Procedure {
    /// The channel a citizen of this app uses, when the procedure has it.
    pub fn channel(&self, kind: ChannelKind) -> Option<&Channel> {
        self.channels.iter().find(|c| c.channel == kind)
    }

    /// The channel whose fee and time a citizen of this app sees first: online where the
    /// procedure has it, else the first published.
    pub fn main_channel(&self) -> Option<&Channel> {
        main_channel(&self.channels)
    }

    /// A fee is due on some channel.
    pub fn has_fee(&self) -> bool {
        carries_fee(&self.channels)
    }
}

/// Reading a record without serde (for the app's procedure page, see [`crate::json`]): the
/// same fields, names and values serde writes.
impl Procedure {
    /// The record as `GET /procedures/{code}` sends it; `None` if it is not one.
    pub fn from_json(text: &str) -> Option<Procedure> {
        let j = Json::parse(text)?;
        Some(Procedure {
            code: j.text("code")?,
            base_code: j.text("base_code")?,
            name: j.text("name")?,
            decision: j.text("decision")?,
            level: Level::from_slug(j.get("level")?.as_str()?)?,
            other_levels: j.list("other_levels", |l| Level::from_slug(l.as_str()?))?,
            kind: j.text("kind")?,
            field: field_from_json(j.get("field")?)?,
            online_mode: OnlineMode::from_slug(j.get("online_mode")?.as_str()?)?,
            on_national_portal: j.get("on_national_portal")?.as_bool()?,
            payable_online: j.get("payable_online")?.as_bool()?,
            steps: j.list("steps", |s| s.as_str().map(str::to_owned))?,
            channels: j.list("channels", |c| {
                Some(Channel {
                    channel: ChannelKind::from_slug(c.get("channel")?.as_str()?)?,
                    days: u16::try_from(c.get("days")?.as_u64()?).ok()?,
                    time: c.text("time")?,
                    fee: c.get("fee")?.as_u64()?,
                    fee_text: c.text("fee_text")?,
                    description: c.text("description")?,
                })
            })?,
            documents: j.list("documents", |d| {
                Some(RequiredDocument {
                    name: d.text("name")?,
                    form: d.optional_text("form")?,
                    quantity: d.text("quantity")?,
                })
            })?,
            applicants: j.list("applicants", |a| match a.as_str()? {
                "citizen" => Some(ApplicantType::Citizen),
                "organisation" => Some(ApplicantType::Organisation),
                _ => None,
            })?,
            agency: agency_from_json(j.get("agency")?)?,
            implementing_agency: j.text("implementing_agency")?,
            competent_agency: j.text("competent_agency")?,
            where_to_submit: j.text("where_to_submit")?,
            result: j.text("result")?,
            legal_basis: j.list("legal_basis", |l| {
                Some(LegalBasis {
                    number: l.text("number")?,
                    summary: l.text("summary")?,
                    date: l.text("date")?,
                    issuer: l.text("issuer")?,
                })
            })?,
            conditions: j.text("conditions")?,
            keywords: j.list("keywords", |k| k.as_str().map(str::to_owned))?,
            description: j.text("description")?,
        })
    }
}

fn field_from_json(f: &Json) -> Option<FieldRef> {
    Some(FieldRef { slug: f.text("slug")?, name: f.text("name")?, name_en: f.text("name_en")? })
}

fn agency_from_json(a: &Json) -> Option<AgencyRef> {
    Some(AgencyRef {
        id: a.text("id")?,
        name: a.text("name")?,
        short: a.text("short")?,
        level: Level::from_slug(a.get("level")?.as_str()?)?,
        parent: a.optional_text("parent")?,
    })
}

/// The online channel where there is one, else the first published.
pub fn main_channel(channels: &[Channel]) -> Option<&Channel> {
    channels.iter().find(|c| c.channel == ChannelKind::Online).or_else(|| channels.first())
}

/// A procedure carries a financial obligation when any channel has a fee.
pub fn carries_fee(channels: &[Channel]) -> bool {
    channels.iter().any(|c| c.fee > 0)
}

/// The fee can be paid online exactly when there is one and the dossier is filed online.
pub fn payable_online(channels: &[Channel], mode: OnlineMode) -> bool {
    carries_fee(channels) && mode.accepts_online_submission()
}

/// A field (lĩnh vực).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldRef {
    pub slug: String,
    pub name: String,
    pub name_en: String,
}

/// An agency, as a procedure or a snapshot refers to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyRef {
    /// Provincial agency id, e.g. `000.00.15.H62`.
    pub id: String,
    pub name: String,
    pub short: String,
    pub level: Level,
    /// Id of the agency above it (a commune's district), if any.
    pub parent: Option<String>,
}

/// A unit named as a place, without its people's committee: "Ủy ban nhân dân phường Tích
/// Sơn" → "Phường Tích Sơn", as address pickers and the place to apply name it. A unit's name
/// begins with its kind (tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn, đặc khu),
/// whose first letter is a plain one or "đ": capitalised by hand, which keeps Unicode's case
/// tables out of the app.
pub fn unit_name(committee: &str) -> String {
    let rest =
        committee.strip_prefix("Ủy ban nhân dân ").or_else(|| committee.strip_prefix("UBND ")).unwrap_or(committee);
    let mut chars = rest.chars();
    let capital = |c: char| if c == 'đ' { 'Đ' } else { c.to_ascii_uppercase() };
    chars.next().map_or(String::new(), |first| std::iter::once(capital(first)).chain(chars).collect())
}

impl AgencyRef {
    /// With two tiers, the agency a commune-level procedure is listed under once: it stands
    /// for every commune's people's committee (commune level, under no one), and any commune
    /// or ward of the province receives the procedure.
    pub fn stands_for_any_commune(&self) -> bool {
        self.level == Level::Commune && self.parent.is_none()
    }

    /// A commune or ward of the province's map (not the agency standing for them all).
    pub fn is_commune_unit(&self) -> bool {
        self.level == Level::Commune && self.parent.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_named_without_their_committee() {
        assert_eq!(unit_name("Ủy ban nhân dân phường Tích Sơn"), "Phường Tích Sơn");
        assert_eq!(unit_name("Ủy ban nhân dân tỉnh Vĩnh Phúc"), "Tỉnh Vĩnh Phúc");
        assert_eq!(unit_name("UBND thành phố Vĩnh Yên"), "Thành phố Vĩnh Yên");
        assert_eq!(unit_name("Ủy ban nhân dân đặc khu Cô Tô"), "Đặc khu Cô Tô");
        assert_eq!(unit_name(""), "");
    }

    #[test]
    fn the_agency_standing_for_every_commune_is_no_unit_of_the_map() {
        let agency = |level, parent: Option<&str>| AgencyRef {
            id: "G25.X00000".into(),
            name: "Ủy ban nhân dân cấp xã".into(),
            short: "UBND cấp xã".into(),
            level,
            parent: parent.map(str::to_owned),
        };
        let any = agency(Level::Commune, None);
        assert!(any.stands_for_any_commune() && !any.is_commune_unit());
        let ward = agency(Level::Commune, Some("000.00.00.G25"));
        assert!(ward.is_commune_unit() && !ward.stands_for_any_commune());
        let department = agency(Level::Province, Some("000.00.00.G25"));
        assert!(!department.is_commune_unit() && !department.stands_for_any_commune());
    }
}
