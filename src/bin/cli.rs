//! Native command line: `dicom-exposure-check scan [--json | --csv] [--reveal] PATH...` scans
//! files, folders (recursively), ZIP archives and PACS exports in parallel; `rules` lists every
//! rule; `explain RULE` (or `--explain RULE`) prints one rule's documentation;
//! `deidentify PATH... --out DIR` makes a clean copy checked by a new scan (`src/cli/deidentify.rs`).
//!
//! The scan itself is in `src/cli/`: `walk.rs` (the files under the paths given), `scan.rs`
//! (parallel scanning, exit code) and `output.rs` (text, streamed NDJSON, CSV). The wasm32 build (the web page) compiles a stub.

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/allocator.rs"]
mod allocator;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/deidentify.rs"]
mod deidentify;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/output.rs"]
mod output;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/read_ahead.rs"]
mod read_ahead;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/scan.rs"]
mod scan;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/walk.rs"]
mod walk;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use clap::{Args, Parser, Subcommand, ValueEnum};
    use dicom_exposure_check::deidentify::{DateHandling, Options};
    use dicom_exposure_check::rules::catalog::{all_rules, rule_info};

    /// Find what identifies a person in DICOM files, DICOMDIRs, ZIP archives and PACS exports.
    /// Values are masked; nothing leaves the computer.
    #[derive(Parser)]
    #[command(name = "dicom-exposure-check", version)]
    #[command(
        after_help = "Exit codes of scan: 0 nothing identifying, 1 identifiers found, \
                            2 some input could not be read (2 also for a usage error)."
    )]
    struct Cli {
        /// Print one rule's documentation (same as `explain RULE`).
        #[arg(long, value_name = "RULE")]
        explain: Option<String>,
        #[command(subcommand)]
        command: Option<Command>,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Scan files, folders (recursively), ZIP archives and PACS exports.
        Scan(ScanArgs),
        /// Make a clean (de-identified) copy of DICOM files and folders, checked by a new scan.
        Deidentify(DeidentifyArgs),
        /// List every rule, one line each: id, severity, category, title.
        Rules,
        /// Print one rule's documentation.
        Explain {
            /// A rule id, e.g. E-00100010 (see `rules`).
            rule: String,
        },
    }

    #[derive(Args)]
    pub struct ScanArgs {
        /// Stream JSON lines: one {"type":"file"} object per file as it is scanned, then one
        /// {"type":"summary"} object (summary, people, studies, DICOMDIR sets, rules).
        #[arg(long, conflicts_with = "csv")]
        pub json: bool,
        /// One CSV row per finding: file, location, path, keyword, vr, rule_id, category,
        /// severity, excerpt (and raw with --reveal).
        #[arg(long)]
        pub csv: bool,
        /// Show the values as written instead of masked (the report says so).
        #[arg(long)]
        pub reveal: bool,
        /// Scanning threads [default: all cores, or RAYON_NUM_THREADS].
        #[arg(short, long, value_name = "N")]
        pub jobs: Option<usize>,
        /// Follow symbolic links inside folders (not followed by default, as with find and
        /// ripgrep; a link that leads out of the paths given is named on stderr).
        #[arg(short = 'L', long)]
        pub follow: bool,
        /// Also look at the pixels of every image (first, middle and last frame) for text
        /// burned into them; reads whole files and decodes images, so it is slower.
        #[arg(long)]
        pub pixels: bool,
        /// Files, folders, ZIP archives, exports.
        #[arg(required = true, value_name = "PATH")]
        pub paths: Vec<PathBuf>,
    }

    /// What happens to dates and times.
    #[derive(Clone, Copy, ValueEnum)]
    pub enum Dates {
        /// Removed or replaced (the Basic Profile).
        Remove,
        /// Kept as they are (Retain Longitudinal Temporal Information, Full Dates).
        Keep,
        /// Moved by a random number of days, the same for every file of a person (Modified Dates).
        Shift,
    }

    #[derive(Args)]
    #[command(
        after_help = "Exit codes: 0 every file copied and checked clean, 1 some files left \
                            out (the manifest says why), 2 an input or the output could not be used."
    )]
    pub struct DeidentifyArgs {
        /// The folder the copy goes to; it must be new or empty.
        #[arg(long, value_name = "DIR")]
        pub out: PathBuf,
        /// Dates: remove (default), keep, or shift.
        #[arg(long, value_enum, default_value = "remove")]
        pub dates: Dates,
        /// Keep age, sex, size, weight and similar (Retain Patient Characteristics).
        #[arg(long)]
        pub retain_patient_characteristics: bool,
        /// Keep scanner names and serial numbers (Retain Device Identity).
        #[arg(long)]
        pub retain_device_identity: bool,
        /// Keep hospital names and addresses (Retain Institution Identity).
        #[arg(long)]
        pub retain_institution_identity: bool,
        /// Keep the original UIDs (Retain UIDs).
        #[arg(long)]
        pub retain_uids: bool,
        /// Keep the vendor (private) elements known to be safe: numbers and codes of PS3.15
        /// Table E.3.10-1, such as PET SUV factors and diffusion b-values (Retain Safe Private).
        #[arg(long)]
        pub retain_safe_private: bool,
        /// Remove descriptions whole instead of cutting identifiers out of them.
        #[arg(long)]
        pub no_clean_descriptors: bool,
        /// Replace report text whole instead of cutting identifiers out of it.
        #[arg(long)]
        pub no_clean_structured_content: bool,
        /// Also copy images whose pixels may show text such as a name (left out by default).
        #[arg(long)]
        pub keep_burned_in: bool,
        /// Look at every image's pixels: black out text found in uncompressed images (and look
        /// again), and copy images whose pixels show no text though the header guessed they
        /// might. Compressed images with text stay left out.
        #[arg(long)]
        pub black_out_text: bool,
        /// Replacement patient names: this word and a number.
        #[arg(long, default_value = "Patient", value_name = "TEXT")]
        pub name_prefix: String,
        /// Replacement patient IDs: this text and a number.
        #[arg(long, default_value = "ANON", value_name = "TEXT")]
        pub id_prefix: String,
        /// Follow symbolic links (not followed by default).
        #[arg(long)]
        pub follow: bool,
        /// Copying threads [default: all cores].
        #[arg(short, long, value_name = "N")]
        pub jobs: Option<usize>,
        /// DICOM files and folders.
        #[arg(required = true, value_name = "PATH")]
        pub paths: Vec<PathBuf>,
    }

    impl DeidentifyArgs {
        pub fn options(&self) -> Options {
            Options {
                dates: match self.dates {
                    Dates::Remove => DateHandling::Remove,
                    Dates::Keep => DateHandling::KeepFull,
                    Dates::Shift => DateHandling::Shift,
                },
                patient_characteristics: self.retain_patient_characteristics,
                device_identity: self.retain_device_identity,
                institution_identity: self.retain_institution_identity,
                uids: self.retain_uids,
                safe_private: self.retain_safe_private,
                clean_descriptors: !self.no_clean_descriptors,
                clean_structured_content: !self.no_clean_structured_content,
                keep_burned_in: self.keep_burned_in,
                black_out_text: self.black_out_text,
                name_prefix: self.name_prefix.clone(),
                id_prefix: self.id_prefix.clone(),
            }
        }
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        if let Some(rule) = &cli.explain {
            return explain(rule);
        }
        match cli.command {
            Some(Command::Scan(args)) => crate::scan::run(&args),
            Some(Command::Deidentify(args)) => crate::deidentify::run(&args),
            Some(Command::Rules) => {
                for rule in all_rules() {
                    println!(
                        "{:<12} {:<8} {:<32} {}",
                        rule.id,
                        rule.severity.label(),
                        rule.category.label(),
                        rule.title
                    );
                }
                ExitCode::SUCCESS
            }
            Some(Command::Explain { rule }) => explain(&rule),
            None => {
                use clap::CommandFactory;
                eprintln!("{}", Cli::command().render_help());
                ExitCode::from(2)
            }
        }
    }

    fn explain(id: &str) -> ExitCode {
        let Some(rule) = rule_info(id) else {
            eprintln!("no rule {id}; `dicom-exposure-check rules` lists them");
            return ExitCode::from(2);
        };
        println!(
            "{} — {}\ncategory: {}\nseverity: {}\n\nWhy it matters: {}\nWhat to do: {}\nReference: {}",
            rule.id,
            rule.title,
            rule.category.label(),
            rule.severity.label(),
            rule.why,
            rule.fix,
            rule.reference
        );
        ExitCode::SUCCESS
    }
}
