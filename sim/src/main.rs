//! `openim-sim` command: parse flags (and their environment fallbacks),
//! then serve.

use clap::Parser;
use openim_sim::config::Config;

#[tokio::main]
async fn main() {
    let config = Config::parse();
    if let Err(e) = openim_sim::serve(config).await {
        eprintln!("openim-sim: {e}");
        std::process::exit(1);
    }
}
