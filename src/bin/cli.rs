//! Native command line: `dicom-exposure-check scan [--json | --csv] [--reveal] PATH...` scans
//! files, folders (recursively), ZIP archives and PACS exports in parallel; `rules` lists every
//! rule; `explain RULE` (or `--explain RULE`) prints one rule's documentation.
//!
//! The scan itself is in `src/cli/`: `scan.rs` (walking, parallel scanning, exit code) and
//! `output.rs` (text, streamed NDJSON, CSV). The wasm32 build (the web page) compiles a stub.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/output.rs"]
mod output;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/scan.rs"]
mod scan;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use clap::{Args, Parser, Subcommand};
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
        /// Files, folders, ZIP archives, exports.
        #[arg(required = true, value_name = "PATH")]
        pub paths: Vec<PathBuf>,
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        if let Some(rule) = &cli.explain {
            return explain(rule);
        }
        match cli.command {
            Some(Command::Scan(args)) => crate::scan::run(&args),
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
