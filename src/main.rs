use clap::Parser;

fn main() {
    let cli = factlint::cli::Cli::parse();
    std::process::exit(factlint::cli::run(cli));
}
