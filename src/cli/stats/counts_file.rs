//! The counts file: a store's count cube for a period, unsuppressed, for internal transfer to
//! whoever merges the figures of several counselling points (`anlauf stats merge`). It says
//! at the top that it is not for publication; it names its format and schema version, the
//! sites and months it covers, and whether the intakes were synthetic. Each profile holds
//! codes and a month only (see `domain::stats::Profile`): no note, adviser, id or finer time.

use crate::domain::stats::{Cube, Month, Profile};
use crate::strings::export as text;
use serde::{Deserialize, Serialize};

/// What the file is; a JSON file with another `format` is not one.
pub const FORMAT: &str = "anlauf-counts";
/// Raised whenever `Profile` or this layout changes: files of different versions are not
/// added up (a field read as missing would count wrongly without a word).
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountsFile {
    pub notice: String,
    pub format: String,
    pub schema: u32,
    /// The counselling points whose intakes are counted, sorted.
    pub sites: Vec<String>,
    /// The months covered, both included (`None`: nothing counted and no bound asked).
    pub from: Option<Month>,
    pub to: Option<Month>,
    pub synthetic: bool,
    /// The month the file was written; nothing finer.
    pub generated: Month,
    /// Intakes counted: the sum of `profiles`, a check that nothing was lost on the way.
    pub intakes: u64,
    pub profiles: Vec<Counted>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counted {
    pub count: u64,
    pub profile: Profile,
}

/// The first fields alone, read before the rest so that a foreign file or another schema
/// version is named as such rather than as a missing field.
#[derive(Debug, Deserialize)]
pub struct Header {
    pub format: Option<String>,
    pub schema: Option<u32>,
}

impl CountsFile {
    /// The file for `cube`, which holds the months `from` to `to` of a store.
    pub fn of(
        cube: &Cube,
        from: Option<Month>,
        to: Option<Month>,
        synthetic: bool,
        generated: Month,
    ) -> CountsFile {
        let seen = cube.months();
        let mut profiles: Vec<Counted> = cube
            .iter()
            .map(|(p, n)| Counted {
                count: n,
                profile: p.clone(),
            })
            .collect();
        profiles.sort_by(|a, b| a.profile.cmp(&b.profile));
        CountsFile {
            notice: text::COUNTS_NOTICE.to_owned(),
            format: FORMAT.to_owned(),
            schema: SCHEMA,
            sites: cube.sites(),
            from: from.or(seen.map(|s| s.0)),
            to: to.or(seen.map(|s| s.1)),
            synthetic,
            generated,
            intakes: cube.total(),
            profiles,
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// Reads a file that [`read_header`] accepted; says where in it the JSON is wrong, and
    /// what does not add up.
    pub fn parse(json: &str) -> Result<CountsFile, String> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let file: CountsFile = serde_path_to_error::deserialize(de).map_err(|e| {
            let at = e.path().to_string();
            format!("{} (at `{at}`)", e.inner())
        })?;
        file.check()?;
        Ok(file)
    }

    /// What a whole file must satisfy beyond its syntax.
    fn check(&self) -> Result<(), String> {
        let sum: u64 = self.profiles.iter().map(|c| c.count).sum();
        if sum != self.intakes {
            return Err(format!(
                "the profiles add up to {sum} intakes, the file says {}",
                self.intakes
            ));
        }
        for c in &self.profiles {
            let m = c.profile.month;
            let inside = self.from.is_some_and(|f| m >= f) && self.to.is_some_and(|t| m <= t);
            if !inside {
                return Err(format!("counts for {m}, outside the period the file names"));
            }
            if !self.sites.contains(&c.profile.site) {
                return Err(format!(
                    "counts for the site «{}», which the file does not name",
                    c.profile.site
                ));
            }
        }
        Ok(())
    }

    pub fn cube(self) -> Cube {
        self.profiles
            .into_iter()
            .map(|c| (c.profile, c.count))
            .collect()
    }
}

/// The format and schema of a file, or what makes it no counts file at all.
pub fn read_header(json: &str) -> Result<u32, String> {
    let header: Header = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    match header.format.as_deref() {
        Some(FORMAT) => header.schema.ok_or_else(|| "no schema version".to_owned()),
        Some(other) => Err(format!(
            "not an anlauf counts file (its format is «{other}», expected «{FORMAT}»)"
        )),
        None => Err(format!(
            "not an anlauf counts file (no \"format\": \"{FORMAT}\")"
        )),
    }
}
