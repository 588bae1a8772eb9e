//! The German texts of statistics exports: headings, the marker's meaning, the notices that
//! travel with every table (synthetic data, multi-valued columns) and the explanation sheet.
//! The command line's own messages stay in English, like the rest of `--help`.

/// The label of a margin: a dimension's total, in every format.
pub const TOTAL: &str = "Total";
/// The heading of the count column.
pub const COUNT: &str = "Anzahl";
/// The heading of the column that carries the notices on every row (a spreadsheet keeps a
/// column through sorting and filtering; a comment line above the header it would not).
pub const NOTE: &str = "Hinweis";
/// The heading of the table column when one CSV holds several tables (`--report kip`).
pub const TABLE: &str = "Tabelle";
/// Headings of the generic columns of a CSV with several tables: the n-th dimension's name,
/// its value and the value's code.
pub fn nth_dimension(n: usize) -> [String; 3] {
    [
        format!("Merkmal {n}"),
        format!("Wert {n}"),
        format!("Code {n}"),
    ]
}
/// The heading of a dimension's code column, beside its label column.
pub fn code_column(label: &str) -> String {
    format!("{label} (Code)")
}

/// On every table of a store with intakes of `anlauf demo`.
pub const SYNTHETIC: &str = "Testdaten: synthetische Erfassungen, keine echten Personen";
/// On every table with a multi-valued dimension.
pub const MULTI_VALUED: &str = "Mehrfachnennungen: eine Person zählt bei jedem genannten Wert, die Zeilen ergeben zusammen nicht das Total";

/// What `<k` means.
pub fn marker(k: u64) -> String {
    format!("<{k}")
}

pub fn marker_meaning(k: u64) -> String {
    format!(
        "«<{k}»: Wert unterdrückt – entweder kleiner als {k} (aber nicht 0) oder verborgen, \
         damit sich ein kleiner Wert nicht aus Totalen zurückrechnen lässt. Nie als 0 lesen."
    )
}

pub fn rule(k: u64) -> String {
    format!(
        "Regel k = {k}: keine Zahl von 1 bis {} wird gezeigt; weitere Zellen sind verborgen, \
         sodass keine verborgene Zelle aus den gezeigten Zahlen und Totalen genauer als auf \
         {k} Personen eingegrenzt werden kann.",
        k - 1
    )
}

pub const NOT_SYNTHETIC: &str = "Echte Erfassungen der Beratungsstelle(n).";
pub const ADDS_UP: &str = "Die Zeilen jeder Tabelle ergeben zusammen das Total.";
pub const EXPLANATION_SHEET: &str = "Erläuterung";
pub const EXPLANATION_TITLE: &str = "anlauf – anonyme Statistik der Anlaufstelle Integration";
pub const PERIOD: &str = "Zeitraum";
pub const GENERATED: &str = "Erstellt (Monat)";
pub const RULE: &str = "Regel";
pub const MARKER: &str = "Marker";
pub const SUMS: &str = "Summen";
pub const DATA: &str = "Daten";
pub const CONTENT: &str = "Inhalt";
pub const TABLES: &str = "Tabellen";
pub const UNITS: &str = "Gezählt werden Personen (Erfassungen, ohne stornierte), je Monat der Erfassung; \
     keine Notizen, keine Namen, keine Beratenden, keine Zeit feiner als ein Monat.";
pub const NO_INTAKES: &str = "keine Erfassungen";

/// «Januar 2025 – Dezember 2025».
pub fn period(from: &str, to: &str) -> String {
    if from == to {
        from.to_owned()
    } else {
        format!("{from} – {to}")
    }
}

/// The German title of a table by the labels of its dimensions.
pub fn table_title(labels: &[&str]) -> String {
    format!("Personen nach {}", labels.join(" und "))
}

/// The standard tables of the cantonal integration programme: name (machine), sheet name
/// (at most 31 characters), title.
pub const KIP_MONTH: (&str, &str) = ("Monat", "Personen nach Monat");
pub const KIP_MUNICIPALITY: (&str, &str) = ("Wohngemeinde", "Personen nach Wohngemeinde");
pub const KIP_NEED_AREA: (&str, &str) = ("Bedarfsbereich", "Personen nach Bedarfsbereich");
pub const KIP_LANGUAGE: (&str, &str) = ("Erstsprache", "Personen nach Erstsprache");
pub const KIP_PERMIT: (&str, &str) = ("Aufenthaltsstatus", "Personen nach Aufenthaltsstatus");
pub const KIP_AGE_BAND: (&str, &str) = ("Altersgruppe", "Personen nach Altersgruppe");
pub const KIP_CHANNEL: (&str, &str) = ("Zugang", "Personen nach Zugang");
pub const KIP_REFERRALS: (&str, &str) = (
    "Vermittlungen",
    "Personen mit Vermittlungen nach Bereich und Ergebnis",
);
pub const KIP_GAP_MONTH: (&str, &str) = (
    "Lücken nach Monat",
    "Lücken (Bedarf ohne passendes Angebot) nach Monat",
);
pub const KIP_GAP_MUNICIPALITY: (&str, &str) = (
    "Lücken nach Wohngemeinde",
    "Lücken (Bedarf ohne passendes Angebot) nach Wohngemeinde",
);
pub const KIP_GAP_LANGUAGE: (&str, &str) = (
    "Lücken nach Erstsprache",
    "Lücken (Bedarf ohne passendes Angebot) nach Erstsprache",
);
pub fn kip_title(year: i32) -> String {
    format!("Kantonales Integrationsprogramm (KIP), Standardtabellen {year}")
}

/// The audit's words (`--audit`).
pub const PRIMARY: &str = "primär";
pub const SECONDARY: &str = "sekundär";
pub const NOT_AUDITED: &str = "ohne Intervall";
pub fn audit_heading(title: &str, suppressed: usize) -> String {
    match suppressed {
        0 => format!("Prüfung «{title}»: keine Zelle unterdrückt"),
        1 => format!("Prüfung «{title}»: 1 Zelle unterdrückt"),
        n => format!("Prüfung «{title}»: {n} Zellen unterdrückt"),
    }
}

/// The notice at the top of a counts file for internal transfer.
pub const COUNTS_NOTICE: &str = "NICHT ZUR VERÖFFENTLICHUNG: ungeschützte Zählungen einer Beratungsstelle, \
     nur für die interne Übermittlung an `anlauf stats merge`. Kleine Zahlen sind nicht unterdrückt.";
