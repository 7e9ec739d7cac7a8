use clap::Parser;

/// mimalloc: loading the world layer makes and frees hundreds of thousands
/// of small strings, a third of its time in the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = factlint::cli::Cli::parse();
    std::process::exit(factlint::cli::run(cli));
}
