//! `openim-sim` command: parse flags, then serve.

use openim_sim::config::{Config, Parsed, USAGE};

#[tokio::main]
async fn main() {
    let parsed = Config::from_args(std::env::args().skip(1), |k| std::env::var(k).ok());
    let config = match parsed {
        Ok(Parsed::Run(c)) => c,
        Ok(Parsed::Help) => {
            print!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("openim-sim: {e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = openim_sim::serve(config).await {
        eprintln!("openim-sim: {e}");
        std::process::exit(1);
    }
}
