//! The `luoshi` command: parses the command line and calls the crates. Nothing else lives here.

mod backup;
mod bench_data;
mod commands;
mod extract;

use std::{path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand};

/// mimalloc instead of the system allocator: under load the server allocates small buffers on
/// many threads, where glibc's allocator spent a fifth of the CPU and grew per-thread arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 落实 Luoshi — putting government decisions into practice.
#[derive(Debug, Parser)]
#[command(name = "luoshi", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Settings every command that touches the database shares; each overrides `luoshi.toml` and
/// the `LUOSHI_*` environment.
#[derive(Debug, Args, Clone, Default)]
pub struct Common {
    /// Configuration file (default: ./luoshi.toml if it exists).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// SQLite file or postgres:// URL.
    #[arg(long, global = true)]
    database: Option<String>,
    /// Fix the clock to this day (YYYY-MM-DD).
    #[arg(long, global = true)]
    today: Option<String>,
    /// Log format: text or json.
    #[arg(long, global = true)]
    log_format: Option<String>,
}

/// Where to listen.
#[derive(Debug, Args, Clone, Default)]
pub struct Listen {
    /// Address to listen on.
    #[arg(long)]
    host: Option<String>,
    /// Port to listen on.
    #[arg(long)]
    port: Option<String>,
    /// Public URL of the server.
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server.
    Serve {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        listen: Listen,
    },
    /// Build a demo city in a fresh database and run the server on it.
    Demo {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        listen: Listen,
    },
    /// Apply the database migrations.
    Migrate {
        #[command(flatten)]
        common: Common,
    },
    /// Set up a new deployment: the region and its first accounts.
    Init {
        #[command(flatten)]
        common: Common,
        /// Administrative division code of the region, e.g. 140500.
        #[arg(long)]
        region_code: String,
        /// Name of the region, e.g. 晋城市.
        #[arg(long)]
        region_name: String,
    },
    /// Manage user accounts.
    User {
        #[command(flatten)]
        common: Common,
        #[command(subcommand)]
        action: UserAction,
    },
    /// A consistent copy of the database while it runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump).
    Backup {
        #[command(flatten)]
        common: Common,
        /// The new backup file.
        file: std::path::PathBuf,
    },
    /// Put a backup back, checking its audit chains (SQLite: stop the server first).
    Restore {
        #[command(flatten)]
        common: Common,
        /// The backup file.
        file: std::path::PathBuf,
        /// Replace a database that holds data (a SQLite file is kept as .before-restore-…).
        #[arg(long)]
        force: bool,
    },
    /// Check the audit log's hash chain.
    Audit {
        #[command(flatten)]
        common: Common,
    },
    /// Run the background jobs that are due, once.
    Jobs {
        #[command(flatten)]
        common: Common,
    },
    /// Fill an empty database with benchmark data: a city (≈100 units, 20,000 tasks, ≈190,000
    /// reports) or a province of fifteen cities. Reproducible from --seed.
    Gen {
        #[command(flatten)]
        common: Common,
        /// `city` or `province`.
        #[arg(long, default_value = "city")]
        size: GenSize,
        /// Seed of the random generator.
        #[arg(long, default_value_t = 2020)]
        seed: u64,
    },
    /// Read a document (.txt or .docx) and print the tasks it proposes.
    Extract {
        /// The document: plain text (UTF-8 or GB18030) or Word (.docx).
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Score against a gold file of hand labels instead: prints precision and recall.
        #[arg(long, value_name = "GOLD.json")]
        eval: Option<PathBuf>,
        /// The year relative dates (6月底前) belong to; default: the first year the text writes.
        #[arg(long)]
        year: Option<i32>,
        /// Also list principles (坚持…), which are recognised but not proposed as tasks.
        #[arg(long)]
        all: bool,
    },
}

/// How much benchmark data.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum GenSize {
    /// One city.
    City,
    /// Fifteen cities in a province.
    Province,
}

#[derive(Debug, Subcommand)]
enum UserAction {
    /// Set a user's password (read from LUOSHI_NEW_PASSWORD, or generated and printed).
    Password {
        /// The user's login name.
        username: String,
        /// The code of the user's region (needed when more than one region has accounts).
        #[arg(long)]
        region: Option<String>,
    },
    /// Turn off an account's two-step verification (a lost phone).
    TotpOff {
        /// The login name.
        username: String,
        /// The code of the region (needed when more than one region has accounts).
        #[arg(long)]
        region: Option<String>,
    },
    /// Lift every lock on a login name (when even the security officer is locked out).
    Unlock {
        /// The login name.
        username: String,
        /// The code of the region (needed when more than one region has accounts).
        #[arg(long)]
        region: Option<String>,
    },
}

fn main() -> ExitCode {
    no_transparent_huge_pages();
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime.block_on(run()),
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Asks Linux not to back this process's memory with transparent huge pages. mimalloc asks for
/// them, and memory it hands back and takes again then comes as a 2 MiB page the kernel must
/// clear whole. Without them the city server rests at 29–39 MB instead of 60 MB and peaks at
/// 118–142 MB instead of 150–170 MB under the deadline-day mix, as fast (docs/benchmarks.md).
/// mimalloc's own `MIMALLOC_ALLOW_THP`, when set, decides instead.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: a process-wide flag; no memory is passed to the call.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
}

async fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve { common, listen } => commands::serve(common, listen).await,
        Command::Demo { common, listen } => commands::demo(common, listen).await,
        Command::Migrate { common } => commands::migrate(common).await,
        Command::Init {
            common,
            region_code,
            region_name,
        } => commands::init(common, &region_code, &region_name).await,
        Command::User {
            common,
            action: UserAction::Password { username, region },
        } => commands::password(common, &username, region.as_deref()).await,
        Command::User {
            common,
            action: UserAction::Unlock { username, region },
        } => commands::unlock(common, &username, region.as_deref()).await,
        Command::User {
            common,
            action: UserAction::TotpOff { username, region },
        } => commands::totp_off(common, &username, region.as_deref()).await,
        Command::Audit { common } => commands::audit(common).await,
        Command::Backup { common, file } => backup::backup_cmd(common, &file).await,
        Command::Restore { common, file, force } => backup::restore_cmd(common, &file, force).await,
        Command::Jobs { common } => commands::jobs(common).await,
        Command::Gen { common, size, seed } => {
            let size = match size {
                GenSize::City => luoshi_demo::bench_data::Size::City,
                GenSize::Province => luoshi_demo::bench_data::Size::Province,
            };
            bench_data::run(common, size, seed).await
        }
        Command::Extract {
            file,
            json,
            eval,
            year,
            all,
        } => extract::run(&extract::Options {
            file: &file,
            json,
            eval: eval.as_deref(),
            year,
            all,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("luoshi: {e}");
            ExitCode::FAILURE
        }
    }
}
