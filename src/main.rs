//! The command-line interface: a thin shell over `report_analyzer::analyze_bytes`.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

// mimalloc: see Cargo.toml (the CLI's choice; the library leaves it to its users).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
