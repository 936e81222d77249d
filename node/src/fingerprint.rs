//! `gongyu-node fingerprint DIR`: the architecture fingerprint of the weights below a
//! directory, as a model version registers it (the rules are in [`crate::architecture`]).

use std::path::PathBuf;

use crate::architecture::Architecture;

/// Arguments of `gongyu-node fingerprint`.
#[derive(Debug, Clone, clap::Parser)]
pub struct FingerprintCmd {
	/// The directory holding the model's `.safetensors` files.
	pub dir: PathBuf,

	/// Print JSON (`{"fingerprint":"0x…","tensors":…}`) instead of the bare fingerprint.
	#[arg(long)]
	pub json: bool,
}

impl FingerprintCmd {
	/// Runs the command: prints the fingerprint.
	pub fn run(&self) -> Result<(), String> {
		let architecture = Architecture::of_directory(&self.dir).map_err(|e| e.to_string())?;
		let fingerprint = format!("0x{}", hex::encode(architecture.fingerprint()));
		if self.json {
			println!(
				"{}",
				serde_json::json!({"fingerprint": fingerprint, "tensors": architecture.len()})
			);
		} else {
			println!("{fingerprint}");
		}
		Ok(())
	}
}
